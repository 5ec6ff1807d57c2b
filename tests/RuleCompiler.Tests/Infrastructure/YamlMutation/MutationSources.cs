using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using YamlDotNet.Core;

namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>The files the mutator starts from, and the seeded derivation of variant number i.</summary>
internal static class MutationSources
{
    // Rule sets with more rules than this are usually mutated as a window of their rules (tests kept when they
    // name kept rules only): regex validation dominates compile time, and big files would eat the CI budget.
    private const int MaxWindow = 16;

    private static readonly Lazy<IReadOnlyList<MutationSource>> s_all = new(Load);

    public static IReadOnlyList<MutationSource> All => s_all.Value;

    public static MutatedFile Variant(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) ^ (index * 7_919) ^ 0x5bd1e995));
        var source = Pick(random);
        var tree = source.Tree.Clone();
        var mutator = new YamlMutator(random);
        if (source.RuleCount > MaxWindow && random.NextDouble() >= source.FullFileChance)
        {
            mutator.KeepWindowOfRules(tree, MaxWindow);
        }

        var mutations = random.NextDouble() switch
        {
            < 0.55 => 1,
            < 0.80 => 2,
            < 0.92 => 3,
            _ => random.Next(4, 9),
        };
        for (var i = 0; i < mutations; i++)
        {
            mutator.Mutate(tree);
        }

        string text;
        try
        {
            text = tree.ToYaml();
        }
        catch (YamlException exception)
        {
            // A tree YamlDotNet cannot write (it refuses some characters): mutate the original text instead.
            mutator.Log("(YamlDotNet could not write the tree: " + exception.Message + "; text-level edits of the original instead)");
            text = source.Tree.Clone().ToYaml();
            text = mutator.EditText(text);
        }

        if (random.NextDouble() < 0.08)
        {
            text = mutator.EditText(text);
        }

        return new MutatedFile(source.Name, source.Path, mutator.Description, text);
    }

    private static MutationSource Pick(Random random)
    {
        var total = All.Sum(s => s.Weight);
        var roll = random.NextDouble() * total;
        foreach (var source in All)
        {
            roll -= source.Weight;
            if (roll < 0)
            {
                return source;
            }
        }

        return All[^1];
    }

    private static IReadOnlyList<MutationSource> Load()
    {
        var files = SampleFiles.Names.Select(SampleFiles.Load).Concat(FeatureFiles.Names.Select(FeatureFiles.Load));
        return files.Select(file =>
        {
            var tree = YTree.Parse(file.Text);
            // A decision table (spec §13) is one item of rules: but a rule per row.
            var rules = tree.Entries.FirstOrDefault(e => e.Key.Value == "rules")?.Value.Items
                .Sum(item => item.Entries.FirstOrDefault(e => e.Key.Value == "table")?.Value.Entries.FirstOrDefault(e => e.Key.Value == "rows")?.Value.Items.Count ?? 1) ?? 0;
            var regexes = YTree.Slots(tree).Count(s => s.IsKey && s.Node.Value == "regex");

            // Compile time grows with the regexes (each is built with the non-backtracking engine to validate it, and
            // again for the file's test cases): regex-heavy files are drawn less often and rarely whole.
            var weight = 1.0 / (1.0 + (regexes / 2.0));
            var fullFileChance = regexes > 10 ? 0.01 : 0.1;
            return new MutationSource(file.Path, file.Path.Substring(file.Path.LastIndexOf('/') + 1), tree, rules, weight, fullFileChance);
        }).ToList();
    }
}
