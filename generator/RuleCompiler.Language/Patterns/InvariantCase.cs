namespace RuleCompiler.Language.Patterns;

/// <summary>
/// Case equivalence as <c>RegexOptions.IgnoreCase | CultureInvariant</c> applies it: the pattern's chars are widened
/// to their equivalents and the input is matched as written. Only ASCII chars are handled, because their
/// equivalents are known exactly: a letter and its other case, and for <c>k</c> / <c>K</c> also U+212A KELVIN SIGN.
/// (Under the invariant culture <c>i</c> is not equivalent to U+0130 or U+0131, nor <c>s</c> to U+017F; non-ASCII
/// chars follow a table of .NET's own, such as U+00B5 matching only itself, so patterns with them fall back.)
/// The tests check this against <c>Regex</c> for every ASCII char and all 65,536 inputs.
/// </summary>
public static class InvariantCase
{
    private const char KelvinSign = '\u212A';

    /// <summary>True when <see cref="Close"/> knows the equivalents of every char of <paramref name="chars"/>.</summary>
    public static bool CanClose(CharSet chars) => chars.IsBelow('\x80');

    /// <summary><paramref name="asciiChars"/> with every char's case equivalents.</summary>
    public static CharSet Close(CharSet asciiChars)
    {
        var closed = asciiChars;
        foreach (var range in asciiChars.Ranges)
        {
            closed = closed.Union(OtherCase(range, 'a', 'z', 'A' - 'a')).Union(OtherCase(range, 'A', 'Z', 'a' - 'A'));
            if (Overlaps(range, 'k', 'k') || Overlaps(range, 'K', 'K'))
            {
                closed = closed.Union(CharSet.Of(KelvinSign));
            }
        }

        return closed;
    }

    private static CharSet OtherCase(CharRange range, char first, char last, int shift)
    {
        var from = (char)System.Math.Max(range.First, first);
        var to = (char)System.Math.Min(range.Last, last);
        return from <= to ? CharSet.Range((char)(from + shift), (char)(to + shift)) : CharSet.Empty;
    }

    private static bool Overlaps(CharRange range, char first, char last) => range.First <= last && range.Last >= first;
}
