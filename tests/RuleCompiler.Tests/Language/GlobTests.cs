using System;
using System.Text;
using RuleCompiler.Language.Evaluation;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Language;

/// <summary>
/// Generated code matches globs with the runtime's <see cref="GlobPattern"/>, or, for a case-sensitive glob of plain
/// pieces around its stars, with ordinal string tests; the reference evaluator with its own, differently built
/// matcher. They must agree on every pattern and text.
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

    [Theory]
    [InlineData("*.pem", GlobLiteralKind.Suffix, ".pem", "")]
    [InlineData("/etc/*", GlobLiteralKind.Prefix, "/etc/", "")]
    [InlineData("*id_rsa*", GlobLiteralKind.Contains, "id_rsa", "")]
    [InlineData("/var/log/*.log", GlobLiteralKind.PrefixAndSuffix, "/var/log/", ".log")]
    [InlineData("a**b", GlobLiteralKind.PrefixAndSuffix, "a", "b")]
    [InlineData("**a", GlobLiteralKind.Suffix, "a", "")]
    [InlineData("\\*x", GlobLiteralKind.Exact, "*x", "")]
    [InlineData("\\\\*x", GlobLiteralKind.PrefixAndSuffix, "\\", "x")]
    [InlineData("\\*", GlobLiteralKind.Exact, "*", "")]
    [InlineData("plain", GlobLiteralKind.Exact, "plain", "")]
    [InlineData("", GlobLiteralKind.Exact, "", "")]
    [InlineData("**", GlobLiteralKind.Anything, "", "")]
    public void A_glob_of_plain_pieces_around_its_stars_has_a_literal_form(string pattern, GlobLiteralKind kind, string first, string second) =>
        GlobMatcher.LiteralForm(pattern).ShouldBe(new GlobLiteralForm(kind, first, second));

    [Theory]
    [InlineData("a?c")]
    [InlineData("*a*b*")]
    [InlineData("a*b*c")]
    [InlineData("*a*b")]
    [InlineData("abc\\")]
    public void A_glob_with_a_question_mark_or_three_pieces_has_no_literal_form(string pattern) =>
        GlobMatcher.LiteralForm(pattern).ShouldBeNull();

    /// <summary>
    /// Generated code tests a literal-form glob with ordinal equality, StartsWith, EndsWith and Contains instead of a
    /// <see cref="GlobPattern"/>; those tests must give the matcher's answer on every text.
    /// </summary>
    [Fact]
    public void The_literal_form_of_a_glob_agrees_with_the_matcher_on_random_patterns_and_texts()
    {
        var random = new Random(7);
        var checkedForms = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var pattern = RandomText(random, "ab/*\\", 7);
            var tokens = GlobMatcher.Tokenize(pattern);
            if (tokens is null || GlobMatcher.LiteralForm(pattern) is not { } form)
            {
                continue;
            }

            checkedForms++;
            var text = RandomText(random, "ab/*\\", 8);
            LiteralFormMatches(form, text).ShouldBe(GlobMatcher.IsMatch(tokens, text, ignoreCase: false), $"pattern '{pattern}', text '{text}', {form}");
        }

        checkedForms.ShouldBeGreaterThan(10_000);
    }

    // What CSharpEmitter writes for each kind, as C# over the same text.
    private static bool LiteralFormMatches(GlobLiteralForm form, string text) => form.Kind switch
    {
        GlobLiteralKind.Exact => text == form.First,
        GlobLiteralKind.Prefix => text.StartsWith(form.First, StringComparison.Ordinal),
        GlobLiteralKind.Suffix => text.EndsWith(form.First, StringComparison.Ordinal),
        GlobLiteralKind.Contains => text.Contains(form.First, StringComparison.Ordinal),
        GlobLiteralKind.PrefixAndSuffix => text.Length >= form.First.Length + form.Second.Length
            && text.StartsWith(form.First, StringComparison.Ordinal) && text.EndsWith(form.Second, StringComparison.Ordinal),
        _ => true,
    };

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
