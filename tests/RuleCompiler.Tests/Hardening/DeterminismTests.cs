using System.Linq;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Hardening;

/// <summary>The same rule files give byte-identical generated sources wherever the project lives.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData("/home/alice/src/shop/", @"C:\agents\_work\17\s\shop\")]
    [InlineData("/srv/alice-7f3a/shop/", "/tmp/build-4711/checkout/shop/")]
    public void Building_on_different_paths_gives_byte_identical_sources(string firstDirectory, string secondDirectory)
    {
        var files = SampleFiles.Names.Select(SampleFiles.Load).Concat(FeatureFiles.Names.Select(FeatureFiles.Load)).ToArray();
        var first = Generate(files, firstDirectory);
        var second = Generate(files, secondDirectory);

        first.Length.ShouldBe(files.Length);
        second.Select(s => s.HintName).ShouldBe(first.Select(s => s.HintName));
        for (var i = 0; i < first.Length; i++)
        {
            second[i].Text.ShouldBe(first[i].Text, first[i].HintName);
            first[i].Text.ShouldNotContain(firstDirectory.TrimEnd('/', '\\'));
        }
    }

    private static (string HintName, string Text)[] Generate(RuleFile[] files, string projectDirectory)
    {
        var separator = projectDirectory.Contains('\\') ? "\\" : "/";
        var local = files.Select(f => f with { Path = f.Path.Replace("/", separator) });
        var run = GeneratorHarness.Run(GeneratorHarness.NewDriver(local, projectDirectory: projectDirectory), GeneratorHarness.NewCompilation());
        run.Diagnostics.ShouldBeEmpty();
        return run.Sources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).Select(s => (s.HintName, s.SourceText.ToString())).ToArray();
    }
}
