using RuleCompiler.Generator;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>Rule metadata names a rule's file relative to the project, so generated code is the same on every machine.</summary>
public sealed class DisplayPathTests
{
    [Theory]
    [InlineData("/repo/app/rules/a.rules.yaml", "/repo/app/", "rules/a.rules.yaml")]
    [InlineData("/repo/app/a.rules.yaml", "/repo/app", "a.rules.yaml")]
    [InlineData("/repo/samples/App/../../rules/a.rules.yaml", "/repo/samples/App/", "../../rules/a.rules.yaml")]
    [InlineData("/repo/rules/./x/../a.rules.yaml", "/repo/app/", "../rules/a.rules.yaml")]
    [InlineData(@"C:\repo\app\rules\a.rules.yaml", @"C:\repo\app\", "rules/a.rules.yaml")]
    [InlineData(@"c:\Repo\App\a.rules.yaml", @"C:\repo\app\", "a.rules.yaml")]
    [InlineData(@"D:\other\a.rules.yaml", @"C:\repo\app\", "a.rules.yaml")]
    [InlineData("/elsewhere/a.rules.yaml", "/repo/app/", "a.rules.yaml")]
    [InlineData("/repo/app/rules/a.rules.yaml", "", "a.rules.yaml")]
    public void Path_is_relative_to_the_project_normalized_with_forward_slashes(string path, string projectDirectory, string expected) =>
        RuleFileText.ToDisplayPath(path, projectDirectory).ShouldBe(expected);
}
