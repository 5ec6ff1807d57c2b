using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Language.Patterns;

/// <summary>An inclusive range of UTF-16 code units.</summary>
public readonly record struct CharRange(char First, char Last);

/// <summary>
/// A set of UTF-16 code units (U+0000..U+FFFF) held as sorted, disjoint, non-adjacent ranges, so that a class such
/// as <c>\w</c> or <c>[^/]</c> costs its number of ranges, never a table of 65,536 entries. Immutable, compared by content.
/// </summary>
public sealed class CharSet : IEquatable<CharSet>
{
    private readonly CharRange[] _ranges;

    private CharSet(CharRange[] normalized) => _ranges = normalized;

    public static CharSet Empty { get; } = new(Array.Empty<CharRange>());

    public static CharSet All { get; } = new(new[] { new CharRange(char.MinValue, char.MaxValue) });

    public IReadOnlyList<CharRange> Ranges => _ranges;

    public bool IsEmpty => _ranges.Length == 0;

    public static CharSet Of(char c) => new(new[] { new CharRange(c, c) });

    public static CharSet Range(char first, char last) =>
        first <= last ? new(new[] { new CharRange(first, last) }) : throw new ArgumentException("The range is reversed.", nameof(last));

    /// <summary>The chars of U+0000..U+FFFF that satisfy <paramref name="predicate"/>, scanned once.</summary>
    public static CharSet Where(Func<char, bool> predicate)
    {
        var ranges = new List<CharRange>();
        var start = -1;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var inside = predicate((char)c);
            if (inside && start < 0)
            {
                start = c;
            }
            else if (!inside && start >= 0)
            {
                ranges.Add(new CharRange((char)start, (char)(c - 1)));
                start = -1;
            }
        }

        if (start >= 0)
        {
            ranges.Add(new CharRange((char)start, char.MaxValue));
        }

        return new CharSet(ranges.ToArray());
    }

    public static CharSet FromRanges(IEnumerable<CharRange> ranges)
    {
        var merged = new List<CharRange>();
        foreach (var range in ranges.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && range.First <= merged[merged.Count - 1].Last + 1)
            {
                var last = merged[merged.Count - 1];
                merged[merged.Count - 1] = new CharRange(last.First, (char)Math.Max(last.Last, range.Last));
            }
            else
            {
                merged.Add(range);
            }
        }

        return new CharSet(merged.ToArray());
    }

    public CharSet Union(CharSet other) => FromRanges(_ranges.Concat(other._ranges));

    public CharSet Complement()
    {
        var gaps = new List<CharRange>();
        var next = 0;
        foreach (var range in _ranges)
        {
            if (range.First > next)
            {
                gaps.Add(new CharRange((char)next, (char)(range.First - 1)));
            }

            next = range.Last + 1;
        }

        if (next <= char.MaxValue)
        {
            gaps.Add(new CharRange((char)next, char.MaxValue));
        }

        return new CharSet(gaps.ToArray());
    }

    public bool Contains(char c)
    {
        var low = 0;
        var high = _ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >> 1;
            if (c < _ranges[middle].First)
            {
                high = middle - 1;
            }
            else if (c > _ranges[middle].Last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every char of the set is below <paramref name="limit"/>.</summary>
    public bool IsBelow(char limit) => _ranges.Length == 0 || _ranges[_ranges.Length - 1].Last < limit;

    public bool Equals(CharSet? other) => other is not null && _ranges.SequenceEqual(other._ranges);

    public override bool Equals(object? obj) => Equals(obj as CharSet);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var range in _ranges)
        {
            hash = unchecked((hash * 31) + (range.First << 16) + range.Last);
        }

        return hash;
    }

    public override string ToString() =>
        "[" + string.Concat(_ranges.Select(r => r.First == r.Last ? Show(r.First) : Show(r.First) + "-" + Show(r.Last))) + "]";

    private static string Show(char c) => c is > ' ' and < '\x7F' ? c.ToString() : $"\\u{(int)c:X4}";
}
