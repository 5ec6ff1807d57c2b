using System;
using System.Linq;
using System.Text.RegularExpressions;
using RuleCompiler.Language.Patterns;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Patterns;

/// <summary>What the parser accepts, what it refuses and why, and that it never throws.</summary>
public sealed class PatternParserTests
{
    [Theory]
    [InlineData("(?i)abc", "inline options")]
    [InlineData("(?i:abc)", "inline options")]
    [InlineData("\\p{L}", "Unicode category")]
    [InlineData("[\\P{Lu}]", "Unicode category")]
    [InlineData("(a)\\1", "backreference")]
    [InlineData("(?<n>a)\\k<n>", "backreference")]
    [InlineData("a(?=b)", "lookahead")]
    [InlineData("a(?!b)", "lookahead")]
    [InlineData("(?<=a)b", "lookbehind")]
    [InlineData("(?<!a)b", "lookbehind")]
    [InlineData("(?>a)", "atomic")]
    [InlineData("(?(a)b|c)", "conditional")]
    [InlineData("\\G", "\\G")]
    [InlineData("\\cA", "control")]
    [InlineData("\\0", "octal")]
    [InlineData("[a-z-[aeiou]]", "subtraction")]
    [InlineData("[[:alpha:]]", "'['")]
    [InlineData("(?<a-b>x)", "group name")]
    [InlineData("(?#note)", "comment")]
    [InlineData("a**", "nested quantifier")]
    [InlineData("*a", "following nothing")]
    [InlineData("a|+", "following nothing")]
    [InlineData("(a", "without a matching ')'")]
    [InlineData("a)", "without a matching '('")]
    [InlineData("[a", "unterminated")]
    [InlineData("[z-a]", "reverse order")]
    [InlineData("a{3,2}", "reverse order")]
    [InlineData("\\q", "unrecognized escape")]
    [InlineData("\\x4", "hexadecimal")]
    [InlineData("a\\", "at the end")]
    [InlineData("[a-\\d]", "end of a range")]
    public void Unsupported_construct_gives_a_reason(string pattern, string reason)
    {
        var parsed = PatternParser.Parse(pattern, ignoreCase: false);
        parsed.Node.ShouldBeNull();
        parsed.Unsupported.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [InlineData("(?<name>a)|(?'other'b)")]
    [InlineData("a*?b+?c??d{2}?e{1,}?")]
    [InlineData("x{2")]
    [InlineData("x{,2}")]
    [InlineData("\\.\\\\\\/\\t\\n\\r\\f\\v\\e\\a\\x7F\\u00e9\\ \\#")]
    [InlineData("^*\\b+$?")]
    public void Supported_syntax_parses(string pattern) => PatternParser.Parse(pattern, ignoreCase: false).IsSupported.ShouldBeTrue();

    [Fact]
    public void Captures_laziness_and_names_do_not_change_the_tree()
    {
        PatternParser.Parse("(?<n>a+?)|(b)", false).Node.ShouldBe(PatternParser.Parse("(?:a+)|b", false).Node);
    }

    [Fact]
    public void Garbage_never_throws_and_what_is_accepted_Regex_accepts()
    {
        var random = new Random(31);
        const string alphabet = "ab()[]{}|*+?^$.\\-,:<>=!#'0123456789dwsbBzZAGpkxuc ";
        for (var i = 0; i < 5_000; i++)
        {
            var pattern = new string(Enumerable.Range(0, random.Next(8)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var parsed = PatternParser.Parse(pattern, ignoreCase: i % 2 == 0);
            (parsed.Node is null).ShouldNotBe(parsed.Unsupported is null, pattern);
            if (parsed.IsSupported)
            {
                Should.NotThrow(() => PatternAgreement.DotNet(new PatternSource(pattern, i % 2 == 0)), pattern);
            }
        }
    }

    [Fact]
    public void Every_pattern_Regex_rejects_is_unsupported()
    {
        foreach (var pattern in new[] { "a{2}{3}", "a*+", "{2}", "\\8", "[\\8]", "\\", "[", "(?", "a{2147483648}", "\\_" })
        {
            Should.Throw<ArgumentException>(() => new Regex(pattern));
            PatternParser.Parse(pattern, ignoreCase: false).IsSupported.ShouldBeFalse(pattern);
        }
    }
}
