using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

/// <summary>
/// Rule-file values and conditions written back as YAML flow text, for what <c>Explain</c> reports as expected.
/// Strings are quoted exactly where the runtime's <c>RuleYaml</c> quotes the input values they are compared with
/// (a test keeps the two in step), so an operand and an input value always read alike.
/// </summary>
internal static class YamlText
{
    /// <summary>A test's operand: one value, or <c>[a, b]</c> for <c>in</c>-like operators and <c>between</c>.</summary>
    public static string Operand(TestCondition test, FieldModel field) => test.Operator switch
    {
        TestOperator.In or TestOperator.NotIn or TestOperator.ContainsAny or TestOperator.ContainsAll or TestOperator.Between =>
            "[" + string.Join(", ", test.Operands.Select(o => Value(o, field))) + "]",
        _ => Value(test.Operands[0], field),
    };

    public static string Value(Value value, FieldModel field) => value.Type switch
    {
        FieldType.String or FieldType.StringList => Scalar(value.AsString),
        FieldType.Decimal => value.Decimal.ToString(CultureInfo.InvariantCulture),
        FieldType.Double => double.IsPositiveInfinity(value.Real) ? ".inf"
            : double.IsNegativeInfinity(value.Real) ? "-.inf"
            : value.Real.ToString("R", CultureInfo.InvariantCulture),
        FieldType.Bool => value.AsBool ? "true" : "false",
        FieldType.Enum => Scalar(field.EnumValues[(int)value.Integer]),
        _ => value.Integer.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A condition as a one-line flow mapping, in the shape a rule author writes: <c>{ args: { contains: -i } }</c>.</summary>
    public static string Condition(Condition condition, IReadOnlyList<FieldModel> inputs)
    {
        var entries = Entries(condition, inputs);
        return entries.Count == 0 ? "{}" : "{ " + string.Join(", ", entries.Select(e => e.Text)) + " }";
    }

    private static List<(string Key, string Text)> Entries(Condition condition, IReadOnlyList<FieldModel> inputs)
    {
        switch (condition)
        {
            case TestCondition test:
                return new List<(string, string)> { Entry(new[] { test }, inputs) };
            case AnyCondition any:
                return new List<(string, string)> { ("any", "any: [" + string.Join(", ", any.Items.Select(item => Condition(item, inputs))) + "]") };
            case NotCondition not:
                return new List<(string, string)> { ("not", "not: " + Condition(not.Operand, inputs)) };
            case AllCondition all:
                // An operator mapping ({ gt: 1, lt: 5 }) binds to the tests of one field under one all.
                var tests = all.Items.OfType<TestCondition>().ToList();
                if (tests.Count > 1 && tests.Count == all.Items.Count && tests.All(t => t.Field == tests[0].Field && t.IgnoreCase == tests[0].IgnoreCase))
                {
                    return new List<(string, string)> { Entry(tests, inputs) };
                }

                var entries = all.Items.SelectMany(item => Entries(item, inputs)).ToList();
                return entries.Select(e => e.Key).Distinct().Count() == entries.Count
                    ? entries
                    : new List<(string, string)> { ("all", "all: [" + string.Join(", ", all.Items.Select(item => Condition(item, inputs))) + "]") };
            default:
                return new List<(string, string)>();
        }
    }

    // field: value / field: [a, b] where the shorthand says the same; otherwise field: { op: operand, ... }.
    private static (string Key, string Text) Entry(IReadOnlyList<TestCondition> tests, IReadOnlyList<FieldModel> inputs)
    {
        var field = inputs[tests[0].Field];
        var name = Scalar(field.Name);
        var only = tests[0];
        if (tests.Count == 1 && !only.IgnoreCase && field.Type != FieldType.StringList && only.Operator is TestOperator.Eq or TestOperator.In)
        {
            return (name, name + ": " + Operand(only, field));
        }

        var operators = tests.Select(t => t.Operator.YamlName() + ": " + Operand(t, field));
        if (only.IgnoreCase)
        {
            operators = operators.Append("ignore-case: true");
        }

        return (name, name + ": { " + string.Join(", ", operators) + " }");
    }

    /// <summary>A string as a plain scalar where YAML reads it back unchanged, else double-quoted. Mirrors <c>RuleYaml.Format(string)</c>.</summary>
    public static string Scalar(string text) => NeedsQuotes(text) ? Quote(text) : text;

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return true;
        }

        var first = text[0];
        if ("#&*!|>'\"%@`".IndexOf(first) >= 0
            || (first is '-' or '?' or ':' && (text.Length == 1 || IsBlankOrFlow(text[1])))
            || IsBlank(first) || IsBlank(text[text.Length - 1]) || text[text.Length - 1] == ':')
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsFlow(c) || NeedsEscape(text, i)
                || (c == ':' && i + 1 < text.Length && IsBlankOrFlow(text[i + 1]))
                || (c == '#' && IsBlank(text[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';

    private static bool IsFlow(char c) => c is ',' or '[' or ']' or '{' or '}';

    private static bool IsBlankOrFlow(char c) => IsBlank(c) || IsFlow(c);

    private static bool NeedsEscape(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        }

        return c < ' ' || c is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF';
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (NeedsEscape(text, i))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
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
