using System;
using System.Linq;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

// Leaf checks: a condition as a C# boolean expression over `input`. Regexes, globs and string sets become
// static readonly fields, built once and shared by every check that uses them.
internal sealed partial class CSharpEmitter
{
    private const string Ordinal = "global::System.StringComparison.Ordinal";
    private const string OrdinalIgnoreCase = "global::System.StringComparison.OrdinalIgnoreCase";

    /// <summary>The condition as C#; <paramref name="nested"/> parenthesizes it for use inside another expression.</summary>
    private string Expression(Condition condition, bool nested = true)
    {
        var text = condition switch
        {
            AllCondition { Items.Count: 0 } => "true",
            AllCondition all => string.Join(" && ", all.Items.Select(item => Expression(item))),
            AnyCondition any => string.Join(" || ", any.Items.Select(item => Expression(item))),
            NotCondition not => "!" + Expression(not.Operand),
            TestCondition test => Test(test),
            _ => throw new ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition)),
        };
        return nested && condition is not (AllCondition { Items.Count: 0 } or NotCondition) ? "(" + text + ")" : text;
    }

    private string Test(TestCondition test)
    {
        var field = _model.Inputs[test.Field];
        var value = field.Type switch
        {
            FieldType.String => $"(input.{field.PropertyName} ?? \"\")",
            FieldType.StringList => $"new global::System.ReadOnlySpan<string>(input.{field.PropertyName})",
            _ => $"input.{field.PropertyName}",
        };
        var comparison = test.IgnoreCase ? OrdinalIgnoreCase : Ordinal;
        string Literal(Value v) => CSharpLiterals.Of(v, field, EnumType(field));

        switch (test.Operator)
        {
            case TestOperator.Eq:
                return Equal(value, test.Operands[0], field, test.IgnoreCase);
            case TestOperator.Ne:
                return "!" + Parenthesize(Equal(value, test.Operands[0], field, test.IgnoreCase));
            case TestOperator.In:
                return string.Join(" || ", test.Operands.Select(o => Equal(value, o, field, test.IgnoreCase)));
            case TestOperator.NotIn:
                return "!(" + string.Join(" || ", test.Operands.Select(o => Equal(value, o, field, test.IgnoreCase))) + ")";
            case TestOperator.Lt:
                return $"{value} < {Literal(test.Operands[0])}";
            case TestOperator.Lte:
                return $"{value} <= {Literal(test.Operands[0])}";
            case TestOperator.Gt:
                return $"{value} > {Literal(test.Operands[0])}";
            case TestOperator.Gte:
                return $"{value} >= {Literal(test.Operands[0])}";
            case TestOperator.Between:
                return $"{value} >= {Literal(test.Operands[0])} && {value} <= {Literal(test.Operands[1])}";
            case TestOperator.Prefix:
                return $"{value}.StartsWith({Literal(test.Operands[0])}, {comparison})";
            case TestOperator.Suffix:
                return $"{value}.EndsWith({Literal(test.Operands[0])}, {comparison})";
            case TestOperator.Contains:
                return $"{value}.Contains({Literal(test.Operands[0])}, {comparison})";
            // A glob of only stars keeps its matcher: a constant true would make the C# compiler warn of unreachable code.
            case TestOperator.Glob when !test.IgnoreCase && GlobMatcher.LiteralForm(test.Operands[0].AsString) is { Kind: not GlobLiteralKind.Anything } form:
                return LiteralGlob(value, form);
            case TestOperator.Glob:
                return $"{GlobField(test.Operands[0].AsString, test.IgnoreCase)}.IsMatch({value})";
            case TestOperator.Regex:
                return $"{RegexField(test.Operands[0].AsString, test.IgnoreCase)}.IsMatch({value})";
            case TestOperator.ListContains:
                return $"{Runtime}.RuleText.Contains({value}, {Literal(test.Operands[0])}, {comparison})";
            case TestOperator.ContainsAny:
                return $"{Runtime}.RuleText.ContainsAny({value}, {SetField(test)}, {comparison})";
            case TestOperator.ContainsAll:
                return $"{Runtime}.RuleText.ContainsAll({value}, {SetField(test)}, {comparison})";
            case TestOperator.Empty:
                return $"(input.{field.PropertyName}?.Length ?? 0) {(test.Operands[0].AsBool ? "==" : "!=")} 0";
            default:
                throw new ArgumentOutOfRangeException(nameof(test), test.Operator, "unknown operator");
        }
    }

    /// <summary>A glob that plain-text tests decide, as those tests: no matcher object, and the JIT vectorizes them.</summary>
    private static string LiteralGlob(string value, GlobLiteralForm form)
    {
        var first = CSharpLiterals.String(form.First);
        return form.Kind switch
        {
            GlobLiteralKind.Exact => $"{value} == {first}",
            GlobLiteralKind.Prefix => $"{value}.StartsWith({first}, {Ordinal})",
            GlobLiteralKind.Suffix => $"{value}.EndsWith({first}, {Ordinal})",
            GlobLiteralKind.Contains => $"{value}.Contains({first}, {Ordinal})",
            _ => $"{value}.Length >= {form.First.Length + form.Second.Length} && {value}.StartsWith({first}, {Ordinal}) && {value}.EndsWith({CSharpLiterals.String(form.Second)}, {Ordinal})",
        };
    }

    private string Equal(string value, Value operand, FieldModel field, bool ignoreCase)
    {
        var literal = CSharpLiterals.Of(operand, field, EnumType(field));
        return field.Type switch
        {
            FieldType.String when ignoreCase => $"string.Equals({value}, {literal}, {OrdinalIgnoreCase})",
            FieldType.Bool => operand.AsBool ? value : "!" + value,
            _ => $"{value} == {literal}",
        };
    }

    private static string Parenthesize(string expression) => "(" + expression + ")";

    private string RegexField(string pattern, bool ignoreCase)
    {
        if (!_regexes.TryGetValue((pattern, ignoreCase), out var name))
        {
            name = $"s_regex{_regexes.Count}";
            _regexes.Add((pattern, ignoreCase), name);
            var options = "global::System.Text.RegularExpressions.RegexOptions.NonBacktracking | global::System.Text.RegularExpressions.RegexOptions.CultureInvariant"
                + (ignoreCase ? " | global::System.Text.RegularExpressions.RegexOptions.IgnoreCase" : string.Empty);
            _tableFields.Add($"private static readonly global::System.Text.RegularExpressions.Regex {name} = new({CSharpLiterals.String(pattern)}, {options});");
        }

        return name;
    }

    private string GlobField(string pattern, bool ignoreCase)
    {
        if (!_globs.TryGetValue((pattern, ignoreCase), out var name))
        {
            name = $"s_glob{_globs.Count}";
            _globs.Add((pattern, ignoreCase), name);
            _tableFields.Add($"private static readonly {Runtime}.GlobPattern {name} = new({CSharpLiterals.String(pattern)}, ignoreCase: {(ignoreCase ? "true" : "false")});");
        }

        return name;
    }

    private string SetField(TestCondition test)
    {
        var items = string.Join(", ", test.Operands.Select(o => CSharpLiterals.String(o.AsString)));
        if (!_stringSets.TryGetValue(items, out var name))
        {
            name = $"s_strings{_stringSets.Count}";
            _stringSets.Add(items, name);
            _tableFields.Add($"private static readonly string[] {name} = [{items}];");
        }

        return name;
    }
}
