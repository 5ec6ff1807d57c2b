using System;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Model;

/// <summary>
/// A typed value: a literal of a rule file, or an input or output value in the reference evaluator.
/// One shape for every type keeps the model equatable and the evaluator free of boxing.
/// Int, long and enum (its ordinal) and bool (0 or 1) use <see cref="Integer"/>.
/// </summary>
public readonly record struct Value(FieldType Type, long Integer, decimal Decimal, double Real, string? Text, EquatableArray<string> Items)
{
    public static Value String(string text) => new(FieldType.String, 0, 0m, 0d, text, default);

    public static Value Int(long value) => new(FieldType.Int, value, 0m, 0d, null, default);

    public static Value Long(long value) => new(FieldType.Long, value, 0m, 0d, null, default);

    public static Value Dec(decimal value) => new(FieldType.Decimal, 0, value, 0d, null, default);

    public static Value Dbl(double value) => new(FieldType.Double, 0, 0m, value, null, default);

    public static Value Bool(bool value) => new(FieldType.Bool, value ? 1 : 0, 0m, 0d, null, default);

    public static Value Enum(int ordinal) => new(FieldType.Enum, ordinal, 0m, 0d, null, default);

    public static Value List(EquatableArray<string> items) => new(FieldType.StringList, 0, 0m, 0d, null, items);

    /// <summary>A value held in <see cref="Integer"/>: int, long, bool, enum or date (see <see cref="ValueKind.Integer"/>).</summary>
    public static Value Of(FieldType type, long integer) => new(type, integer, 0m, 0d, null, default);

    /// <summary>The value an input left out takes, and an output without a default: "", 0, false, the first enum value, [].</summary>
    public static Value Zero(FieldType type) => type.Info().Zero;

    public string AsString => Text ?? string.Empty;

    public bool AsBool => Integer != 0;

    /// <summary>Equality as rules see it: decimal 1.0 equals 1.00, NaN equals nothing, strings ordinally.</summary>
    public bool SameAs(Value other, bool ignoreCase = false) => Type.Info().Kind switch
    {
        ValueKind.Text => string.Equals(AsString, other.AsString, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
        ValueKind.Integer => Integer == other.Integer,
        ValueKind.Decimal => Decimal == other.Decimal,
        ValueKind.Real => Real == other.Real,
        ValueKind.TextList => Items.Equals(other.Items),
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "unknown value kind"),
    };

    /// <summary>Orders values of an ordered type; NaN compares as unordered, which callers treat as "test fails".</summary>
    public int CompareNumber(Value other) => Type.Info().Kind switch
    {
        ValueKind.Integer => Integer.CompareTo(other.Integer),
        ValueKind.Decimal => Decimal.CompareTo(other.Decimal),
        ValueKind.Real => Real.CompareTo(other.Real),
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "values of this type are not ordered"),
    };

    public bool IsNaN => Type.Info().Kind == ValueKind.Real && double.IsNaN(Real);

    /// <summary>The value written as a YAML flow scalar, for messages and witness inputs an author can paste.</summary>
    public string ToYaml(FieldModel? field = null) => Type.Info().ToYaml(this, field);
}
