using System;
using System.Collections.Generic;

namespace RuleCompiler;

/// <summary>
/// A rule file's <c>glob</c>, prepared once: the whole text must match; <c>*</c> matches any run (also empty,
/// also '/'), <c>?</c> one character, <c>\</c> escapes the next. Matching splits the pattern at its stars and
/// finds each piece leftmost, which is exact for star globs and allocation-free.
/// </summary>
public sealed class GlobPattern
{
    private readonly Piece[] _pieces;
    private readonly bool _startsWithStar;
    private readonly bool _endsWithStar;
    private readonly bool _ignoreCase;

    /// <summary>Prepares <paramref name="pattern"/> (already validated by the generator). Called once per glob by generated code.</summary>
    public GlobPattern(string pattern, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _ignoreCase = ignoreCase;
        var pieces = new List<Piece>();
        var chars = new List<char>();
        var wild = new List<bool>();
        var sawStar = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*')
            {
                _startsWithStar |= i == 0;
                sawStar = true;
                _endsWithStar = true;
                Flush();
                continue;
            }

            _endsWithStar = false;

            if (c == '\\' && i + 1 < pattern.Length)
            {
                chars.Add(pattern[++i]);
                wild.Add(false);
            }
            else
            {
                chars.Add(c);
                wild.Add(c == '?');
            }
        }

        Flush();
        if (!sawStar && pieces.Count == 0)
        {
            pieces.Add(new Piece(string.Empty, []));
        }

        _pieces = pieces.ToArray();

        void Flush()
        {
            if (chars.Count > 0)
            {
                pieces.Add(new Piece(new string(chars.ToArray()), wild.ToArray()));
                chars.Clear();
                wild.Clear();
            }
        }
    }

    /// <summary>Whether the whole <paramref name="text"/> matches.</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        if (_pieces.Length == 1 && !_startsWithStar && !_endsWithStar)
        {
            return text.Length == _pieces[0].Length && Matches(_pieces[0], text);
        }

        var start = 0;
        var first = 0;
        var last = _pieces.Length;
        if (!_startsWithStar)
        {
            if (text.Length < _pieces[0].Length || !Matches(_pieces[0], text[.._pieces[0].Length]))
            {
                return false;
            }

            start = _pieces[0].Length;
            first = 1;
        }

        var end = text.Length;
        if (!_endsWithStar && last > first)
        {
            var tail = _pieces[last - 1];
            if (end - start < tail.Length || !Matches(tail, text[(end - tail.Length)..]))
            {
                return false;
            }

            end -= tail.Length;
            last--;
        }

        for (var p = first; p < last; p++)
        {
            var found = Find(_pieces[p], text[start..end]);
            if (found < 0)
            {
                return false;
            }

            start += found + _pieces[p].Length;
        }

        return true;
    }

    private int Find(Piece piece, ReadOnlySpan<char> text)
    {
        // A piece without '?' is plain text: the runtime's vectorized search finds it exactly.
        if (!_ignoreCase && !piece.HasWildcard)
        {
            return text.IndexOf(piece.Text.AsSpan(), StringComparison.Ordinal);
        }

        for (var at = 0; at + piece.Length <= text.Length; at++)
        {
            if (Matches(piece, text.Slice(at, piece.Length)))
            {
                return at;
            }
        }

        return -1;
    }

    private bool Matches(Piece piece, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < piece.Length; i++)
        {
            if (!piece.Wild[i] && piece.Text[i] != text[i]
                && !(_ignoreCase && char.ToUpperInvariant(piece.Text[i]) == char.ToUpperInvariant(text[i])))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Piece(string Text, bool[] Wild)
    {
        public int Length => Text.Length;

        public bool HasWildcard { get; } = Array.IndexOf(Wild, true) >= 0;
    }
}
