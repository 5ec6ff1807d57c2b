using System;
using System.Collections.Generic;
using RuleCompiler.Benchmarks.RuleSets.Shape;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>
/// What an evaluator answered for one input, comparable across the generated code, the hand-written baseline and the
/// reference evaluator: for collect, the holding rules' ids in order and the sum of their codes.
/// </summary>
public readonly record struct Outcome(bool Matched, string? RuleId, int Verdict, int Code)
{
    public static Outcome Of(SyntheticRuleSet set, HandResult result) =>
        new(result.Matched, result.Matched ? set.Rules[result.Rule].Id : null, (int)result.Verdict, result.Code);

    public static Outcome Collected(List<string> ruleIds, int codeSum) => new(ruleIds.Count > 0, string.Join(",", ruleIds), -1, codeSum);

    public static Outcome Collected(SyntheticRuleSet set, ReadOnlySpan<int> rules)
    {
        var ids = new List<string>(rules.Length);
        var sum = 0;
        foreach (var rule in rules)
        {
            ids.Add(set.Rules[rule].Id);
            sum += set.Rules[rule].Code;
        }

        return Collected(ids, sum);
    }

    public override string ToString() => Verdict < 0
        ? $"[{RuleId}] codes {Code}"
        : $"{(Matched ? RuleId : "no rule")}: verdict {(Verdict)Verdict}, code {Code}";
}
