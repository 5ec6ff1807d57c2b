using System;
using System.Linq;

namespace RuleCompiler.Language.Patterns;

/// <summary>What precedes a position: the start of the input, a word char (for <c>\b</c>) or another char.</summary>
internal enum Before
{
    Start,
    Word,
    Other,
}

/// <summary>What follows a position: <c>\n</c> (for <c>$</c>), a word char, another char, or the end of the input.</summary>
internal enum After
{
    Newline,
    Word,
    Other,
    End,
}

/// <summary>
/// What a search knows between two chars, the content of one DFA state: what precedes the position, which patterns
/// the step into it found matching (a matcher accumulates them; keeping the accumulated set in the state instead
/// would make states for every subset of patterns), and the threads still running, each an NFA position that follows
/// a consumed char. A thread may carry the condition "the input ends here" (set when a <c>$</c> held before a
/// <c>\n</c> that then had to be the last char). Threads are sorted, so equal states compare equal.
/// </summary>
internal sealed class SearchState(Before before, int[] entered, int[] threads) : IEquatable<SearchState>
{
    public Before Before { get; } = before;

    /// <summary>Bit p (word p / 32, bit p % 32): the step into this state found pattern p matching.</summary>
    public int[] Entered { get; } = entered;

    /// <summary>Encoded <c>position * 2 + (must end ? 1 : 0)</c>, ascending, without duplicates.</summary>
    public int[] Threads { get; } = threads;

    public static int Thread(int position, bool mustEnd) => (position << 1) | (mustEnd ? 1 : 0);

    public static int Position(int thread) => thread >> 1;

    public static bool MustEnd(int thread) => (thread & 1) != 0;

    public bool Equals(SearchState? other) =>
        other is not null && Before == other.Before && Entered.SequenceEqual(other.Entered) && Threads.SequenceEqual(other.Threads);

    public override bool Equals(object? obj) => Equals(obj as SearchState);

    public override int GetHashCode()
    {
        var hash = (int)Before;
        foreach (var word in Entered)
        {
            hash = unchecked((hash * 31) + word);
        }

        foreach (var thread in Threads)
        {
            hash = unchecked((hash * 31) + thread);
        }

        return hash;
    }
}

/// <summary>Pattern sets as bit words.</summary>
internal static class PatternBits
{
    public static int[] Empty(int patternCount) => new int[(patternCount + 31) / 32];

    public static bool Contains(int[] bits, int pattern) => (bits[pattern >> 5] & (1 << (pattern & 31))) != 0;

    public static void Add(int[] bits, int pattern) => bits[pattern >> 5] |= 1 << (pattern & 31);

    public static void UnionWith(int[] bits, int[] other)
    {
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] |= other[i];
        }
    }
}
