using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>A random layer (spec §12) over a random rule set, and the same rules written out as one plain file.</summary>
public sealed record RandomLayer(string Yaml, List<string> FlatRules);

/// <summary>
/// Random layers over <see cref="RandomRuleSet"/>s: the first rules are the base; the layer disables some, overrides
/// some with the bodies of later rules, and adds others before or after the base's. <see cref="RandomLayer.FlatRules"/>
/// is what the composition must mean: the same rules in the same order, in one file.
/// </summary>
public static class RandomLayers
{
    private static readonly Regex s_id = new(@"^  - \{ id: r(\d+)", RegexOptions.CultureInvariant);

    public static RandomLayer Layer(RandomRuleSet set, Random random, int baseRules, bool restrictOnly)
    {
        var slots = set.Rules.Take(baseRules).ToList();
        var extras = set.Rules.Skip(baseRules).ToList();
        var disabled = new List<int>();
        var own = new List<string>();
        for (var i = 0; i < slots.Count; i++)
        {
            var roll = random.Next(8);
            if (roll < 2)
            {
                disabled.Add(i);
            }
            else if (roll < 4 && extras.Count > 0)
            {
                var body = extras[random.Next(extras.Count)];
                var replacement = s_id.Replace(body, $"  - {{ id: r{i}, override: true");
                own.Add(replacement);
                slots[i] = replacement;
            }
        }

        var added = extras.Where(_ => random.Next(5) < 3).ToList();
        var position = random.Next(3);
        var before = position == 1;
        own.AddRange(added);

        var flat = new List<string>();
        var kept = slots.Where((_, i) => !disabled.Contains(i)).Select(Plain).ToList();
        flat.AddRange(before ? added.Concat(kept) : kept.Concat(added));

        var yaml = new StringBuilder()
            .AppendLine($"ruleset: Layer{set.Seed}")
            .AppendLine("extends: base.rules.yaml");
        if (restrictOnly)
        {
            yaml.AppendLine("restrict-only: true");
        }

        if (disabled.Count > 0)
        {
            yaml.AppendLine($"disable: [{string.Join(", ", disabled.Select(i => "r" + i))}]");
        }

        if (position > 0)
        {
            yaml.AppendLine($"position: {(before ? "before-base" : "after-base")}");
        }

        if (own.Count > 0)
        {
            yaml.AppendLine("rules:");
            foreach (var rule in own)
            {
                yaml.AppendLine(rule);
            }
        }

        return new RandomLayer(yaml.ToString(), flat);
    }

    private static string Plain(string rule) => rule.Replace(", override: true", string.Empty, StringComparison.Ordinal);

    /// <summary>An input (as text) on which the layer decides less restrictively than the base, among sampled inputs; or null.</summary>
    public static string? SampledWeakening(RuleSetModel baseModel, RuleSetModel layer, int seed)
    {
        var baseEvaluator = new ReferenceEvaluator(baseModel);
        var layerEvaluator = new ReferenceEvaluator(layer);
        foreach (var row in new InputGenerator(layer, seed).Rows(1500))
        {
            if (RestrictOnlyProof.DecisionRank(layer, layerEvaluator.Winner(row)) > RestrictOnlyProof.DecisionRank(baseModel, baseEvaluator.Winner(row)))
            {
                return string.Join(", ", row.Select(value => value.ToString()));
            }
        }

        return null;
    }
}
