using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RuleCompiler.Language.Model;

public enum HitPolicy
{
    First,
    Priority,
    OutputPriority,
    Unique,
    Any,
    Collect,
}

/// <summary>
/// What the language knows about one hit policy, in one place: its YAML name, whether a result is one rule or every
/// rule that holds, the one ranking (<see cref="Outranks"/>) that the reference evaluator, the planner and the
/// analysis all use, and what the analysis checks and says about it.
/// </summary>
public sealed class HitPolicyInfo
{
    private readonly Func<RuleModel, RuleModel, int> _rank;

    internal HitPolicyInfo(HitPolicy policy, string yamlName, Func<RuleModel, RuleModel, int> rank)
    {
        Policy = policy;
        YamlName = yamlName;
        _rank = rank;
    }

    public HitPolicy Policy { get; }

    public string YamlName { get; }

    /// <summary>One rule decides (every policy but <c>collect</c>, whose result is every rule that holds).</summary>
    public bool SingleResult { get; init; } = true;

    /// <summary>Rules that can hold together are an error (RC3001; <c>unique</c>).</summary>
    public bool ForbidsOverlap { get; init; }

    /// <summary>Rules that can hold together must give equal outputs (RC3003; <c>any</c>).</summary>
    public bool RequiresEqualOutputs { get; init; }

    /// <summary>Why a rule that outranks another wins over it, for RC3005: "comes earlier in the file".</summary>
    public string WhyWins { get; init; } = "comes earlier in the file";

    /// <summary>How to fix a rule that never fires (RC3005).</summary>
    public string Advice { get; init; } = "Remove it, or move it above the rules that cover it if it should win.";

    /// <summary>What ranks a rule, for messages: <c> (priority 10)</c>; empty where file order alone ranks.</summary>
    internal Func<RuleSetModel, RuleModel, string> RankNote { get; init; } = (_, _) => string.Empty;

    /// <summary>Whether the result can be decided by rules that come later winning over earlier ones (not plain file order).</summary>
    public bool RanksByMoreThanFileOrder { get; init; }

    /// <summary>
    /// Whether <paramref name="challenger"/> wins over <paramref name="holder"/> when both hold: a strict total order
    /// (ties go to the earlier rule). For <c>collect</c> it is file order, the order of its results.
    /// </summary>
    public bool Outranks(RuleModel challenger, RuleModel holder) => Compare(challenger, holder) < 0;

    /// <summary>Rank order as a comparison: negative when <paramref name="a"/> outranks <paramref name="b"/>.</summary>
    public int Compare(RuleModel a, RuleModel b)
    {
        var byRank = _rank(a, b);
        return byRank != 0 ? byRank : a.Index.CompareTo(b.Index);
    }

    /// <summary>The rules in rank order: the first that holds decides.</summary>
    public IEnumerable<RuleModel> InRankOrder(IEnumerable<RuleModel> rules) => rules.OrderBy(rule => rule, Comparer<RuleModel>.Create(Compare));
}

/// <summary>Every hit policy the language has, each in one entry.</summary>
public static class HitPolicies
{
    private static int FileOrder(RuleModel a, RuleModel b) => 0;

    public static IReadOnlyList<HitPolicyInfo> All { get; } = new[]
    {
        new HitPolicyInfo(HitPolicy.First, "first", FileOrder),
        new HitPolicyInfo(HitPolicy.Priority, "priority", (a, b) => b.Priority.CompareTo(a.Priority))
        {
            WhyWins = "wins by priority",
            Advice = "Remove it, or give it a higher priority than the rules that cover it if it should win.",
            RankNote = (_, rule) => " (priority " + rule.Priority.ToString(CultureInfo.InvariantCulture) + ")",
            RanksByMoreThanFileOrder = true,
        },
        new HitPolicyInfo(HitPolicy.OutputPriority, "output-priority", (a, b) => a.Then[0].Literal.Integer.CompareTo(b.Then[0].Literal.Integer))
        {
            WhyWins = "wins by output priority",
            Advice = "Remove it, or narrow the rules that cover it.",
            RankNote = (model, rule) => " (" + model.Outputs[0].Name + ": " + rule.Then[0].ToYaml(model.Outputs[0]) + ")",
            RanksByMoreThanFileOrder = true,
        },
        new HitPolicyInfo(HitPolicy.Unique, "unique", FileOrder) { ForbidsOverlap = true },
        new HitPolicyInfo(HitPolicy.Any, "any", FileOrder) { RequiresEqualOutputs = true },
        new HitPolicyInfo(HitPolicy.Collect, "collect", FileOrder) { SingleResult = false },
    };

    /// <summary>The entry of <paramref name="policy"/>; a policy without one fails loudly.</summary>
    public static HitPolicyInfo Info(this HitPolicy policy)
    {
        var index = (int)policy;
        return index >= 0 && index < All.Count && All[index].Policy == policy
            ? All[index]
            : throw new ArgumentOutOfRangeException(nameof(policy), policy, "no HitPolicyInfo entry for this policy");
    }

    /// <summary>The policy <paramref name="name"/> names, or null.</summary>
    public static HitPolicyInfo? Find(string name) => All.FirstOrDefault(info => info.YamlName == name);
}
