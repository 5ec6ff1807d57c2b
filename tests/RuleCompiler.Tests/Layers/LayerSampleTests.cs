using System.IO;
using System.Linq;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Layers;

/// <summary>
/// The shell guard's layers (rules/layers): the user's layer over the built-in policy and the repository's
/// restrict-only layer over it build, pass their own tests, are proven to restrict, and decide as the reference
/// evaluator does; the weakening the repository file's comment suggests is caught.
/// </summary>
public sealed class LayerSampleTests
{
    private static RuleFile[] Files => new[]
    {
        Load("shell-guard.rules.yaml"),
        Load("layers/user.rules.yaml"),
        Load("layers/repo.rules.yaml"),
        Load("layers/protected.lists.yaml"),
    };

    private static RuleFile Load(string name) => new("rules/" + name, File.ReadAllText(Path.Combine(RepoPaths.Rules, name)));

    [Theory]
    [InlineData("rules/layers/user.rules.yaml", 5)]
    [InlineData("rules/layers/repo.rules.yaml", 5)]
    public void A_sample_layer_builds_passes_its_tests_and_is_proven(string layer, int tests)
    {
        var compiled = LayeredFiles.Compile(layer, Files);

        compiled.Diagnostics.Where(d => d.Severity >= Severity.Warning).ShouldBeEmpty(layer);
        compiled.Model!.Tests.Count.ShouldBe(tests);
        compiled.Model.Rules.Count(rule => rule.Span.File == 0).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_layers_generate_classes_that_agree_with_the_reference_evaluator()
    {
        var run = GeneratorHarness.RunUncached(Files);
        run.Sources.Select(s => s.HintName).ShouldBe(
            new[] { "RuleCompiler.Samples.ShellGuard.g.cs", "RuleCompiler.Samples.UserShellGuard.g.cs", "RuleCompiler.Samples.RepoShellGuard.g.cs" },
            ignoreOrder: true);

        var compared = LayeredFiles.AssertAgrees("rules/layers/repo.rules.yaml", Files, expected: null, inputs: 2000, seed: 20261206);
        compared.ShouldBe(2000);
    }

    [Fact]
    public void The_weakening_the_repository_file_suggests_is_caught()
    {
        var files = Files;
        var repo = files[2];
        files[2] = repo with { Text = repo.Text.Replace("restrict-only: true\n", "restrict-only: true\ndisable: [deny-rm-recursive-root]\n") };

        var compiled = LayeredFiles.Compile("rules/layers/repo.rules.yaml", files);

        var error = compiled.Diagnostics.Where(d => d.Id == "RC3012").ShouldHaveSingleItem(string.Join("\n", compiled.Diagnostics));
        error.Message.ShouldContain("the base decides 'deny' (rule 'deny-rm-recursive-root')");
        compiled.Model.ShouldBeNull();
    }
}
