using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// The proof behind <c>restrict-only: true</c> (spec §12): for every input, the layer's decision ranks at least as
/// restrictive as its base's (the first output's enum order under <c>hit: output-priority</c>, earlier = more
/// restrictive). Otherwise RC3012 with an input where it is not, checked by running both rule sets on it; where the
/// solver cannot decide, RC3013 says which case is unproven: never a false "proven", never a false error.
/// </summary>
/// <remarks>
/// The layer is weaker at x exactly when the base's winner there ranks r (a base rule that holds, or the base's
/// no-match output when none holds) and no layer rule ranking r or better holds, while a layer rule ranking worse
/// holds or (none holding) the layer's no-match output ranks worse. Each base rule b (rank r) is one case: "b holds,
/// no layer rule of rank ≤ r holds, and layer rule l of rank &gt; r holds" for each such l, and "b holds, no layer rule
/// holds" when the layer's no-match output ranks worse than r; the base's no-match is the same with "no base rule
/// holds" for "b holds". A base rule the layer keeps unchanged at a rank ≤ r settles its case at once, without the solver.
/// </remarks>
public static class RestrictOnlyProof
{
    /// <param name="union">The layer's rules (the first <paramref name="layerRules"/>) and then its base's, bound as one rule set.</param>
    /// <param name="layerRules">How many of <paramref name="union"/>'s rules are the layer's.</param>
    /// <param name="boundBase">The base bound alone: its no-match output.</param>
    /// <param name="prefix">The prefix of the base rules' ids in <paramref name="union"/>.</param>
    public static void Run(RuleSetModel union, int layerRules, string prefix, RuleSetModel boundBase, Predicates predicates, SourceSpan at, List<DiagnosticInfo> findings, AnalysisBudget budget)
    {
        var (layer, baseRules) = RuleSetUnion.Split(union, layerRules, prefix);
        Prove(layer, baseRules with { Default = boundBase.Default }, predicates, at, findings, budget);
    }

    private static void Prove(RuleSetModel layer, RuleSetModel baseModel, Predicates predicates, SourceSpan at, List<DiagnosticInfo> findings, AnalysisBudget budget)
    {
        if (layer.Hit != HitPolicy.OutputPriority)
        {
            findings.Add(DiagnosticCatalog.InvalidLayer.At(at, $"'restrict-only' compares decisions by the first output's enum order, which needs 'hit: output-priority' (the base's policy is '{layer.Hit.Info().YamlName}')"));
            return;
        }

        var solver = new ConditionSolver(layer.Inputs, predicates, budget);
        var layerRules = layer.Rules;
        var layerDefault = Rank(layer.NoMatchOutputs[0]);
        var unproven = new List<string>();

        // The base's decision, case by case: each rule b with its rank, then no base rule (its no-match rank).
        var cases = baseModel.Rules.Select(rule => (Rule: (RuleModel?)rule, Rank: Rank(rule.Then[0])))
            .Append((Rule: null, Rank: Rank(baseModel.NoMatchOutputs[0])));
        foreach (var (baseRule, rank) in cases)
        {
            if (baseRule is not null && layerRules.Any(rule => Rank(rule.Then[0]) <= rank && rule.When == baseRule.When))
            {
                continue;
            }

            var premise = baseRule is null
                ? baseModel.Rules.Select(rule => new Constraint(rule.When, Holds: false)).ToList()
                : new List<Constraint> { new(baseRule.When, Holds: true) };
            premise.AddRange(layerRules.Where(rule => Rank(rule.Then[0]) <= rank).Select(rule => new Constraint(rule.When, Holds: false)));

            // Which layer outcome ranks worse: one of its worse rules holding, or none holding and its no-match output.
            var outcomes = layerRules.Where(rule => Rank(rule.Then[0]) > rank).Select(rule => (Rule: (RuleModel?)rule, Extra: new Constraint(rule.When, Holds: true))).ToList();
            foreach (var (layerRule, extra) in outcomes)
            {
                if (!Check(premise.Append(extra).ToList()))
                {
                    return;
                }
            }

            if (layerDefault > rank && !Check(premise.Concat(layerRules.Where(rule => Rank(rule.Then[0]) > rank).Select(rule => new Constraint(rule.When, Holds: false))).ToList()))
            {
                return;
            }

            bool Check(List<Constraint> constraints)
            {
                var result = solver.Solve(constraints);
                switch (result.Answer)
                {
                    case Satisfiability.Unsatisfiable:
                        return true;
                    case Satisfiability.Satisfiable when Weakening(layer, baseModel, predicates, result.Witness!) is { } finding:
                        findings.Add(finding with { Span = Place(layer, baseModel, predicates, result.Witness!, at) });
                        return false;
                    default:
                        unproven.Add((baseRule is null ? "where no base rule holds" : $"where base rule '{baseRule.Id}' holds") + ": " + (result.WhyUnknown ?? "the solver's witness did not check"));
                        return true;
                }
            }
        }

        if (unproven.Count > 0)
        {
            var first = unproven[0];
            var colon = first.IndexOf(": ", System.StringComparison.Ordinal);
            var more = unproven.Count > 1 ? $" (and {unproven.Count - 1} more case(s))" : string.Empty;
            findings.Add(DiagnosticCatalog.LayerUnproven.At(at, first.Substring(0, colon) + more, first.Substring(colon + 2)));
        }
    }

    private static long Rank(OutputValue value) => value.Literal.Integer;

    /// <summary>RC3012 for <paramref name="input"/> when both rule sets, run on it, show the layer deciding less restrictively; else null.</summary>
    private static DiagnosticInfo? Weakening(RuleSetModel layer, RuleSetModel baseModel, Predicates predicates, Value[] input)
    {
        // The decision alone (the winner's literal first output): computing the other outputs could overflow (§10).
        var layerWinner = new ReferenceEvaluator(layer, predicates).Winner(input);
        var baseWinner = new ReferenceEvaluator(baseModel, predicates).Winner(input);
        if (DecisionRank(layer, layerWinner) <= DecisionRank(baseModel, baseWinner))
        {
            return null;
        }

        var conditions = layer.Rules.Concat(baseModel.Rules).Select(rule => rule.When).ToArray();
        return DiagnosticCatalog.LayerWeakens.At(
            default,
            WitnessYaml.Of(layer, input, conditions),
            Describe(baseModel, baseWinner),
            Describe(layer, layerWinner));
    }

    /// <summary>The rank of the decision when <paramref name="winner"/> wins (-1: no rule, the no-match output).</summary>
    public static long DecisionRank(RuleSetModel model, int winner) => Rank(winner < 0 ? model.NoMatchOutputs[0] : model.Rules[winner].Then[0]);

    private static string Describe(RuleSetModel model, int winner)
    {
        var value = model.Outputs[0].EnumValues[(int)DecisionRank(model, winner)];
        return winner >= 0 ? $"'{value}' (rule '{model.Rules[winner].Id}')" : $"'{value}' (no rule holds)";
    }

    /// <summary>Where to show a weakening: at the layer's rule that decides there when this file writes it, else at <c>restrict-only</c>.</summary>
    private static SourceSpan Place(RuleSetModel layer, RuleSetModel baseModel, Predicates predicates, Value[] input, SourceSpan at)
    {
        var winner = new ReferenceEvaluator(layer, predicates).Winner(input);
        return winner >= 0 && layer.Rules[winner].Span.File == 0 ? layer.Rules[winner].Span : at;
    }
}
