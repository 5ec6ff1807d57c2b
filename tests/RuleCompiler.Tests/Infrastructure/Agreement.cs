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
    /// <summary>Null when both agree; otherwise what each said, with the input as YAML.</summary>
    public static string? Disagreement(RuleSetModel model, RuleSetUnderTest generated, ReferenceEvaluator reference, IReadOnlyList<Value> row, bool explain = true)
    {
        var actual = generated.Evaluate(row);
        string expectedText, actualText;
        if (model.Hit == HitPolicy.Collect && model.Aggregate == Aggregate.None)
        {
            var expectedRules = reference.HoldingRules(row).Select(i => model.Rules[i].Id).ToList();
            if (expectedRules.SequenceEqual(actual.HoldingRules!))
            {
                return explain ? ExplanationDisagreement(model, generated, reference, row, actual) : null;
            }

            (expectedText, actualText) = (string.Join(", ", expectedRules), string.Join(", ", actual.HoldingRules!));
        }
        else
        {
            var expected = reference.Evaluate(row);
            var expectedId = expected.RuleIndex < 0 ? null : model.Rules[expected.RuleIndex].Id;
            var outputsAgree = expected.Outputs.Select((v, i) => v.SameAs(actual.Outputs![i]) && v.Decimal == actual.Outputs[i].Decimal).All(same => same);
            if (expected.Matched == actual.Matched && expectedId == actual.RuleId && outputsAgree)
            {
                return explain ? ExplanationDisagreement(model, generated, reference, row, actual) : null;
            }

            (expectedText, actualText) = (Describe(model, expected.Matched, expectedId, expected.Outputs), Describe(model, actual.Matched, actual.RuleId, actual.Outputs!));
        }

        return new StringBuilder()
            .AppendLine("input:     " + WitnessYaml.Of(model, row, Enumerable.Range(0, model.Inputs.Count)))
            .AppendLine("reference: " + expectedText)
            .AppendLine("generated: " + actualText)
            .ToString();
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
