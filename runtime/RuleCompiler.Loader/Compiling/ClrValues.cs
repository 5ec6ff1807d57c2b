using System;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Compiling;

/// <summary>
/// A rule file's literal as the CLR value generated code holds for its field (outputs made at load, untyped inputs'
/// zeros and texts), and back (an untyped input's slots as the values the interpreter evaluates).
/// </summary>
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

    /// <summary>
    /// The value of input <paramref name="field"/> held as <see cref="InputAccess.ClrType"/> (an untyped input's slot),
    /// as the reference evaluator reads it: the inverse of <see cref="Of"/>, where a null string or absent map key is a
    /// null text (read as "", absent for <c>exists</c>) and a null list is empty, as generated code reads them.
    /// </summary>
    public static Value ValueOf(object? clr, FieldModel field) => field.IsMapKey ? Text((string?)clr) : field.Type switch
    {
        FieldType.String => Text((string?)clr),
        FieldType.StringList => Value.List(clr is string[] items ? new EquatableArray<string>(items) : EquatableArray<string>.Empty),
        FieldType.Int or FieldType.Enum => Value.Of(field.Type, (int)clr!),
        FieldType.Long => Value.Long((long)clr!),
        FieldType.Decimal => Value.Dec((decimal)clr!),
        FieldType.Double => Value.Dbl((double)clr!),
        FieldType.Bool => Value.Bool((bool)clr!),
        FieldType.Date => Value.Of(FieldType.Date, ((DateOnly)clr!).DayNumber),
        FieldType.DateTime => Temporal.OfDateTime(((DateTimeOffset)clr!).UtcTicks, (int)((DateTimeOffset)clr!).Offset.TotalMinutes),
        FieldType.Time => Value.Of(FieldType.Time, ((TimeOnly)clr!).Ticks),
        FieldType.Duration => Value.Of(FieldType.Duration, ((TimeSpan)clr!).Ticks),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no input of this type"),
    };

    private static Value Text(string? text) => new(FieldType.String, 0, 0m, 0d, text, default);
}
