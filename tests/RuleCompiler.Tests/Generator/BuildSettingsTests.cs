using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>The MSBuild properties a consumer sets (docs/packaging.md), as the generator reads them.</summary>
public sealed class BuildSettingsTests
{
    [Fact]
    public void RuleCompilerGenerateExplain_false_leaves_out_Explain_and_the_rest_is_unchanged_and_compiles()
    {
        var file = SampleFiles.Load("task-router.rules.yaml");
        var withExplain = GeneratorHarness.Run(file);
        var driver = GeneratorHarness.NewDriver(new[] { file }, buildProperties: new Dictionary<string, string> { ["RuleCompilerGenerateExplain"] = "false" });
        var without = GeneratorHarness.Run(driver, GeneratorHarness.NewCompilation());

        var full = withExplain.Sources.ShouldHaveSingleItem().SourceText.ToString();
        var lean = without.Sources.ShouldHaveSingleItem().SourceText.ToString();
        full.ShouldContain(" Explain(in ");
        lean.ShouldNotContain("Explain");
        lean.Length.ShouldBeLessThan(full.Length);
        without.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        IsSubsequence(lean.Split('\n'), full.Split('\n')).ShouldBeTrue("Explain only adds lines: Evaluate and its nodes are the same code either way");
    }

    [Fact]
    public void Without_Explain_a_plan_as_data_still_has_the_tests_it_walks_and_compiles()
    {
        var file = SampleFiles.Load("task-router.rules.yaml");
        var driver = GeneratorHarness.NewDriver(new[] { file }, buildProperties: new Dictionary<string, string>
        {
            ["RuleCompilerGenerateExplain"] = "false",
            ["RuleCompilerDataPlanRules"] = "0",
        });
        var run = GeneratorHarness.Run(driver, GeneratorHarness.NewCompilation());

        var source = run.Sources.ShouldHaveSingleItem().SourceText.ToString();
        source.ShouldNotContain(" Explain(");
        source.ShouldContain("RuleConditions.Decide<");
        source.ShouldContain("struct ConditionTests");
        run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
    }

    private static bool IsSubsequence(string[] part, string[] whole)
    {
        var next = 0;
        foreach (var line in whole)
        {
            if (next < part.Length && part[next] == line)
            {
                next++;
            }
        }

        return next == part.Length;
    }
}
