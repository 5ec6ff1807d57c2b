using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Benchmarks.Samples;

/// <summary>Checks, before a sample is measured, that its generated code and the reference evaluator agree on every input.</summary>
public static class SampleCheck
{
    /// <summary>For every policy but plain collect: matched, deciding rule and every output.</summary>
    public static void Single<TInput>(SampleWorkload workload, TInput[] inputs, Func<TInput, (bool Matched, string? RuleId, object Output)> evaluate)
    {
        var reference = new ReferenceEvaluator(workload.Model);
        for (var i = 0; i < inputs.Length; i++)
        {
            var (matched, ruleId, output) = evaluate(inputs[i]);
            var outputs = ValueRows.FromOutput(workload.Model, output);
            var expected = reference.Evaluate(workload.Rows[i]);
            var expectedId = expected.RuleIndex < 0 ? null : workload.Model.Rules[expected.RuleIndex].Id;
            if (matched != expected.Matched || ruleId != expectedId || !outputs.Zip(expected.Outputs).All(pair => pair.First.SameAs(pair.Second)))
            {
                Fail(workload, i, $"{expectedId ?? "no rule"} ({ValueRows.Describe(expected.Outputs.ToArray(), workload.Model.Outputs)})", $"{ruleId ?? "no rule"} ({ValueRows.Describe(outputs, workload.Model.Outputs)})");
            }
        }
    }

    /// <summary>For plain collect: the holding rules, in order.</summary>
    public static void Collect<TInput>(SampleWorkload workload, TInput[] inputs, Func<TInput, List<string>> evaluateAll)
    {
        var reference = new ReferenceEvaluator(workload.Model);
        for (var i = 0; i < inputs.Length; i++)
        {
            var ids = evaluateAll(inputs[i]);
            var expected = reference.HoldingRules(workload.Rows[i]).Select(rule => workload.Model.Rules[rule].Id).ToList();
            if (!ids.SequenceEqual(expected))
            {
                Fail(workload, i, "[" + string.Join(", ", expected) + "]", "[" + string.Join(", ", ids) + "]");
            }
        }
    }

    private static void Fail(SampleWorkload workload, int index, string expected, string actual) =>
        throw new InvalidOperationException(
            $"{workload.Name}: input {{ {ValueRows.Describe(workload.Rows[index], workload.Model.Inputs)} }}: the reference evaluator answers {expected}, the generated code {actual}");
}
