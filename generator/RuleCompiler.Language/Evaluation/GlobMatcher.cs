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
