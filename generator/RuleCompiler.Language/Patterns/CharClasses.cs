using System.Globalization;

namespace RuleCompiler.Language.Patterns;

/// <summary>
/// The sets behind <c>\w \d \s .</c> and <c>\b</c>, defined as .NET's regex engine defines them (without
/// ECMAScript): <c>\w</c> is the categories L, Mn, Nd and Pc; <c>\d</c> is Nd; <c>\s</c> is <c>char.IsWhiteSpace</c>;
/// a word char for <c>\b</c> is a <c>\w</c> char or U+200C / U+200D (ZWNJ, ZWJ). Categories come from the Unicode
/// data of the runtime the compiler runs on; the tests check each set against <c>Regex</c> over all 65,536 chars.
/// </summary>
public static class CharClasses
{
    public static CharSet Word { get; } = CharSet.Where(IsWordChar);

    public static CharSet BoundaryWord { get; } = Word.Union(CharSet.Range('\u200C', '\u200D'));

    public static CharSet Digit { get; } = CharSet.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber);

    public static CharSet Space { get; } = CharSet.Where(char.IsWhiteSpace);

    public static CharSet Newline { get; } = CharSet.Of('\n');

    /// <summary><c>.</c> without <c>RegexOptions.Singleline</c>: any char but <c>\n</c>.</summary>
    public static CharSet AnyButNewline { get; } = Newline.Complement();

    private static bool IsWordChar(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };
}
