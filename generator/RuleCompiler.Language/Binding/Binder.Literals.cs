using System;
using System.Globalization;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

// Literals are read by the type of the field they belong to, never by YAML's guess (spec §3).
public sealed partial class Binder
{
    /// <summary>
    /// A literal of <paramref name="type"/>; <paramref name="subject"/> names what it is for in messages (default: the
    /// field). An input value of a test case (<paramref name="isInput"/>) may be NaN (<c>.nan</c>): no test can compare
    /// with NaN, but an input can be one, and an analysis example input can need it.
    /// </summary>
    private Value? Literal(YamlNode node, FieldModel field, FieldType type, string? subject = null, bool isInput = false)
    {
        if (Scalar(node, $"A value for '{field.Name}'") is not { } scalar)
        {
            return null;
        }

        var text = scalar.Value;
        string? problem;
        switch (type)
        {
            case FieldType.String:
            case FieldType.StringList:
                return Value.String(text);
            case FieldType.Int:
            case FieldType.Long:
                if (TryInteger(text, type, out var integer, out problem))
                {
                    return type == FieldType.Int ? Value.Int(integer) : Value.Long(integer);
                }

                break;
            case FieldType.Decimal:
                if (TryDecimal(text, out var dec, out problem))
                {
                    return Value.Dec(dec);
                }

                break;
            case FieldType.Double:
                if (TryDouble(text, isInput, out var real, out problem))
                {
                    return Value.Dbl(real);
                }

                break;
            case FieldType.Bool:
                switch (text)
                {
                    case "true": case "True": case "TRUE": return Value.Bool(true);
                    case "false": case "False": case "FALSE": return Value.Bool(false);
                }

                problem = "only true or false are booleans";
                break;
            default:
                var ordinal = IndexOf(field, text);
                if (ordinal >= 0)
                {
                    return Value.Enum(ordinal);
                }

                problem = "the enum's values are " + string.Join(", ", field.EnumValues);
                break;
        }

        Report(DiagnosticCatalog.InvalidLiteral.At(scalar.Span, text, type == FieldType.StringList ? "string" : type.YamlName(), subject ?? field.Name, problem ?? "it is not valid"));
        return null;
    }

    private static int IndexOf(FieldModel field, string text)
    {
        for (var i = 0; i < field.EnumValues.Count; i++)
        {
            if (field.EnumValues[i] == text)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryInteger(string text, FieldType type, out long value, out string? problem)
    {
        problem = null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            var isNumber = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            problem = isNumber && !text.Contains(".") && !text.Contains("e") && !text.Contains("E")
                ? $"it does not fit in a {type.YamlName()}"
                : isNumber ? "a whole number is needed" : "it is not a number";
            return false;
        }

        if (type == FieldType.Int && (value < int.MinValue || value > int.MaxValue))
        {
            problem = "it does not fit in an int (-2147483648 to 2147483647); use long";
            return false;
        }

        return true;
    }

    private static bool TryDecimal(string text, out decimal value, out string? problem)
    {
        problem = null;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        problem = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "it does not fit in a decimal" : "it is not a number";
        return false;
    }

    private static bool TryDouble(string text, bool allowNaN, out double value, out string? problem)
    {
        problem = null;
        switch (text)
        {
            case ".nan" when allowNaN: case ".NaN" when allowNaN: case ".NAN" when allowNaN:
                value = double.NaN;
                return true;
            case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf": case "-.Inf": case "-.INF":
                value = double.NegativeInfinity;
                return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || double.IsNaN(value))
        {
            problem = text.IndexOf("nan", StringComparison.OrdinalIgnoreCase) >= 0 ? "NaN equals nothing, so it cannot be a literal" : "it is not a number";
            return false;
        }

        if (double.IsInfinity(value))
        {
            problem = "it is too large for a double; write .inf for infinity";
            return false;
        }

        return true;
    }
}
