using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Docs;

/// <summary>Every complete rule file the language reference shows (a YAML block starting with <c>ruleset:</c>) compiles without errors, its own tests included.</summary>
public sealed class LanguageReferenceExamplesTests
{
    public static TheoryData<string> Examples
    {
        get
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "language-reference.md"));
            var blocks = Regex.Matches(text, "```yaml\n(ruleset:.*?)```", RegexOptions.Singleline).Select(match => match.Groups[1].Value);
            return new TheoryData<string>(blocks.Select(block => block.Split('\n')[0]).Distinct());
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_compiles_and_its_tests_pass(string firstLine)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "language-reference.md"));
        var example = Regex.Matches(text, "```yaml\n(ruleset:.*?)```", RegexOptions.Singleline).Select(match => match.Groups[1].Value).First(block => block.Split('\n')[0] == firstLine);
        var compiled = RuleFileCompiler.Compile(example, new BindOptions("Docs", "example.rules.yaml"), CancellationToken.None);
        compiled.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty(example);
    }
}
