using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Layers;

/// <summary>
/// <c>restrict-only: true</c> (spec §12): a layer that only restricts its base builds; every layer built to weaken it
/// is an error with an input that shows it, which the base and the layer (each run on it through <c>tests:</c>) confirm.
/// </summary>
public sealed class RestrictOnlyTests
{
    private static RuleFile BaseFile => new("rules/base.rules.yaml", LayerTests.Base);

    private static string Layer(string body, string? tests = null) =>
        "ruleset: Repo\nextends: base.rules.yaml\nrestrict-only: true\n" + body + (tests is null ? string.Empty : "\ntests:\n" + tests);

    public static IEnumerable<object[]> Restricting => new[]
    {
        Case("adds a deny rule", "rules:\n  - id: deny-curl\n    when: { command: curl }\n    then: { decision: deny, message: no network }"),
        Case("turns an allow into an ask", "rules:\n  - id: allow-read\n    override: true\n    when: { command: [ls, cat] }\n    then: { decision: ask, message: confirm reads }"),
        Case("widens a deny", "rules:\n  - id: deny-rm-root\n    override: true\n    when: { command: rm }\n    then: { decision: deny, message: no rm at all }"),
        Case("disables an allow", "disable: [allow-read]"),
        Case("denies by default", "default: { decision: deny, message: denied unless allowed }"),
        Case("adds an allow the base already allows", "rules:\n  - id: allow-cat\n    when: { command: cat }\n    then: { decision: allow, message: cat is fine }"),
        Case("adds an allow under a deny", "rules:\n  - id: allow-rm-tmp\n    when: { command: rm, args: { contains: / } }\n    then: { decision: allow, message: never wins }\n  - id: deny-other\n    when: { command: { not-in: [ls, cat, rm, git] } }\n    then: { decision: ask, message: ask }"),
    };

    public static IEnumerable<object[]> Weakening => new[]
    {
        Case("disables a deny", "disable: [deny-rm-root]"),
        Case("adds an allow where the base asks", "rules:\n  - id: allow-git\n    when: { command: git }\n    then: { decision: allow, message: trusted }"),
        Case("narrows a deny", "rules:\n  - id: deny-rm-root\n    override: true\n    when: { command: rm, args: { contains-all: [/, -rf] } }\n    then: { decision: deny, message: only rm -rf /  }"),
        Case("turns an ask into an allow", "rules:\n  - id: ask-ai-push\n    override: true\n    when: { command: git, actor: ai, args: { contains: push } }\n    then: { decision: allow, message: push away }"),
        Case("allows by default", "default: { decision: allow, message: allowed }"),
        Case("turns a deny into an ask", "rules:\n  - id: deny-rm-root\n    override: true\n    when: { command: rm, args: { contains: / } }\n    then: { decision: ask, message: sure? }"),
    };

    private static object[] Case(string name, string body) => new object[] { name, body };

    [Theory]
    [MemberData(nameof(Restricting))]
    public void A_layer_that_only_restricts_is_proven_and_builds(string name, string body)
    {
        var layer = new RuleFile("rules/repo.rules.yaml", Layer(body));

        var compiled = LayeredFiles.Compile("rules/repo.rules.yaml", BaseFile, layer);

        compiled.Diagnostics.Where(d => d.Id is "RC3012" or "RC3013" || d.Severity == Severity.Error).ShouldBeEmpty(name);
        compiled.Model.ShouldNotBeNull(name);
    }

