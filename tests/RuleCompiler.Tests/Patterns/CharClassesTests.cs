using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RuleCompiler.Language.Patterns;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Patterns;

/// <summary>The sets behind <c>\w \d \s \b</c> and ignore-case, each compared with <c>Regex</c> on all 65,536 chars.</summary>
public sealed class CharClassesTests
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly string EveryChar = new(Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).ToArray());

    [Theory]
    [InlineData(@"\w")]
    [InlineData(@"\d")]
    [InlineData(@"\s")]
    [InlineData(@".")]
    public void Shorthand_is_the_set_Regex_matches(string shorthand)
    {
        var set = PatternParser.Parse(shorthand, ignoreCase: false).Node.ShouldBeOfType<SetNode>().Set;
        set.ShouldBe(SetOf(new Regex(shorthand, Options)));
    }

    [Fact]
    public void Boundary_word_chars_are_the_chars_Regex_sees_a_word_boundary_after_a_space_before()
    {
        // "\b" holds between ' ' and c exactly when c is a word char for boundaries.
        var boundary = new Regex(@"(?<= )\b", RegexOptions.CultureInvariant);
        var spaced = new StringBuilder();
        foreach (var c in EveryChar)
        {
            spaced.Append(' ').Append(c);
        }

        var matched = boundary.Matches(spaced.ToString()).Select(m => spaced[m.Index]).ToArray();
        CharClasses.BoundaryWord.ShouldBe(CharSet.FromRanges(matched.Select(c => new CharRange(c, c))));
    }

    [Fact]
    public void Ignore_case_of_every_ascii_char_is_the_set_Regex_matches()
    {
        for (var c = '\0'; c < '\x80'; c++)
        {
            var expected = SetOf(new Regex(Regex.Escape(c.ToString()), Options | RegexOptions.IgnoreCase));
            InvariantCase.Close(CharSet.Of(c)).ShouldBe(expected, $"U+{(int)c:X4}");
        }
    }

    [Fact]
    public void Ignore_case_of_a_non_ascii_char_falls_back()
    {
        foreach (var pattern in new[] { "\u00E9", "\u212A", "[\u00E0-\u00FF]", "\\u0130", "[^\\u017F]" })
        {
            PatternParser.Parse(pattern, ignoreCase: true).Unsupported.ShouldNotBeNull(pattern);
            PatternParser.Parse(pattern, ignoreCase: false).IsSupported.ShouldBeTrue(pattern);
        }
    }

    [Fact]
    public void Char_sets_are_ranges_not_tables()
    {
        CharClasses.Word.Ranges.Count.ShouldBeLessThan(1_000);
        CharClasses.AnyButNewline.Ranges.ShouldBe([new CharRange('\0', '\t'), new CharRange('\v', char.MaxValue)]);
        CharSet.Of('a').Complement().Complement().ShouldBe(CharSet.Of('a'));
    }

    private static CharSet SetOf(Regex regex) =>
        CharSet.FromRanges(regex.Matches(EveryChar).Select(m => new CharRange(EveryChar[m.Index], EveryChar[m.Index])));
}
