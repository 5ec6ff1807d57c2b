using System.Linq;
using Microsoft.CodeAnalysis;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>Generated code compiles with zero errors and zero warnings (all warning levels, nullable on).</summary>
public sealed class GeneratedCodeCompilesTests
{
    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Sample_rule_set_compiles_without_warnings(string name) => AssertCompilesCleanly(SampleFiles.Load(name));

    [Theory]
    [MemberData(nameof(FeatureFiles.Theory), MemberType = typeof(FeatureFiles))]
    public void Feature_rule_set_compiles_without_warnings(string name) => AssertCompilesCleanly(FeatureFiles.Load(name));

    [Fact]
    public void All_samples_compile_together_in_one_project()
    {
        var (run, diagnostics) = GeneratorHarness.RunAndCompile(SampleFiles.Names.Select(SampleFiles.Load).ToArray());
        run.Diagnostics.ShouldBeEmpty();
        diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        run.Sources.Length.ShouldBe(SampleFiles.Names.Count());
    }

    private static void AssertCompilesCleanly(RuleFile file)
    {
        var (run, diagnostics) = GeneratorHarness.RunAndCompile(file);
        run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        run.Sources.ShouldHaveSingleItem();
        diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ShouldBeEmpty();
    }
}
