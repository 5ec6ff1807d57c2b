using System.Linq;
using System.Threading;
using RuleCompiler.Language.Patterns;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Patterns;

/// <summary>The corners where .NET's meaning is easy to get wrong, each checked against <c>Regex</c> and stated outright.</summary>
public sealed class PatternEdgeCaseTests
{
    private static readonly string[] Inputs =
    [
        "", "\n", "\n\n", "a", "a\n", "a\nb", "ab\n", "a\n\n", "\na", " a ", "ab", "ba", "abc", "a b", "a_b", "a-b", "A", "K", "k", "\u212A",
        "s", "S", "\u017F", "i", "I", "\u0130", "\u0131", "\u00E9", "\u00C9", "\u200C", "a\u200Cb", "\u200D", "\u0663", "x1", "1x", "\t", "\r\n", "\u2028",
    ];

    [Theory]
    [InlineData("$", false)]
    [InlineData("a$", false)]
    [InlineData("a\\Z", false)]
    [InlineData("a\\z", false)]
    [InlineData("a$\\n", false)]
    [InlineData("$\\n$", false)]
    [InlineData("\\n$", false)]
    [InlineData("^$", false)]
    [InlineData("^\\n$", false)]
    [InlineData("a$|b$", false)]
    [InlineData("(a$)*b", false)]
    [InlineData(".", false)]
    [InlineData("^.$", false)]
    [InlineData("a.b", false)]
    [InlineData("[^a]", false)]
    [InlineData("^[^a]$", false)]
    [InlineData("\\b", false)]
    [InlineData("\\B", false)]
    [InlineData("^\\b", false)]
    [InlineData("\\b$", false)]
    [InlineData("\\ba\\b", false)]
    [InlineData("a\\Bb", false)]
    [InlineData("\\Ba", false)]
    [InlineData("b\\b", false)]
    [InlineData("", false)]
    [InlineData("a*", false)]
    [InlineData("(|a)", false)]
    [InlineData("()", false)]
    [InlineData("(a|)+$", false)]
    [InlineData("k", true)]
    [InlineData("K", true)]
    [InlineData("[^k]", true)]
    [InlineData("[a-z]", true)]
    [InlineData("[^a-z]", true)]
    [InlineData("s", true)]
    [InlineData("i", true)]
    [InlineData("\\w", true)]
    [InlineData("\\W", true)]
    [InlineData("[^\\W]", false)]
    [InlineData("\\d", false)]
    [InlineData("\\s", false)]
    [InlineData("[\\s\\d]", false)]
    [InlineData("\u00E9", false)]
    [InlineData("\\u212A", false)]
    [InlineData("a{2}", false)]
    [InlineData("a{1,}b", false)]
    [InlineData("^a{0,2}$", false)]
    [InlineData("a{2,3}?$", false)]
    [InlineData("x{,2}", false)]
    [InlineData("[]a]", false)]
    [InlineData("[a-]", false)]
    [InlineData("[\\w-]", false)]
    [InlineData("[\\b]", false)]
    [InlineData("\\x41\\u0062", true)]
    public void Edge_case_agrees_with_Regex(string pattern, bool ignoreCase)
    {
        var compilation = PatternAgreement.AssertAgrees([new PatternSource(pattern, ignoreCase)], Inputs);
        compilation.Fallbacks.ShouldBeEmpty();
    }

    [Fact]
    public void Dollar_matches_before_a_final_newline_only()
    {
        Matches("a$", "a\n").ShouldBeTrue();
        Matches("a$", "a\n\n").ShouldBeFalse();
        Matches("a$", "a\nb").ShouldBeFalse();
        Matches("a\\z", "a\n").ShouldBeFalse();
        Matches("a$\\n", "a\n").ShouldBeTrue();
    }

    [Fact]
    public void Dot_and_negated_classes_differ_on_newline()
    {
        Matches("^.$", "\n").ShouldBeFalse();
        Matches("^[^a]$", "\n").ShouldBeTrue();
    }

    [Fact]
    public void Word_boundaries_see_the_start_and_end_as_non_word_and_zero_width_joiners_as_word()
    {
        Matches("^\\b", "a").ShouldBeTrue();
        Matches("\\b$", "a").ShouldBeTrue();
        Matches("\\b", " ").ShouldBeFalse();
        Matches("a\\Bb", "ab").ShouldBeTrue();
        Matches("a\\B", "a\u200C").ShouldBeTrue();
    }

    [Fact]
    public void Ignore_case_takes_the_kelvin_sign_for_k_and_nothing_else_outside_ascii()
    {
        Matches("k", "\u212A", ignoreCase: true).ShouldBeTrue();
        Matches("[^k]", "\u212A", ignoreCase: true).ShouldBeFalse();
        Matches("s", "\u017F", ignoreCase: true).ShouldBeFalse();
        Matches("i", "\u0130", ignoreCase: true).ShouldBeFalse();
    }

    [Fact]
    public void Empty_pattern_matches_every_input()
    {
        Matches(string.Empty, string.Empty).ShouldBeTrue();
        Matches("(a|)", "xyz").ShouldBeTrue();
    }

    private static bool Matches(string pattern, string input, bool ignoreCase = false)
    {
        var compilation = PatternSetCompiler.Compile([new PatternSource(pattern, ignoreCase)], AutomatonBudget.Default, CancellationToken.None);
        var answer = PatternSet.Match(compilation.Automaton!.ToTable(), input) == 1;
        answer.ShouldBe(PatternAgreement.DotNet(new PatternSource(pattern, ignoreCase)).IsMatch(input), "Regex disagrees");
        return answer;
    }
}
