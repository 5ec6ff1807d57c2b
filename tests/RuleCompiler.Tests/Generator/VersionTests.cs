using System.IO;
using System.Text.RegularExpressions;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>The version lives in Directory.Build.props; the generator stamps the same one into [GeneratedCode].</summary>
public sealed class VersionTests
{
    [Fact]
    public void Generated_code_is_stamped_with_the_version_of_Directory_Build_props()
    {
        var props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        var version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        version.ShouldNotBeNullOrEmpty();
        GeneratorInfoVersion().ShouldBe(version);
        GeneratorHarness.Run(FeatureFiles.Load("types.rules.yaml")).Sources[0].SourceText.ToString()
            .ShouldContain($"[global::System.CodeDom.Compiler.GeneratedCode(\"RuleCompiler.Generator\", \"{version}\")]");
    }

    private static string GeneratorInfoVersion() =>
        (string)typeof(RuleCompiler.Generator.RuleSetGenerator).Assembly.GetType("RuleCompiler.Generator.GeneratorInfo")!.GetField("Version")!.GetRawConstantValue()!;
}
