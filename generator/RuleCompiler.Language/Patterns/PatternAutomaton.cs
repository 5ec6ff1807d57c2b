using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Patterns;

namespace RuleCompiler.Language.Patterns;

/// <summary>A <c>regex:</c> operand and its <c>ignore-case</c> flag.</summary>
public readonly record struct PatternSource(string Pattern, bool IgnoreCase);

/// <summary>
/// A minimized DFA that reads an input once and answers, for every pattern of a set, whether it matches anywhere
/// in the input (as <c>Regex.IsMatch</c> with <c>NonBacktracking | CultureInvariant</c>). Chars map to classes by
/// <see cref="ClassMap"/>; state <c>s</c> on class <c>c</c> goes to <c>Transitions[s * ClassCount + c]</c>. The
/// patterns that match are those of <see cref="MatchesOnEntry"/> of every state entered, plus those of
/// <see cref="MatchesAtEnd"/> of the state the input ends in (indexes into <see cref="Patterns"/>). States below
/// <see cref="FirstAcceptingState"/> match nothing on entry; states from <see cref="FirstFinalState"/> on go to
/// themselves on every class. Plain data, equatable, for the emitter to write as a literal (<see cref="ToTable"/>).
/// </summary>
public sealed record PatternAutomaton(
    EquatableArray<PatternSource> Patterns,
    EquatableArray<CharClassRange> ClassMap,
    int ClassCount,
    int StartState,
    int FirstAcceptingState,
    int FirstFinalState,
    EquatableArray<int> Transitions,
    EquatableArray<EquatableArray<int>> MatchesOnEntry,
    EquatableArray<EquatableArray<int>> MatchesAtEnd)
{
    public int StateCount => MatchesAtEnd.Count;

    /// <summary>The number of entries of <see cref="ToTable"/>, without building it.</summary>
    public int TableLength =>
        PatternTableLayout.HeaderLength + PatternTableLayout.AsciiClassCount
        + (2 * ClassMap.Count(range => range.Last >= PatternTableLayout.AsciiClassCount))
        + Transitions.Count
        + (2 * StateCount * PatternTableLayout.WordsPerState(Patterns.Count));

    /// <summary>The automaton as the runtime's <c>PatternSet</c> reads it (layout: <c>PatternTableLayout</c>).</summary>
    public ushort[] ToTable()
    {
        var nonAscii = ClassMap.Where(range => range.Last >= PatternTableLayout.AsciiClassCount)
            .Select(range => range with { First = (char)Math.Max((int)range.First, PatternTableLayout.AsciiClassCount) })
            .ToArray();
        var table = new List<ushort>
        {
            PatternTableLayout.FormatVersion,
            Narrow(Patterns.Count),
            Narrow(ClassCount),
            Narrow(StateCount),
            Narrow(StartState),
            Narrow(FirstAcceptingState),
            Narrow(FirstFinalState),
            Narrow(nonAscii.Length),
        };
        table.AddRange(Enumerable.Range(0, PatternTableLayout.AsciiClassCount).Select(c => Narrow(ClassOf((char)c))));
        table.AddRange(nonAscii.Select(range => (ushort)range.First));
        table.AddRange(nonAscii.Select(range => Narrow(range.Class)));
        table.AddRange(Transitions.Select(Narrow));
        table.AddRange(MatchesOnEntry.SelectMany(MatchWords));
        table.AddRange(MatchesAtEnd.SelectMany(MatchWords));
        return table.ToArray();
    }

    public int ClassOf(char c) => ClassMap.First(range => c <= range.Last).Class;

    private IEnumerable<ushort> MatchWords(EquatableArray<int> patterns)
    {
        var words = new ushort[PatternTableLayout.WordsPerState(Patterns.Count)];
        foreach (var pattern in patterns)
        {
            words[pattern / 16] |= (ushort)(1 << (pattern % 16));
        }

        return words;
    }

    private static ushort Narrow(int value) =>
        value is >= 0 and <= ushort.MaxValue ? (ushort)value : throw new InvalidOperationException($"{value} does not fit a table entry.");
}