    [Theory]
    [MemberData(nameof(Weakening))]
    public void A_layer_that_weakens_its_base_is_an_error_with_an_input_both_rule_sets_confirm(string name, string body)
    {
        var compiled = LayeredFiles.Compile("rules/repo.rules.yaml", BaseFile, new RuleFile("rules/repo.rules.yaml", Layer(body)));

        var error = compiled.Diagnostics.Where(d => d.Id == "RC3012").ShouldHaveSingleItem(name);
        error.Severity.ShouldBe(Severity.Error);
        compiled.Model.ShouldBeNull(name);

        // The input, pasted into each file's tests: the base decides as the message says, and so does the layer.
        var (input, baseDecision, layerDecision) = (error.Arguments[0], Decision(error.Arguments[1]), Decision(error.Arguments[2]));
        Rank(layerDecision).ShouldBeGreaterThan(Rank(baseDecision), name);
        var baseWithCase = LayerTests.Base + $"\n  - input: {input}\n    expect: {{ decision: {baseDecision} }}\n";
        LayeredFiles.Compile("rules/base.rules.yaml", new RuleFile("rules/base.rules.yaml", baseWithCase))
            .Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty($"{name}: the base on {input}");
        var layerWithCase = Layer(body, $"  - input: {input}\n    expect: {{ decision: {layerDecision} }}").Replace("restrict-only: true\n", string.Empty);
        LayeredFiles.Compile("rules/repo.rules.yaml", BaseFile, new RuleFile("rules/repo.rules.yaml", layerWithCase))
            .Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty($"{name}: the layer on {input}");
    }

    [Fact]
    public void A_layer_rule_named_like_the_proofs_own_ids_cannot_switch_the_proof_off()
    {
        var layer = Layer("disable: [deny-rm-root]\nrules:\n  - id: restrict-only.base.deny-rm-root\n    when: { command: true-story }\n    then: { decision: deny, message: decoy }");

        var compiled = LayeredFiles.Compile("rules/repo.rules.yaml", BaseFile, new RuleFile("rules/repo.rules.yaml", layer));

        compiled.Diagnostics.Where(d => d.Id == "RC3012").ShouldHaveSingleItem().Arguments[1].ShouldBe("'deny' (rule 'deny-rm-root')");
    }

    [Fact]
    public void A_weakening_is_reported_at_the_layers_rule_that_decides_there()
    {
        var layer = Layer("rules:\n  - id: allow-git\n    when: { command: git }\n    then: { decision: allow, message: trusted }");
        var run = GeneratorHarness.RunUncached(BaseFile, new RuleFile("rules/repo.rules.yaml", layer));

        var error = Diagnostics.RuleFileDiagnostics.Of(run).Where(d => d.Id == "RC3012").ShouldHaveSingleItem();
        (error.Path, error.Line, error.Column).ShouldBe((Diagnostics.RuleFileDiagnostics.FullPath("rules/repo.rules.yaml"), 5, 5));
        error.Message.ShouldContain("'allow' (rule 'allow-git')");
        run.Sources.Select(s => s.HintName).ShouldBe(new[] { "Tests.Generated.Base.g.cs" });
    }

    [Fact]
    public void A_case_the_solver_cannot_decide_is_a_warning_never_a_proof()
    {
        // The override denies a superset (so the layer does restrict), but through a regex the analysis cannot decide.
        var layer = Layer("rules:\n  - id: deny-rm-root\n    override: true\n    when: { command: { regex: \"^(rm|rmdir)$\" }, args: { contains: / } }\n    then: { decision: deny, message: no }");

        var compiled = LayeredFiles.Compile("rules/repo.rules.yaml", BaseFile, new RuleFile("rules/repo.rules.yaml", layer));

        var warning = compiled.Diagnostics.Where(d => d.Id == "RC3013").ShouldHaveSingleItem();
        warning.Severity.ShouldBe(Severity.Warning);
        warning.Message.ShouldContain("deny-rm-root");
        compiled.Model.ShouldNotBeNull();
    }

