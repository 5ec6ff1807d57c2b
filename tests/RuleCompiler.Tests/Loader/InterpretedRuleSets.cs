using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;

namespace RuleCompiler.Tests.Loader;

/// <summary>
/// A rule file loaded untyped by the interpreter (<see cref="LoadOptions.Interpret"/>, as under Native AOT), compared
/// with the generated code compiled from it: the fourth engine of the loaded differential tests.
/// </summary>
internal static class InterpretedRuleSets
{
    /// <summary>
    /// The file loaded untyped and interpreted, with the path generated code shows for its rules; its contract, rules
    /// and collect flag checked against the compiled untyped load's.
    /// </summary>
    public static IRuleSet<RuleSetInput, RuleSetOutput> Load(System.Reflection.Assembly assembly, RuleSetModel model, string text)
    {
        var path = LoadedRuleSets.DisplayPath(assembly, model);
        var result = RuleSetLoader.Load(text, path, LoadOptions.Default with { Interpret = true });
        var ruleSet = result.RuleSet.ShouldNotBeNull($"{model.FilePath} loads interpreted:\n{result}");
        ruleSet.GetType().Name.ShouldBe("InterpretedRuleSet");
        var compiled = RuleSetLoader.Load(text, path).RuleSet!;
        ruleSet.Contract.ShouldBe(compiled.Contract);
        ruleSet.IsCollect.ShouldBe(compiled.IsCollect);
        ruleSet.Rules.Select(Metadata).ShouldBe(compiled.Rules.Select(Metadata));
        return ruleSet;
    }

    private static string Metadata(RuleInfo rule) => $"{rule.Index} {rule.Id} {rule.File}:{rule.Line}:{rule.Column} {rule.Description}";

    /// <summary>
    /// Null when the interpreted rule set answers exactly as generated code on <paramref name="row"/>: the decision (or
    /// the same exception), the outputs of every holding rule, and with <paramref name="explain"/> every rule's trace.
    /// </summary>
    public static string? Disagreement(RuleSetModel model, RuleSetUnderTest generated, IRuleSet<RuleSetInput, RuleSetOutput> interpreted, IReadOnlyList<Value> row, bool explain)
    {
        var input = UntypedLoadTests.Input(model, row);
        var (expected, expectedError) = LoadedRuleSets.Outcome(() => generated.Evaluate(row));
        var (actual, actualError) = LoadedRuleSets.Outcome(() => Result(model, interpreted, input));
        if (expectedError is not null || actualError is not null)
        {
            return expectedError == actualError ? null : LoadedRuleSets.Differs(model, row, expectedError ?? "no exception", actualError ?? "no exception");
        }

        if (!expected!.SameAs(actual!) || !LoadedRuleSets.SameHoldingOutputs(expected, actual!))
        {
            return LoadedRuleSets.Differs(model, row, expected.ToString(), actual!.ToString());
        }

        if (!explain)
        {
            return null;
        }

        // The traces as the runtime writes them (a rule, where it is, its first failure and the alternatives of an any).
        var expectedTraces = new RuleExplanation<int>(0, generated.Explain(row).Rules).ToString();
        var actualTraces = new RuleExplanation<int>(0, interpreted.IsCollect ? interpreted.ExplainAll(input).Rules : interpreted.Explain(input).Rules).ToString();
        return expectedTraces == actualTraces ? null : LoadedRuleSets.Differs(model, row, expectedTraces, actualTraces);
    }

    /// <summary>The interpreted answer in the terms generated code's is read in (<see cref="RuleSetUnderTest"/>).</summary>
    private static ResultUnderTest Result(RuleSetModel model, IRuleSet<RuleSetInput, RuleSetOutput> ruleSet, RuleSetInput input)
    {
        if (ruleSet.IsCollect)
        {
            var matches = ruleSet.EvaluateAll(input);
            var all = Enumerable.Range(0, matches.Count).Select(i => matches[i]).ToList();
            return new ResultUnderTest(all.Count > 0, null, null, all.Select(m => m.RuleId!).ToList())
            {
                HoldingOutputs = all.Select(m => (IReadOnlyList<Value>)UntypedLoadTests.Values(model, m.Output)).ToList(),
            };
        }

        var result = ruleSet.Evaluate(input);
        return new ResultUnderTest(result.Matched, result.RuleId, UntypedLoadTests.Values(model, result.Output), null);
    }
}
