using System;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Compiling;

/// <summary>A rule file's literal as the CLR value generated code holds for its field: outputs made at load, untyped inputs' zeros and texts.</summary>
internal static class ClrValues
{
    /// <param name="value">The literal.</param>
    /// <param name="field">Its field.</param>
    /// <param name="enumType">For an enum: the generated enum type to make it of; null for its ordinal (an int).</param>
    public static object Of(Value value, FieldModel field, Type? enumType = null) => field.Type switch
    {
        FieldType.String => value.AsString,
        FieldType.Int => (int)value.Integer,
        FieldType.Long => value.Integer,
        FieldType.Decimal => value.Decimal,
        FieldType.Double => value.Real,
        FieldType.Bool => value.AsBool,
        FieldType.Enum => enumType is { IsEnum: true } ? Enum.ToObject(enumType, (int)value.Integer) : (int)value.Integer,
        FieldType.Date => DateOnly.FromDayNumber((int)value.Integer),
        FieldType.DateTime => new DateTimeOffset(Temporal.LocalTicks(value), TimeSpan.FromMinutes(Temporal.OffsetMinutes(value))),
        FieldType.Time => new TimeOnly(value.Integer),
        FieldType.Duration => new TimeSpan(value.Integer),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no CLR value of this type"),
    };
}
