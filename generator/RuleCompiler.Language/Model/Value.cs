using System;
using System.Globalization;
using System.Text;
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

    /// <summary>The value an input left out takes, and an output without a default: "", 0, false, the first enum value, [].</summary>
    public static Value Zero(FieldType type) => type switch
    {
        FieldType.String => String(string.Empty),
        FieldType.Int => Int(0),
        FieldType.Long => Long(0),
        FieldType.Decimal => Dec(0m),
        FieldType.Double => Dbl(0d),
        FieldType.Bool => Bool(false),
        FieldType.Enum => Enum(0),
        _ => List(EquatableArray<string>.Empty),
    };

    public string AsString => Text ?? string.Empty;

    public bool AsBool => Integer != 0;

    /// <summary>Equality as rules see it: decimal 1.0 equals 1.00, NaN equals nothing, strings ordinally.</summary>
    public bool SameAs(Value other, bool ignoreCase = false) => Type switch
    {
        FieldType.String => string.Equals(AsString, other.AsString, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
        FieldType.Decimal => Decimal == other.Decimal,
        FieldType.Double => Real == other.Real,
        FieldType.StringList => Items.Equals(other.Items),
        _ => Integer == other.Integer,
    };

    /// <summary>Orders numbers; NaN compares as unordered, which callers treat as "test fails".</summary>
    public int CompareNumber(Value other) => Type switch
    {
        FieldType.Decimal => Decimal.CompareTo(other.Decimal),
        FieldType.Double => Real.CompareTo(other.Real),
        _ => Integer.CompareTo(other.Integer),
    };

    public bool IsNaN => Type == FieldType.Double && double.IsNaN(Real);

    /// <summary>The value written as a YAML flow scalar, for messages and witness inputs an author can paste.</summary>
    public string ToYaml(FieldModel? field = null)
    {
        switch (Type)
        {
            case FieldType.String:
                return Quote(AsString);
            case FieldType.Int:
            case FieldType.Long:
                return Integer.ToString(CultureInfo.InvariantCulture);
            case FieldType.Decimal:
                return Decimal.ToString(CultureInfo.InvariantCulture);
            case FieldType.Double:
                return double.IsNaN(Real) ? ".nan"
                    : double.IsPositiveInfinity(Real) ? ".inf"
                    : double.IsNegativeInfinity(Real) ? "-.inf"
                    : Real.ToString("R", CultureInfo.InvariantCulture);
            case FieldType.Bool:
                return AsBool ? "true" : "false";
            case FieldType.Enum:
                return field is not null && Integer >= 0 && Integer < field.EnumValues.Count
                    ? field.EnumValues[(int)Integer]
                    : "#" + Integer.ToString(CultureInfo.InvariantCulture);
            default:
                var builder = new StringBuilder("[");
                for (var i = 0; i < Items.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ").Append(Quote(Items[i]));
                }

                return builder.Append(']').ToString();
        }
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
