using System;
using RuleCompiler.Patterns;

namespace RuleCompiler;

/// <summary>
/// Matches many regular expressions in one pass over the input: the generator compiles the <c>regex:</c> patterns
/// tested on one field into a DFA and writes it as a <c>ReadOnlySpan&lt;ushort&gt;</c> table; these methods run
/// it. The answer for each pattern is what <c>Regex.IsMatch</c> with <c>NonBacktracking | CultureInvariant</c>
/// gives. Each call reads each char at most once, stops early once every pattern matched or nothing can change, and
/// allocates nothing.
/// </summary>
public static class PatternSet
{
    /// <summary>The number of patterns <paramref name="automaton"/> answers for.</summary>
    /// <param name="automaton">A table written by the generator.</param>
    /// <exception cref="ArgumentException">The table is not one the generator wrote.</exception>
    public static int PatternCount(ReadOnlySpan<ushort> automaton) => Checked(automaton)[PatternTableLayout.PatternCount];

    /// <summary>Which of at most 64 patterns match somewhere in <paramref name="input"/>: bit <c>p</c> is pattern <c>p</c>.</summary>
    /// <param name="automaton">A table written by the generator.</param>
    /// <param name="input">The text to search.</param>
    /// <exception cref="ArgumentException">The table is not one the generator wrote, or it has more than 64 patterns.</exception>
    public static ulong Match(ReadOnlySpan<ushort> automaton, ReadOnlySpan<char> input)
    {
        if (PatternCount(automaton) > 64)
        {
            throw new ArgumentException("The automaton has more than 64 patterns; pass a span of bits.", nameof(automaton));
        }

        var matches = 0UL;
        Run(automaton, input, new Span<ulong>(ref matches));
        return matches;
    }

    /// <summary>
    /// Which patterns match somewhere in <paramref name="input"/>: bit <c>p % 64</c> of <c>matches[p / 64]</c> is
    /// pattern <c>p</c>. Every bit of <paramref name="matches"/> is written.
    /// </summary>
    /// <param name="automaton">A table written by the generator.</param>
    /// <param name="input">The text to search.</param>
    /// <param name="matches">At least <c>(PatternCount + 63) / 64</c> words.</param>
    /// <exception cref="ArgumentException">The table is not one the generator wrote, or <paramref name="matches"/> is too short.</exception>
    public static void Match(ReadOnlySpan<ushort> automaton, ReadOnlySpan<char> input, Span<ulong> matches)
    {
        var words = (PatternCount(automaton) + 63) / 64;
        if (matches.Length < words)
        {
            throw new ArgumentException($"The automaton needs {words} words of bits.", nameof(matches));
        }

        matches.Clear();
        Run(automaton, input, matches[..words]);
    }

    /// <summary>
    /// Whether pattern <paramref name="pattern"/> matches somewhere in <paramref name="input"/>: the automaton runs
    /// until that pattern matched or nothing can change. For one test; a method that tests several patterns of one
    /// automaton on one input uses a <see cref="PatternScan"/>, which reads the input once for all of them.
    /// </summary>
    /// <param name="automaton">A table written by the generator.</param>
    /// <param name="input">The text to search.</param>
    /// <param name="pattern">The pattern's index in the automaton, below 64.</param>
    /// <exception cref="ArgumentException">The table is not one the generator wrote, or it has more than 64 patterns.</exception>
    public static bool IsMatch(ReadOnlySpan<ushort> automaton, ReadOnlySpan<char> input, int pattern) => new PatternScan(automaton, input).IsMatch(pattern);

    /// <summary>Runs the DFA over all of <paramref name="input"/> (or until every pattern matched), adding the matches of each accepting state entered and of the end.</summary>
    private static void Run(ReadOnlySpan<ushort> automaton, ReadOnlySpan<char> input, Span<ulong> matches)
    {
        var position = 0;
        int state = automaton[PatternTableLayout.StartState];
        Resume(automaton, input, ref position, ref state, matches, stopWord: -1, stopBits: 0);
    }

