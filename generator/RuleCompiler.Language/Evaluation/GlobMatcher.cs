using System;
using System.Collections.Generic;

namespace RuleCompiler.Language.Evaluation;

/// <summary>
/// The reference meaning of <c>glob</c>: the whole text matches; <c>*</c> is any run (also empty, also '/'),
/// <c>?</c> one character, <c>\</c> escapes the next character. A star-backtracking matcher, O(text × pattern).
/// </summary>
public static class GlobMatcher
{
    private const char Star = '\uE000';
    private const char One = '\uE001';

    /// <summary>Resolves escapes into a token list; null when the pattern ends with a lone backslash.</summary>
    public static GlobToken[]? Tokenize(string pattern)
    {
        var tokens = new List<GlobToken>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (++i == pattern.Length)
                {
                    return null;
                }

                tokens.Add(new GlobToken(GlobTokenKind.Literal, pattern[i]));
            }
            else if (c == '*')
            {
                tokens.Add(new GlobToken(GlobTokenKind.AnyRun, Star));
            }
            else if (c == '?')
            {
                tokens.Add(new GlobToken(GlobTokenKind.AnyOne, One));
            }
            else
            {
                tokens.Add(new GlobToken(GlobTokenKind.Literal, c));
            }
        }

        return tokens.ToArray();
    }

    /// <summary>
    /// The plain-text tests that decide a glob test exactly (exact, prefix, suffix, contains, prefix and suffix),
    /// or null when it needs a matcher: under ignore-case, with <c>?</c>, with more pieces, or of stars alone (a
    /// constant true would make the C# compiler warn of unreachable code).
    /// </summary>
    public static GlobLiteralForm? PlainTextForm(string pattern, bool ignoreCase) =>
        !ignoreCase && LiteralForm(pattern) is { Kind: not GlobLiteralKind.Anything } form ? form : null;

    /// <summary>
    /// The plain-text form of a case-sensitive glob without <c>?</c> and with at most two literal pieces around its
    /// stars (<c>lit</c>, <c>lit*</c>, <c>*lit</c>, <c>*lit*</c>, <c>lit*lit</c>, <c>*</c>), which ordinal equality,
    /// prefix, suffix and substring tests decide exactly; null for any other glob (or an invalid one).
    /// </summary>
    public static GlobLiteralForm? LiteralForm(string pattern)
    {
        var tokens = Tokenize(pattern);
        if (tokens is null)
        {
            return null;
        }

        var pieces = new List<string>();
        var piece = new System.Text.StringBuilder();
        var stars = 0;
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case GlobTokenKind.AnyOne:
                    return null;
                case GlobTokenKind.AnyRun:
                    pieces.Add(piece.ToString());
                    piece.Clear();
                    stars++;
                    break;
                default:
                    piece.Append(token.Char);
                    break;
            }
        }

        pieces.Add(piece.ToString());

        // Consecutive stars match what one star does; empty pieces between stars are nothing.
        var literals = new List<string>();
        foreach (var text in pieces)
        {
            if (text.Length > 0)
            {
                literals.Add(text);
            }
        }

        var leadingStar = tokens.Length > 0 && tokens[0].Kind == GlobTokenKind.AnyRun;
        var trailingStar = tokens.Length > 0 && tokens[tokens.Length - 1].Kind == GlobTokenKind.AnyRun;
        if (stars == 0)
        {
            return new GlobLiteralForm(GlobLiteralKind.Exact, pieces[0], string.Empty);
        }

        return literals.Count switch
        {
            0 => new GlobLiteralForm(GlobLiteralKind.Anything, string.Empty, string.Empty),
            1 when leadingStar && trailingStar => new GlobLiteralForm(GlobLiteralKind.Contains, literals[0], string.Empty),
            1 when leadingStar => new GlobLiteralForm(GlobLiteralKind.Suffix, literals[0], string.Empty),
            1 when trailingStar => new GlobLiteralForm(GlobLiteralKind.Prefix, literals[0], string.Empty),
            2 when !leadingStar && !trailingStar => new GlobLiteralForm(GlobLiteralKind.PrefixAndSuffix, literals[0], literals[1]),
            _ => null,
        };
    }

    public static bool IsMatch(GlobToken[] tokens, string text, bool ignoreCase)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < tokens.Length && tokens[p].Kind != GlobTokenKind.AnyRun
                && (tokens[p].Kind == GlobTokenKind.AnyOne || CharEquals(tokens[p].Char, text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < tokens.Length && tokens[p].Kind == GlobTokenKind.AnyRun)
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < tokens.Length && tokens[p].Kind == GlobTokenKind.AnyRun)
        {
            p++;
        }

        return p == tokens.Length;
    }

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}

public enum GlobTokenKind
{
    Literal,
    AnyOne,
    AnyRun,
}

public readonly record struct GlobToken(GlobTokenKind Kind, char Char);

/// <summary>What a literal-form glob tests: <see cref="GlobMatcher.LiteralForm"/>.</summary>
public enum GlobLiteralKind
{
    /// <summary>No star: the text equals <see cref="GlobLiteralForm.First"/>.</summary>
    Exact,

    /// <summary><c>lit*</c>: starts with First.</summary>
    Prefix,

    /// <summary><c>*lit</c>: ends with First.</summary>
    Suffix,

    /// <summary><c>*lit*</c>: contains First.</summary>
    Contains,

    /// <summary><c>lit*lit</c>: starts with First and ends with Second, which do not overlap.</summary>
    PrefixAndSuffix,

    /// <summary>Only stars: any text.</summary>
    Anything,
}

/// <summary>A glob as plain-text tests (case-sensitive, ordinal).</summary>
public sealed record GlobLiteralForm(GlobLiteralKind Kind, string First, string Second);
