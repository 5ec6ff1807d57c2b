using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Docs;

/// <summary>The README's tutorial is true: its rule file builds and passes its tests, and its mistake gives the error it shows.</summary>
public sealed class ReadmeTests
{
    private static readonly string s_readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public void Tutorial_rule_file_generates_code_and_passes_its_own_tests()
    {
        var (run, diagnostics) = GeneratorHarness.RunAndCompile(new RuleFile("pricing.rules.yaml", TutorialYaml()));
        run.Diagnostics.ShouldBeEmpty();
        diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        run.Sources.ShouldHaveSingleItem().HintName.ShouldBe("Shop.Rules.Discounts.g.cs");
    }

    [Fact]
    public void Tutorial_mistake_gives_the_error_the_readme_shows()
    {
        var shown = Regex.Match(s_readme, @"pricing\.rules\.yaml\((\d+),(\d+)\): error (RC\d{4}): (.+)");
        shown.Success.ShouldBeTrue();

        var broken = TutorialYaml().Replace("items: { gte: 100 }", "items: { gte: lots }");
        var diagnostic = GeneratorHarness.Run(new RuleFile("pricing.rules.yaml", broken)).Diagnostics.ShouldHaveSingleItem();
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        diagnostic.Id.ShouldBe(shown.Groups[3].Value);
        (position.Line + 1).ToString().ShouldBe(shown.Groups[1].Value);
        (position.Character + 1).ToString().ShouldBe(shown.Groups[2].Value);
        diagnostic.GetMessage().ShouldBe(shown.Groups[4].Value.Trim());
    }

    private static string TutorialYaml() => Regex.Match(s_readme, "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
}