    [Fact]
    public void Restrict_only_needs_a_base_and_output_priority()
    {
        var alone = LayeredFiles.Compile("rules/base.rules.yaml", new RuleFile("rules/base.rules.yaml", LayerTests.Base.Replace("hit: output-priority", "hit: output-priority\nrestrict-only: true")));
        alone.Diagnostics.ShouldContain(d => d.Id == "RC2042" && d.Message.Contains("add 'extends", StringComparison.Ordinal));

        var firstBase = new RuleFile("rules/base.rules.yaml", LayerTests.Base.Replace("hit: output-priority", "hit: first"));
        var layered = LayeredFiles.Compile("rules/repo.rules.yaml", firstBase, new RuleFile("rules/repo.rules.yaml", Layer("disable: [allow-read]")));
        layered.Diagnostics.ShouldContain(d => d.Id == "RC2042" && d.Message.Contains("output-priority", StringComparison.Ordinal));
        layered.Model.ShouldBeNull();
    }

    /// <summary>
    /// Random layers over random output-priority rule sets: whenever sampled inputs show the layer deciding less
    /// restrictively, the proof reports RC3012; whenever it proves the layer (no RC3012, no RC3013), no sampled input
    /// shows a weakening. Counts of each outcome are printed for the record.
    /// </summary>
    [Fact]
    public void The_proof_agrees_with_sampled_inputs_on_random_layers()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal) { ["weakens"] = 0, ["proven"] = 0, ["unproven"] = 0 };
        var layers = 0;
        for (var seed = 1; layers < 60 && seed < 5000; seed++)
        {
            var set = RandomRuleSet.Create(seed, 10);
            // Sampling runs one input through the base and the layer, bound apart: a map key is a field only where
            // rules read it, so sets with maps are left to the proof's own tests (which bind both together).
            if (set.Policy != "output-priority" || set.Yaml().Contains("{ map: string }", StringComparison.Ordinal))
            {
                continue;
            }

            var random = new Random(seed);
            var layer = RandomLayers.Layer(set, random, baseRules: 6, restrictOnly: true);
            var files = new[] { new RuleFile("rules/base.rules.yaml", set.Yaml(set.Rules.Take(6))), new RuleFile("rules/layer.rules.yaml", layer.Yaml) };
            var baseCompiled = LayeredFiles.Compile("rules/base.rules.yaml", files);
            if (baseCompiled.Model is null)
            {
                continue;
            }

            var compiled = LayeredFiles.Compile("rules/layer.rules.yaml", files);
            var weakens = compiled.Diagnostics.Any(d => d.Id == "RC3012");
            var unproven = compiled.Diagnostics.Any(d => d.Id == "RC3013");
            var unrestricted = LayeredFiles.Compile("rules/layer.rules.yaml", files[0], new RuleFile("rules/layer.rules.yaml", layer.Yaml.Replace("restrict-only: true\n", string.Empty)));
            if (unrestricted.Model is null)
            {
                continue;
            }

            layers++;
            var sampled = RandomLayers.SampledWeakening(baseCompiled.Model, unrestricted.Model, seed);
            if (sampled is not null)
            {
                weakens.ShouldBeTrue($"seed {seed}: input {sampled} shows the layer weaker, but the proof did not say so:\n{layer.Yaml}\n{string.Join("\n", compiled.Diagnostics)}");
            }

            if (!weakens && !unproven)
            {
                sampled.ShouldBeNull($"seed {seed}: proven, but input {sampled} shows the layer weaker");
            }

            outcomes[weakens ? "weakens" : unproven ? "unproven" : "proven"]++;
        }

        layers.ShouldBeGreaterThanOrEqualTo(40);
        outcomes["weakens"].ShouldBeGreaterThan(0);
        outcomes["proven"].ShouldBeGreaterThan(0);
        Console.WriteLine($"restrict-only on {layers} random layers: " + string.Join(", ", outcomes.Select(pair => $"{pair.Key} {pair.Value}")));
    }

    private static string Decision(string described) => described.Substring(1, described.IndexOf('\'', 1) - 1);

    private static int Rank(string decision) => Array.IndexOf(new[] { "deny", "ask", "allow" }, decision);
}
