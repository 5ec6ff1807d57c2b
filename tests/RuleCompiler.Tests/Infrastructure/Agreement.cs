using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>Compares generated code with the reference evaluator on one input: matched, rule id, outputs, or the ordered holding rules.</summary>
public static class Agreement
{
    /// <summary>Null when both agree; otherwise what each said, with the input as YAML.</summary>
    public static string? Disagreement(RuleSetModel model, RuleSetUnderTest generated, ReferenceEvaluator reference, IReadOnlyList<Value> row)
    {
        var actual = generated.Evaluate(row);
        string expectedText, actualText;
        if (model.Hit == HitPolicy.Collect && model.Aggregate == Aggregate.None)
        {
            var expectedRules = reference.HoldingRules(row).Select(i => model.Rules[i].Id).ToList();
            if (expectedRules.SequenceEqual(actual.HoldingRules!))
            {
                return null;
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
                return null;
            }

            (expectedText, actualText) = (Describe(model, expected.Matched, expectedId, expected.Outputs), Describe(model, actual.Matched, actual.RuleId, actual.Outputs!));
        }

        return new StringBuilder()
            .AppendLine("input:     " + WitnessYaml.Of(model, row, Enumerable.Range(0, model.Inputs.Count)))
            .AppendLine("reference: " + expectedText)
            .AppendLine("generated: " + actualText)
            .ToString();
    }

    private static string Describe(RuleSetModel model, bool matched, string? ruleId, IReadOnlyList<Value> outputs) =>
        $"matched={matched} rule={ruleId ?? "null"} " + string.Join(", ", model.Outputs.Select(o => o.Name + "=" + outputs[o.Index].ToYaml(o)));
}
