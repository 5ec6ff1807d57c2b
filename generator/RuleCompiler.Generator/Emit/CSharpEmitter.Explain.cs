using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

// Explain: every rule's condition checked test by test, in file order, reporting the first test that fails.
// Cold code, kept apart from the plan: it never touches Evaluate, whose decision it returns by calling it. Each test
// is the very expression the plan's leaves use (same null handling, ignore-case, NaN, glob and regex fields).
// One small method per rule, and per any / compound not; more than MaxRulesPerExplainPart rules are split into parts.
internal sealed partial class CSharpEmitter
{
    private const int MaxRulesPerExplainPart = 256;

    private readonly Queue<(string Name, Condition Condition, RuleModel Rule)> _explainQueue = new();
    private readonly SortedSet<int> _explainedEnums = new();
    private int _explainMethods;

    private string TestFailureType => Runtime + ".TestFailure";

    private void EmitExplain()
    {
        var plainCollect = IsCollect && _model.Aggregate == Aggregate.None;
        var decision = plainCollect ? "Matches" : $"{Runtime}.RuleResult<{_output}>";
        var evaluate = plainCollect ? "EvaluateAll" : "Evaluate";
        var count = _model.Rules.Count;
        _w.Line("/// <summary>");
        _w.Line($"/// Explains <see cref=\"{evaluate}\"/>: its decision for <paramref name=\"input\"/>, and every rule in file order with whether it");
        _w.Line("/// held and, if not, the first test that failed. Allocates: for diagnosis, not for the hot path.");
        _w.Line("/// </summary>");
        OpenEntryPoint($"{Runtime}.RuleExplanation<{decision}>", MemberNames.Explain);
        _w.Line($"{Runtime}.RuleTrace[] traces = new {Runtime}.RuleTrace[{count}];");
        if (count <= MaxRulesPerExplainPart)
        {
            EmitTraces(0, count);
        }
        else
        {
            for (var part = 0; part * MaxRulesPerExplainPart < count; part++)
            {
                _w.Line($"ExplainRules{part}(in input, traces);");
            }
        }

        _w.Line($"return new({evaluate}(in input), traces);");
        _w.Close();

        for (var part = 0; count > MaxRulesPerExplainPart && part * MaxRulesPerExplainPart < count; part++)
        {
            _w.Line();
            _w.Open($"private static void ExplainRules{part}(in {NodeInput} input, {Runtime}.RuleTrace[] traces)");
            var first = part * MaxRulesPerExplainPart;
            EmitTraces(first, System.Math.Min(count, first + MaxRulesPerExplainPart));
            _w.Close();
        }

        foreach (var rule in _model.Rules)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (IsAlways(rule.When))
            {
                continue;
            }

            _explainMethods = 0;
            _w.Line();
            _w.Line($"// {rule.Id} (line {rule.Span.Line}): the first test that fails, in file order; null when the rule holds.");
            EmitConditionMethod($"ExplainRule{rule.Index}", rule.When, rule);
            while (_explainQueue.Count > 0)
            {
                var (name, condition, owner) = _explainQueue.Dequeue();
                _w.Line();
                _w.Line(condition is AnyCondition any
                    ? $"// {owner.Id}: the any at line {any.Span.Line}; null when one of its alternatives holds, else why each failed."
                    : $"// {owner.Id}: a condition under any or not; the first test that fails, null when it holds.");
                EmitConditionMethod(name, condition, owner);
            }
        }

        foreach (var field in _explainedEnums.Select(index => _model.Inputs[index]))
        {
            _w.Line();
            _w.Line($"private static string ExplainValue({EnumType(field)} value) => value switch");
            _w.Line("{");
            _w.Indent();
            for (var i = 0; i < field.EnumValues.Count; i++)
            {
                _w.Line($"{EnumType(field)}.{field.EnumMembers[i]} => {CSharpLiterals.String(RuleCompiler.Text.YamlScalars.String(field.EnumValues[i]))},");
            }

            _w.Line($"_ => {Runtime}.RuleYaml.Format((int)value),");
            _w.Outdent();
            _w.Line("};");
        }

