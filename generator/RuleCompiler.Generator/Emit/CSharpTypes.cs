using System;
using System.Globalization;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

/// <summary>
/// How each field type is spelled in C#: the emitter's half of a type's entry (the language's half is its
/// <see cref="FieldTypeInfo"/>). One switch per question, no arm that guesses: a type without an entry here fails
/// the snapshot and compile tests loudly.
/// </summary>
internal static class CSharpTypes
{
    /// <summary>The property type of a field: inputs take null for strings and lists (read as "" and empty).</summary>
    public static string Name(FieldModel field, bool isInput, string enumType) => field.Type switch
    {
        FieldType.String => isInput ? "string?" : "string",
        FieldType.Int => "int",
        FieldType.Long => "long",
        FieldType.Decimal => "decimal",
        FieldType.Double => "double",
        FieldType.Bool => "bool",
        FieldType.Enum => enumType,
        FieldType.StringList => "string[]?",
        FieldType.Date => "global::System.DateOnly",
        FieldType.DateTime => "global::System.DateTimeOffset",
        FieldType.Time => "global::System.TimeOnly",
        FieldType.Duration => "global::System.TimeSpan",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no C# type for this field type"),
    };

    /// <summary>
    /// The C# type tests compare: the field's own, or for a date its day number and for the other time types their
    /// ticks (a datetime's UTC ticks: instants), so that switches, range tables and comparisons work on plain integers.
    /// </summary>
    public static string KeyName(FieldModel field, string enumType) => field.Type switch
    {
        FieldType.Date => "int",
        FieldType.DateTime or FieldType.Time or FieldType.Duration => "long",
        FieldType.String => "string",
        _ => Name(field, isInput: true, enumType),
    };

    /// <summary>
    /// The field read as tests compare it (<see cref="KeyName"/>): a null string as "", a list as a span, a date as
    /// its day number. <paramref name="access"/> is the C# expression of the field's value (<c>input.Command</c>);
    /// <paramref name="operand"/>: parenthesized where needed to be the operand of a member access.
    /// </summary>
    public static string Read(FieldModel field, string access, bool operand = false) => field.Type switch
    {
        FieldType.String => operand ? $"({access} ?? \"\")" : $"{access} ?? \"\"",
        FieldType.StringList => $"new global::System.ReadOnlySpan<string>({access})",
        FieldType.Date => $"{access}.DayNumber",
        FieldType.DateTime => $"{access}.UtcTicks",
        FieldType.Time or FieldType.Duration => $"{access}.Ticks",
        FieldType.Int or FieldType.Long or FieldType.Decimal or FieldType.Double or FieldType.Bool or FieldType.Enum => access,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no C# read for this field type"),
    };

    /// <summary>A literal as tests compare it (<see cref="KeyName"/>): a date as its day number.</summary>
    public static string Key(Value value, FieldModel field, string enumType) => value.Type switch
    {
        FieldType.Date => value.Integer.ToString(CultureInfo.InvariantCulture),
        FieldType.DateTime or FieldType.Time or FieldType.Duration => value.Integer.ToString(CultureInfo.InvariantCulture) + "L",
        _ => Literal(value, field, enumType),
    };

    /// <summary>A value of the field's own C# type (outputs, defaults).</summary>
    public static string Literal(Value value, FieldModel field, string enumType) => value.Type switch
    {
        FieldType.String or FieldType.StringList => CSharpLiterals.String(value.AsString),
        FieldType.Int => value.Integer.ToString(CultureInfo.InvariantCulture),
        FieldType.Long => value.Integer.ToString(CultureInfo.InvariantCulture) + "L",
        FieldType.Decimal => value.Decimal.ToString(CultureInfo.InvariantCulture) + "m",
        FieldType.Double => CSharpLiterals.Double(value.Real),
        FieldType.Bool => value.AsBool ? "true" : "false",
        FieldType.Enum => enumType + "." + field.EnumMembers[(int)value.Integer],
        FieldType.Date => $"global::System.DateOnly.FromDayNumber({value.Integer.ToString(CultureInfo.InvariantCulture)})",
        FieldType.DateTime => $"new global::System.DateTimeOffset({Temporal.LocalTicks(value).ToString(CultureInfo.InvariantCulture)}L, global::System.TimeSpan.FromMinutes({Temporal.OffsetMinutes(value).ToString(CultureInfo.InvariantCulture)}))",
        FieldType.Time => $"new global::System.TimeOnly({value.Integer.ToString(CultureInfo.InvariantCulture)}L)",
        FieldType.Duration => $"new global::System.TimeSpan({value.Integer.ToString(CultureInfo.InvariantCulture)}L)",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "no C# literal for this type"),
    };
}
