using System.Linq;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Snapshots;

/// <summary>
/// The generated code of every sample and feature file, compared with the approved file beside this test.
/// A change to the generator shows up here as a reviewable diff of the C# it emits.
/// </summary>
public sealed class GeneratedCodeSnapshotTests
{
    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Sample_rule_set_generates_the_approved_code(string name) =>
        Generate(SampleFiles.Load(name)).ShouldMatchApproved(Options(name));

    [Theory]
    [MemberData(nameof(FeatureFiles.Theory), MemberType = typeof(FeatureFiles))]
    public void Feature_rule_set_generates_the_approved_code(string name) =>
        Generate(FeatureFiles.Load(name)).ShouldMatchApproved(Options(name));

    private static string Generate(RuleFile file)
    {
        var run = GeneratorHarness.Run(file);
        run.Errors.ShouldBeEmpty();
        return run.Sources.ShouldHaveSingleItem().SourceText.ToString();
    }

    private static System.Action<Shouldly.Configuration.ShouldMatchConfigurationBuilder> Options(string name) => builder => builder
        .WithDiscriminator(name.Replace(".rules.yaml", string.Empty))
        .SubFolder("Approved")
        .WithFileExtension("cs")
        .LocateTestMethodUsingAttribute<TheoryAttribute>()
        .NoDiff();
}