        _w.Line();
    }

    private void EmitTraces(int from, int to)
    {
        for (var index = from; index < to; index++)
        {
            var rule = _model.Rules[index];
            _w.Line(IsAlways(rule.When)
                ? $"traces[{index}] = new(s_rules[{index}], null); // {rule.Id}: no condition, always holds"
                : $"traces[{index}] = new(s_rules[{index}], ExplainRule{index}(in input)); // {rule.Id}");
        }
    }

    private void EmitConditionMethod(string name, Condition condition, RuleModel rule)
    {
        _w.Open($"private static {TestFailureType}? {name}(in {NodeInput} input)");
        if (condition is AnyCondition any)
        {
            EmitAnyBody(any, rule);
        }
        else if (EmitFirstFailure(condition, rule))
        {
            _w.Line("return null;");
        }

        _w.Close();
    }

    /// <summary>Statements that return the condition's first failure; false when they always return (nothing may follow).</summary>
    private bool EmitFirstFailure(Condition condition, RuleModel rule)
    {
        switch (condition)
        {
            case TestCondition test:
                _w.Open($"if ({Fails(test)})");
                _w.Line($"return {Failure(test)};");
                _w.Close();
                return true;
            case AllCondition all:
                foreach (var item in all.Items)
                {
                    if (!EmitFirstFailure(item, rule))
                    {
                        return false;
                    }
                }

                return true;
            case AnyCondition any:
                var anyMethod = Enqueue(any, rule);
                var failure = "failure" + anyMethod.Substring(anyMethod.LastIndexOf('_') + 1);
                _w.Open($"if ({anyMethod}(in input) is {{ }} {failure})");
                _w.Line($"return {failure};");
                _w.Close();
                return true;
            case NotCondition not:
                var notFailure = $"{TestFailureType}.Not({CSharpLiterals.String(Fields(not.Operand))}, {CSharpLiterals.String(ConditionYaml.Condition(not.Operand, _model.Inputs))}, {not.Span.Line}, {not.Span.Column})";
                if (IsAlways(not.Operand))
                {
                    _w.Line($"return {notFailure};");
                    return false;
                }

                _w.Open(not.Operand is TestCondition operand
                    ? $"if ({Expression(operand, nested: false)})"
                    : $"if ({Enqueue(not.Operand, rule)}(in input) is null)");
                _w.Line($"return {notFailure};");
                _w.Close();
                return true;
            default:
                throw new System.ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition));
        }
    }

    /// <summary>Returns null at the first alternative that holds; past them all, the any's failure with theirs.</summary>
    private void EmitAnyBody(AnyCondition any, RuleModel rule)
    {
        var alternatives = new List<string>();
        foreach (var item in any.Items)
        {
            var alternative = "alternative" + (alternatives.Count + 1).ToString(CultureInfo.InvariantCulture);
            alternatives.Add(alternative);
            if (IsAlways(item))
            {
                _w.Line("return null; // an empty alternative always holds");
                return;
            }

            if (item is TestCondition test)
            {
                _w.Open($"if ({Expression(test, nested: false)})");
                _w.Line("return null;");
                _w.Close();
                _w.Line($"{TestFailureType} {alternative} = {Failure(test)};");
            }
            else
            {
                _w.Open($"if ({Enqueue(item, rule)}(in input) is not {{ }} {alternative})");
                _w.Line("return null;");
                _w.Close();
            }
        }

        _w.Line($"return {TestFailureType}.Any({CSharpLiterals.String(Fields(any))}, {any.Span.Line}, {any.Span.Column}, [{string.Join(", ", alternatives)}]);");
    }

    private string Enqueue(Condition condition, RuleModel rule)
    {
        var name = $"ExplainRule{rule.Index}_{++_explainMethods}";
        _explainQueue.Enqueue((name, condition, rule));
        return name;
    }

    private string Failure(TestCondition test)
    {
        var field = _model.Inputs[test.Field];
        var actual = field.Type == FieldType.Enum
            ? $"ExplainValue({Access(field)})"
            : $"{Runtime}.RuleYaml.Format({Access(field)})";
        if (field.Type == FieldType.Enum)
        {
            _explainedEnums.Add(field.Index);
        }

        return $"new({CSharpLiterals.String(field.Name)}, {CSharpLiterals.String(test.Operator.YamlName())}, {(test.IgnoreCase ? "true" : "false")}, "
            + $"{CSharpLiterals.String(ConditionYaml.Operand(test, field))}, {actual}, {test.Span.Line}, {test.Span.Column})";
    }

    /// <summary>When the test fails: a negation (ne, not-in, not-contains) fails exactly when its positive holds.</summary>
    private string Fails(TestCondition test) => test.Operator.Info().Positive(test) is { } positive
        ? Expression(positive, nested: false)
        : "!" + Expression(test);

    /// <summary>The input fields a condition reads, in file order, comma-separated.</summary>
    private string Fields(Condition condition) =>
        string.Join(", ", condition.Tests().Select(test => test.Field).Distinct().Select(field => _model.Inputs[field].Name));

    private static bool IsAlways(Condition condition) => condition is AllCondition { Items.Count: 0 };
}
