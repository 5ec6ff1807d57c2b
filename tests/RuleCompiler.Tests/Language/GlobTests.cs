using System;
using System.Text;
using RuleCompiler.Language.Evaluation;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Language;

/// <summary>
/// Generated code matches globs with the runtime's <see cref="GlobPattern"/>; the reference evaluator with its own,
/// differently built matcher. They must agree on every pattern and text.
/// </summary>
public sealed class GlobTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "a/b", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("/etc/*", "/etc/passwd", true)]
    [InlineData("/etc/*", "/etc", false)]
    [InlineData("*.env", "config/.env", true)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*a", "aa", true)]
    [InlineData("\\*x", "*x", true)]
    [InlineData("\\*x", "ax", false)]
    [InlineData("a\\?", "a?", true)]
    [InlineData("a\\?", "ab", false)]
    [InlineData("\\\\*", "\\abc", true)]
    [InlineData("*b*b*", "abab", true)]
    [InlineData("*b*b*", "ab", false)]
    public void Glob_matches_the_whole_text_as_the_spec_says(string pattern, string text, bool expected)
    {
        GlobMatcher.IsMatch(GlobMatcher.Tokenize(pattern)!, text, ignoreCase: false).ShouldBe(expected);
        new GlobPattern(pattern, ignoreCase: false).IsMatch(text).ShouldBe(expected);
    }

    [Fact]
    public void Runtime_and_reference_glob_matchers_agree_on_random_patterns_and_texts()
    {
        var random = new Random(42);
        const string alphabet = "ab/Ab*?\\";
        for (var i = 0; i < 20_000; i++)
        {
            var pattern = RandomText(random, alphabet, 6);
            var tokens = GlobMatcher.Tokenize(pattern);
            if (tokens is null)
            {
                continue;
            }

            var text = RandomText(random, "abAB/*?\\", 8);
            var ignoreCase = random.Next(2) == 0;
            new GlobPattern(pattern, ignoreCase).IsMatch(text)
                .ShouldBe(GlobMatcher.IsMatch(tokens, text, ignoreCase), $"pattern '{pattern}', text '{text}', ignoreCase {ignoreCase}");
        }
    }

    [Fact]
    public void A_pattern_ending_in_a_lone_backslash_is_invalid() => GlobMatcher.Tokenize("abc\\").ShouldBeNull();

    private static string RandomText(Random random, string alphabet, int maxLength)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(maxLength + 1); i > 0; i--)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }
}
