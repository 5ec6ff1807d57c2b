using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Layers;

/// <summary>
/// Random layers over random rule sets of every policy, type and combinator: the composed rule set decides exactly as
/// the same rules written out as one file (reference evaluators on seeded inputs), and its generated code agrees with
/// the reference evaluator.
/// </summary>
public sealed class LayeredDifferentialTests
{
    private const int Seeds = 160;
    private const int GeneratedSeeds = 16;

    [Fact]
    public void Random_layers_decide_as_their_rules_written_as_one_file()
    {
        var compared = 0;
        var sets = 0;
        var generated = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var set = RandomRuleSet.Create(seed, 12);
            var layer = RandomLayers.Layer(set, new Random(seed), baseRules: 8, restrictOnly: false);
            var files = new[] { new RuleFile("rules/base.rules.yaml", set.Yaml(set.Rules.Take(8))), new RuleFile("rules/layer.rules.yaml", layer.Yaml) };
            var flat = LayeredFiles.Compile("rules/flat.rules.yaml", new RuleFile("rules/flat.rules.yaml", set.Yaml(layer.FlatRules).Replace($"ruleset: Random{seed}", $"ruleset: Layer{seed}")));
            var composed = LayeredFiles.Compile("rules/layer.rules.yaml", files);
            var baseErrors = LayeredFiles.Compile("rules/base.rules.yaml", files).Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Id).ToList();

            // The same rules mean the same findings: errors in the rules' logic are the flat file's too.
            var layerErrors = composed.Diagnostics.Where(d => d.Severity == Severity.Error && d.Id != "RC2043").Select(d => d.Id).Distinct().OrderBy(id => id);
            var flatErrors = flat.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Id).Distinct().OrderBy(id => id);
            if (baseErrors.Count == 0)
            {
                layerErrors.ShouldBe(flatErrors, $"seed {seed}:\n{layer.Yaml}\n{string.Join("\n", composed.Diagnostics)}");
            }

            if (composed.Model is null || flat.Model is null)
            {
                continue;
            }

            sets++;
            composed.Model.Rules.Select(rule => rule.Id).ShouldBe(flat.Model.Rules.Select(rule => rule.Id), $"seed {seed}");
            if (generated < GeneratedSeeds && baseErrors.Count == 0)
            {
                compared += LayeredFiles.AssertAgrees("rules/layer.rules.yaml", files, flat.Model, inputs: 300, seed);
                generated++;
                continue;
            }

            compared += Compare(composed.Model, flat.Model, seed);
        }

        sets.ShouldBeGreaterThan(Seeds / 3);
        Console.WriteLine($"layered differential: {sets} layered rule sets, {generated} of them through generated code, {compared} inputs");
    }

    /// <summary>
    /// Random layers loaded at run time, their bases read through <see cref="LoadOptions.ReadFile"/>, on the layer's
    /// generated types: the same decisions and Explain texts as the layer's generated code.
    /// </summary>
    [Fact]
    public void Random_layers_loaded_at_run_time_decide_as_their_generated_code()
    {
        var loaded = 0;
        for (var seed = 1; seed <= 60 && loaded < 12; seed++)
        {
            var set = RandomRuleSet.Create(seed, 12);
            var layer = RandomLayers.Layer(set, new Random(seed), baseRules: 8, restrictOnly: seed % 2 == 0);
            var files = new[] { new RuleFile("rules/base.rules.yaml", set.Yaml(set.Rules.Take(8))), new RuleFile("rules/layer.rules.yaml", layer.Yaml) };
            var composed = LayeredFiles.Compile("rules/layer.rules.yaml", files);
            if (composed.Model is null || composed.HasErrors || LayeredFiles.Compile("rules/base.rules.yaml", files).HasErrors)
            {
                continue;
            }

            var assembly = GeneratorHarness.RunAndLoadUncached(files);
            var generated = new RuleSetUnderTest(assembly, composed.Model);
            var byPath = files.ToDictionary(file => file.Path, file => file.Text, StringComparer.Ordinal);
            var ruleSet = RuleCompiler.Tests.Loader.LoadedRuleSets.Typed(assembly, composed.Model, layer.Yaml, readFile: path => byPath.GetValueOrDefault(path));
            var index = 0;
            foreach (var row in new InputGenerator(composed.Model, seed).Rows(300))
            {
                if (RuleCompiler.Tests.Loader.LoadedRuleSets.Disagreement(composed.Model, generated, ruleSet, row, explain: index++ % 3 == 0) is { } differs)
                {
                    throw new Xunit.Sdk.XunitException($"seed {seed}: the loaded layer disagrees with its generated code\n{layer.Yaml}\n{differs}");
                }
            }

            loaded++;
        }

        loaded.ShouldBe(12);
    }

    private static int Compare(RuleSetModel composed, RuleSetModel flat, int seed)
    {
        var a = new ReferenceEvaluator(composed);
        var b = new ReferenceEvaluator(flat);
        var count = 0;
        foreach (var row in new InputGenerator(composed, seed).Rows(400))
        {
            LayeredFiles.Outcome(composed, a, row).ShouldBe(LayeredFiles.Outcome(flat, b, row), $"seed {seed}");
            count++;
        }

        return count;
    }
}
