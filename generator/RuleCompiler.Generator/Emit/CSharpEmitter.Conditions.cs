using System;
using System.Linq;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Lowering;
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
        // A negation (ne, not-in, not-contains) is "not" its positive, whatever the operator.
        if (test.Operator.Info().Positive(test) is { } positive)
        {
            return "!" + Parenthesize(Test(positive));
        }

        var field = _model.Inputs[test.Field];
        var value = TextOf(field);
        var comparison = test.IgnoreCase ? OrdinalIgnoreCase : Ordinal;
        string Literal(Value v) => CSharpTypes.Key(v, field, EnumType(field));

        switch (test.Operator)
        {
            case TestOperator.Eq:
                return Equal(value, test.Operands[0], field, test.IgnoreCase);
            case TestOperator.In:
                return string.Join(" || ", test.Operands.Select(o => Equal(value, o, field, test.IgnoreCase)));
            case TestOperator.Lt:
                return $"{value} < {Literal(test.Operands[0])}";
            case TestOperator.Lte:
                return $"{value} <= {Literal(test.Operands[0])}";
            case TestOperator.Gt:
                return $"{value} > {Literal(test.Operands[0])}";
            case TestOperator.Gte:
                return $"{value} >= {Literal(test.Operands[0])}";
            case TestOperator.Between:
                // lo > hi only on a type that wraps around (a time of day): the window across midnight.
                return Window(value, Literal(test.Operands[0]), Literal(test.Operands[1]), wraps: test.Operands[0].CompareNumber(test.Operands[1]) > 0);
            case TestOperator.Weekday:
                // A bit per weekday, DayOfWeek's numbering (Sunday 0), on the value's own clock.
                var mask = test.Operands.Aggregate(0, (bits, day) => bits | (1 << (int)day.Integer));
                return $"((0x{mask:X2} >> (int){Access(field)}.DayOfWeek) & 1) != 0";
            case TestOperator.TimeBetween:
                var (lo, hi) = (test.Operands[0].Integer, test.Operands[1].Integer);
                return Window($"{Access(field)}.TimeOfDay.Ticks", $"{lo}L", $"{hi}L", wraps: lo > hi);
            case TestOperator.Prefix:
                return $"{value}.StartsWith({Literal(test.Operands[0])}, {comparison})";
            case TestOperator.Suffix:
                return $"{value}.EndsWith({Literal(test.Operands[0])}, {comparison})";
            case TestOperator.Contains:
                return $"{value}.Contains({Literal(test.Operands[0])}, {comparison})";
            case TestOperator.Glob when Lowerer.LiteralGlob(test) is { } form:
                return LiteralGlob(value, form);
            case TestOperator.Glob:
                return $"{GlobField(test.Operands[0].AsString, test.IgnoreCase)}.IsMatch({value})";
            case TestOperator.Regex when _lowered.AutomatonOf(test.Field, new(test.Operands[0].AsString, test.IgnoreCase)) is var (automaton, bit):
                return _scans.Contains(automaton)
                    ? $"{ScanLocal(field, automaton)}.IsMatch({bit})"
                    : $"{Runtime}.PatternSet.IsMatch({AutomatonField(automaton)}, {value}, {bit})";
            case TestOperator.Regex:
                return $"{RegexField(test.Operands[0].AsString, test.IgnoreCase)}.IsMatch({value})";
            case TestOperator.ListContains:
                return $"{Runtime}.RuleText.Contains({value}, {Literal(test.Operands[0])}, {comparison})";
            case TestOperator.ContainsAny:
                return $"{Runtime}.RuleText.ContainsAny({value}, {SetField(test)}, {comparison})";
            case TestOperator.ContainsAll:
                return $"{Runtime}.RuleText.ContainsAll({value}, {SetField(test)}, {comparison})";
            case TestOperator.Empty:
                return $"({Access(field)}?.Length ?? 0) {(test.Operands[0].AsBool ? "==" : "!=")} 0";
            case TestOperator.HasKey:
                // The key's value as looked up (never hoisted: a hoisted read is already "" for an absent key).
                return $"{Access(field)} is not null";
            case TestOperator.Ne:
            case TestOperator.NotIn:
            case TestOperator.NotContains:
            case TestOperator.ListNotContains:
                throw new InvalidOperationException(test.Operator + " is a negation; its positive is written");
            default:
                throw new ArgumentOutOfRangeException(nameof(test), test.Operator, "unknown operator");
        }
    }

    /// <summary>lo ≤ value ≤ hi; or, for a window that wraps around (lo &gt; hi), value ≥ lo or value ≤ hi.</summary>
    private static string Window(string value, string lo, string hi, bool wraps) =>
        wraps ? $"{value} >= {lo} || {value} <= {hi}" : $"{value} >= {lo} && {value} <= {hi}";

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
        var literal = CSharpTypes.Key(operand, field, EnumType(field));
        return field.Type switch
        {
            FieldType.String when ignoreCase => $"string.Equals({value}, {literal}, {OrdinalIgnoreCase})",
            FieldType.Bool => operand.AsBool ? value : "!" + value,
            FieldType.String or FieldType.Int or FieldType.Long or FieldType.Decimal or FieldType.Double or FieldType.Enum
                or FieldType.Date or FieldType.DateTime or FieldType.Time or FieldType.Duration => $"{value} == {literal}",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no equality test for this type"),
        };
    }

    private static string Parenthesize(string expression) => "(" + expression + ")";

    /// <summary>
    /// An automaton's table, written where a check first uses it, a row of numbers per line: an array the type
    /// initializer copies from the assembly's data (nothing parsed or built). Every evaluation that tests a regex
    /// reads it, so it is an array, not a span property (which allocates per read in a Debug build; see <c>Ints</c>).
    /// </summary>
    private string AutomatonField(int automaton)
    {
        var lowered = _lowered.Automata[automaton];
        if (_declared.Add(lowered.Name))
        {
            var lines = lowered.Table
                .Select((number, i) => (number, i))
                .GroupBy(entry => entry.i / 32, entry => entry.number.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Select(row => "    " + string.Join(", ", row) + ",");
            var patterns = string.Join(", ", lowered.Patterns.Select(p => CSharpLiterals.String(p.Pattern) + (p.IgnoreCase ? " (ignore-case)" : "")));
            _tableFields.Add(
                $"// An automaton for the regexes on {_model.Inputs[lowered.Field].Name} (bit i answers pattern i): {patterns}\n"
                + $"private static readonly ushort[] {lowered.Name} =\n[\n{string.Join("\n", lines)}\n];");
        }

        return lowered.Name;
    }

    // Static pattern members have the lowering's names; each is declared where the checks first use it.
    // A regex no automaton answers for is built on its first match (RuleRegex), so the type initializer parses none.
    private string RegexField(string pattern, bool ignoreCase) => Declare(PatternKind.Regex, pattern, ignoreCase, name =>
        $"private static readonly {Runtime}.RuleRegex {name} = new({CSharpLiterals.String(pattern)}, ignoreCase: {(ignoreCase ? "true" : "false")});");

    private string GlobField(string pattern, bool ignoreCase) => Declare(PatternKind.Glob, pattern, ignoreCase, name =>
        $"private static readonly {Runtime}.GlobPattern {name} = new({CSharpLiterals.String(pattern)}, ignoreCase: {(ignoreCase ? "true" : "false")});");

    private string SetField(TestCondition test) => Declare(PatternKind.StringSet, Lowerer.StringSetKey(test), ignoreCase: false, name =>
        $"private static readonly string[] {name} = [{string.Join(", ", test.Operands.Select(o => CSharpLiterals.String(o.AsString)))}];");

    private string Declare(PatternKind kind, string key, bool ignoreCase, System.Func<string, string> declaration)
    {
        var name = _lowered.PatternName(kind, key, ignoreCase);
        if (_declared.Add(name))
        {
            _tableFields.Add(declaration(name));
        }

        return name;
    }
}
