using System.Linq;
using System.Text;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Syntax;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Language;

/// <summary>Each limit of docs/limits.md stops a file that exceeds it with RC1003 at the place that exceeds it.</summary>
public sealed class LimitsTests
{
    [Fact]
    public void More_rules_than_the_limit_is_RC1003_at_the_rules_sequence()
    {
        var yaml = new StringBuilder("ruleset: Many\ninputs: { a: int }\noutputs: { b: int }\nrules:\n");
        for (var i = 0; i < 4; i++)
        {
            yaml.Append($"  - {{ id: r{i}, when: {{ a: {i} }}, then: {{ b: {i} }} }}\n");
        }

        var limits = ReaderLimits.Default with { MaxRules = 3 };
        var compiled = RuleFileCompiler.Compile(yaml.ToString(), new BindOptions("Ns", "many.rules.yaml"), limits, CancellationToken.None);
        var diagnostic = compiled.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RC1003");
        diagnostic.Message.ShouldContain("rule count");
        diagnostic.Message.ShouldContain("3 rules");
        (diagnostic.Span.Line, diagnostic.Span.Column).ShouldBe((5, 3));
        compiled.Model.ShouldBeNull();
    }

    [Fact]
    public void The_default_limits_admit_a_file_of_100000_rules_by_size_and_node_count()
    {
        // About 80 characters and 15 nodes a rule: 100,000 rules must fit, with room to spare.
        var limits = ReaderLimits.Default;
        limits.MaxRules.ShouldBeGreaterThanOrEqualTo(100_000);
        limits.MaxFileCharacters.ShouldBeGreaterThan(100_000 * 80 * 2);
        limits.MaxNodes.ShouldBeGreaterThan(100_000L * 15 * 2);
    }
}
