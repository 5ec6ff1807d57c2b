using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>
/// Compares generated code with the reference evaluator on one input: matched, rule id, outputs, or the ordered
/// holding rules; then the generated <c>Explain</c> on the same input (<see cref="ExplanationDisagreement"/>).
/// </summary>
public static class Agreement
{
    /// <summary>
    /// Null when both agree; otherwise what each said, with the input as YAML. A computed output (§10) that throws
    /// must throw the same exception type in both.
    /// </summary>
    public static string? Disagreement(RuleSetModel model, RuleSetUnderTest generated, ReferenceEvaluator reference, IReadOnlyList<Value> row, bool explain = true)
    {
        var (actual, actualError) = Outcome(() => generated.Evaluate(row));
        string expectedText, actualText;
        if (model.Hit == HitPolicy.Collect && model.Aggregate == Aggregate.None)
        {
            var holding = reference.HoldingRules(row);
            var expectedRules = holding.Select(i => model.Rules[i].Id).ToList();
            var (expectedOutputs, expectedError) = Outcome(() => holding.Select(i => (IReadOnlyList<Value>)reference.Outputs(i, row)).ToList());
            if (expectedError is not null || actualError is not null)
            {
                return expectedError == actualError ? null : Differs(model, row, expectedError ?? "no exception", actualError ?? "no exception");
            }

            if (expectedRules.SequenceEqual(actual!.HoldingRules!) && expectedOutputs!.Zip(actual.HoldingOutputs!, Same).All(same => same))
            {
                return explain ? ExplanationDisagreement(model, generated, reference, row, actual) : null;
            }

            (expectedText, actualText) = (string.Join(", ", expectedRules), string.Join(", ", actual.HoldingRules!));
        }
        else
        {
            var (expected, expectedError) = Outcome(() => reference.Evaluate(row));
            if (expectedError is not null || actualError is not null)
            {
                return expectedError == actualError ? null : Differs(model, row, expectedError ?? "no exception", actualError ?? "no exception");
            }

            var expectedId = expected!.RuleIndex < 0 ? null : model.Rules[expected.RuleIndex].Id;
            if (expected.Matched == actual!.Matched && expectedId == actual.RuleId && Same(expected.Outputs, actual.Outputs!))
            {
                return explain ? ExplanationDisagreement(model, generated, reference, row, actual) : null;
            }

            (expectedText, actualText) = (Describe(model, expected.Matched, expectedId, expected.Outputs), Describe(model, actual.Matched, actual.RuleId, actual.Outputs!));
        }

        return Differs(model, row, expectedText, actualText);
    }

    private static string Differs(RuleSetModel model, IReadOnlyList<Value> row, string expected, string actual) => new StringBuilder()
        .AppendLine("input:     " + WitnessYaml.Of(model, row, Enumerable.Range(0, model.Inputs.Count)))
        .AppendLine("reference: " + expected)
        .AppendLine("generated: " + actual)
        .ToString();

    /// <summary>Identical outputs: the same value (a NaN output is the same NaN), decimals with the same scale.</summary>
    private static bool Same(IReadOnlyList<Value> expected, IReadOnlyList<Value> actual) =>
        expected.Count == actual.Count && expected.Zip(actual, (e, a) => e.Equals(a) && e.Decimal.Scale == a.Decimal.Scale).All(same => same);

    /// <summary>What a call returned, or the name of the exception it threw (reflection's wrapper removed).</summary>
    private static (T? Value, string? Error) Outcome<T>(System.Func<T> call)
        where T : class
    {
        try
        {
            return (call(), null);
        }
        catch (System.Exception exception) when (exception is System.OverflowException or System.DivideByZeroException
            || exception.InnerException is System.OverflowException or System.DivideByZeroException)
        {
            return (null, (exception.InnerException ?? exception).GetType().Name);
        }
    }

    /// <summary>
    /// Null when the generated <c>Explain</c> agrees: its decision is what <c>Evaluate</c> / <c>EvaluateAll</c> returned
    /// (<paramref name="evaluated"/>), and every rule, in file order, held exactly when the reference evaluator says
    /// so, with the failure <see cref="ReferenceExplanation"/> gives. Otherwise what differed, with the input as YAML.
    /// </summary>
    public static string? ExplanationDisagreement(RuleSetModel model, RuleSetUnderTest generated, ReferenceEvaluator reference, IReadOnlyList<Value> row, ResultUnderTest evaluated)
    {
        var explanation = generated.Explain(row);
        var problems = new List<string>();
        if (!explanation.Decision.SameAs(evaluated))
        {
            problems.Add($"decision {explanation.Decision} differs from Evaluate's {evaluated}");
        }

        if (explanation.Rules.Count != model.Rules.Count)
        {
            problems.Add($"{explanation.Rules.Count} traces for {model.Rules.Count} rules");
        }

        var expected = new ReferenceExplanation(model, reference);
        foreach (var rule in model.Rules.Take(explanation.Rules.Count))
        {
            var trace = explanation.Rules[rule.Index];
            if (trace.Rule.Id != rule.Id || trace.Held != reference.Holds(rule.When, row) || !expected.Agrees(rule.When, row, trace.FirstFailure))
            {
                problems.Add($"rule {rule.Id}: expected {expected.FirstFailure(rule.When, row) ?? "held"}, Explain said {trace.Rule.Id} {ReferenceExplanation.Describe(trace.FirstFailure)}");
            }
        }

        return problems.Count == 0
            ? null
            : "input: " + WitnessYaml.Of(model, row, Enumerable.Range(0, model.Inputs.Count)) + "\n" + string.Join("\n", problems);
    }

    private static string Describe(RuleSetModel model, bool matched, string? ruleId, IReadOnlyList<Value> outputs) =>
        $"matched={matched} rule={ruleId ?? "null"} " + string.Join(", ", model.Outputs.Select(o => o.Name + "=" + outputs[o.Index].ToYaml(o)));
}