    /// <summary>
    /// Runs the DFA from char <paramref name="position"/> in <paramref name="state"/>, adding the matches of each
    /// accepting state entered, until the bits <paramref name="stopBits"/> of word <paramref name="stopWord"/> are
    /// found (a <paramref name="stopWord"/> of -1: until every pattern matched), or a final state is entered, or the
    /// input ends. At the end (or in a final state, which no char leaves) the state's end matches are added and
    /// <paramref name="position"/> becomes -1: the scan is over. Otherwise the scan may resume where it stopped.
    /// </summary>
    internal static void Resume(ReadOnlySpan<ushort> automaton, ReadOnlySpan<char> input, ref int position, ref int state, Span<ulong> matches, int stopWord, ulong stopBits)
    {
        int patternCount = automaton[PatternTableLayout.PatternCount];
        int classCount = automaton[PatternTableLayout.ClassCount];
        int stateCount = automaton[PatternTableLayout.StateCount];
        int firstAccepting = automaton[PatternTableLayout.FirstAcceptingState];
        int firstFinal = automaton[PatternTableLayout.FirstFinalState];
        int rangeCount = automaton[PatternTableLayout.RangeCount];
        var wordsPerState = PatternTableLayout.WordsPerState(patternCount);

        var rest = automaton[PatternTableLayout.HeaderLength..];
        var asciiClasses = Take(ref rest, PatternTableLayout.AsciiClassCount);
        var rangeFirsts = Take(ref rest, rangeCount);
        var rangeClasses = Take(ref rest, rangeCount);
        var transitions = Take(ref rest, stateCount * classCount);
        var matchesOnEntry = Take(ref rest, stateCount * wordsPerState);
        var matchesAtEnd = Take(ref rest, stateCount * wordsPerState);

        var current = state;
        var i = position;
        if (current < firstFinal)
        {
            while (i < input.Length)
            {
                var c = input[i++];
                var charClass = c < PatternTableLayout.AsciiClassCount ? asciiClasses[c] : rangeClasses[RangeOf(rangeFirsts, c)];
                current = transitions[(current * classCount) + charClass];
                if (current >= firstAccepting)
                {
                    Add(matches, matchesOnEntry.Slice(current * wordsPerState, wordsPerState));
                    if (current >= firstFinal)
                    {
                        break;
                    }

                    if (stopWord < 0 ? AllSet(matches, patternCount) : (matches[stopWord] & stopBits) == stopBits)
                    {
                        (position, state) = (i, current);
                        return;
                    }
                }
            }
        }

        Add(matches, matchesAtEnd.Slice(current * wordsPerState, wordsPerState));
        (position, state) = (-1, current);
    }

    private static ReadOnlySpan<ushort> Take(ref ReadOnlySpan<ushort> rest, int length)
    {
        var taken = rest[..length];
        rest = rest[length..];
        return taken;
    }

    /// <summary>The last range whose first char is at most <paramref name="c"/> (the first range starts at U+0080).</summary>
    private static int RangeOf(ReadOnlySpan<ushort> rangeFirsts, char c)
    {
        var index = rangeFirsts.BinarySearch((ushort)c);
        return index >= 0 ? index : ~index - 1;
    }

    private static void Add(Span<ulong> matches, ReadOnlySpan<ushort> words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            matches[i / 4] |= (ulong)words[i] << (16 * (i % 4));
        }
    }

    private static bool AllSet(ReadOnlySpan<ulong> matches, int patternCount)
    {
        for (var i = 0; i < matches.Length; i++)
        {
            var bits = Math.Min(64, patternCount - (64 * i));
            var all = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
            if ((matches[i] & all) != all)
            {
                return false;
            }
        }

        return true;
    }

    internal static ReadOnlySpan<ushort> Checked(ReadOnlySpan<ushort> automaton) =>
        automaton.Length >= PatternTableLayout.HeaderLength + PatternTableLayout.AsciiClassCount && automaton[PatternTableLayout.Version] == PatternTableLayout.FormatVersion
            ? automaton
            : throw new ArgumentException("Not a pattern automaton table of format " + PatternTableLayout.FormatVersion + ".", nameof(automaton));
}
