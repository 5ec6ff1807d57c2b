using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Language.Patterns;

/// <summary>
/// The meaning of a pattern set, one char at a time: the step the DFA construction tabulates and the reference
/// simulation runs directly. The search is unanchored: before each char, every pattern starts again. A step first follows the zero-width moves from the threads (<see cref="Close"/>, which needs to know
/// what follows: <c>\b</c> and <c>$</c> look ahead) and then consumes the char (<see cref="Advance"/>).
/// </summary>
internal sealed class SearchStep(SearchNfa nfa)
{
    /// <summary>The state before the first char.</summary>
    public SearchState Initial => new(Normalize(Before.Start), PatternBits.Empty(nfa.PatternCount), []);

    public static After AfterOf(char c) => c == '\n' ? After.Newline : CharClasses.BoundaryWord.Contains(c) ? After.Word : After.Other;

    public static Before BeforeOf(char c) => CharClasses.BoundaryWord.Contains(c) ? Before.Word : Before.Other;

    /// <summary>Every pattern that matches somewhere in <paramref name="input"/>: the reference the tables are checked against.</summary>
    public bool[] Match(string input)
    {
        var state = Initial;
        var matched = PatternBits.Empty(nfa.PatternCount);
        foreach (var c in input)
        {
            state = Advance(Close(state, AfterOf(c)), BeforeOf(c), position => nfa.Nodes[position].Set.Contains(c));
            PatternBits.UnionWith(matched, state.Entered);
        }

        PatternBits.UnionWith(matched, Close(state, After.End).Matched);
        return Enumerable.Range(0, nfa.PatternCount).Select(p => PatternBits.Contains(matched, p)).ToArray();
    }

    /// <summary>Follows every zero-width move from <paramref name="state"/>, given what follows the position.</summary>
    public Closure Close(SearchState state, After after)
    {
        var matched = PatternBits.Empty(nfa.PatternCount);
        var closure = new Closure(matched);
        var visited = new bool[nfa.Nodes.Count * 3];
        var pending = new Stack<(int Position, Tail Tail)>();
        foreach (var thread in state.Threads)
        {
            pending.Push((SearchState.Position(thread), SearchState.MustEnd(thread) ? Tail.End : Tail.Free));
        }

        for (var pattern = nfa.PatternCount - 1; pattern >= 0; pattern--)
        {
            pending.Push((nfa.Starts[pattern], Tail.Free));
        }

        while (pending.Count > 0)
        {
            var (position, tail) = pending.Pop();
            if ((tail == Tail.End && after != After.End) || visited[(position * 3) + (int)tail])
            {
                continue;
            }

            visited[(position * 3) + (int)tail] = true;
            var node = nfa.Nodes[position];
            switch (node.Kind)
            {
                case NfaKind.Char:
                    if (after != After.End)
                    {
                        closure.CharThreads.Add((position, tail));
                    }

                    break;
                case NfaKind.Fork:
                    for (var i = node.Targets.Length - 1; i >= 0; i--)
                    {
                        pending.Push((node.Targets[i], tail));
                    }

                    break;
                case NfaKind.Assert:
                    if (Holds(node.Anchor, state.Before, after, tail) is { } next)
                    {
                        pending.Push((node.Targets[0], next));
                    }

                    break;
                case NfaKind.Accept:
                    if (tail == Tail.NewlineThenEnd)
                    {
                        closure.PendingAccepts.Add(position);
                    }
                    else
                    {
                        PatternBits.Add(matched, node.Pattern);
                    }

                    break;
                default:
                    throw new InvalidOperationException("Unknown NFA node " + node.Kind);
            }
        }

        return closure;
    }

    /// <summary>
    /// Consumes the char that <paramref name="closure"/> was computed before: every char thread whose set holds it
    /// (<paramref name="consumes"/>, asked by position) moves on.
    /// </summary>
    public SearchState Advance(Closure closure, Before before, Func<int, bool> consumes)
    {
        var threads = new List<int>();
        foreach (var (position, tail) in closure.CharThreads)
        {
            if (consumes(position))
            {
                threads.Add(SearchState.Thread(nfa.Nodes[position].Targets[0], mustEnd: tail == Tail.NewlineThenEnd));
            }
        }

        // An accept that waited for this '\n' to be the last char now waits for the end.
        threads.AddRange(closure.PendingAccepts.Select(position => SearchState.Thread(position, mustEnd: true)));
        return new SearchState(Normalize(before), closure.Matched, Canonical(threads));
    }

    private static int[] Canonical(List<int> threads)
    {
        threads.Sort();
        var canonical = new List<int>(threads.Count);
        foreach (var thread in threads)
        {
            var previous = canonical.Count > 0 ? canonical[canonical.Count - 1] : -1;

            // Sorted, a free thread comes just before the same thread bound to the end, and does all it does.
            if (thread != previous && (thread & ~1) != previous)
            {
                canonical.Add(thread);
            }
        }

        return canonical.ToArray();
    }

    /// <summary>Drops what no pattern of the set can observe, so that states differing only there are one state.</summary>
    private Before Normalize(Before before) => before switch
    {
        Before.Start when !nfa.UsesBeginning => Before.Other,
        Before.Word when !nfa.UsesWordBoundary => Before.Other,
        _ => before,
    };

    /// <summary>The tail after <paramref name="anchor"/> when it holds; null when it does not.</summary>
    private static Tail? Holds(Anchor anchor, Before before, After after, Tail tail) => anchor switch
    {
        Anchor.Beginning => before == Before.Start ? tail : null,
        Anchor.End => after == After.End ? tail : null,
        Anchor.EndOrBeforeFinalNewline => after switch
        {
            After.End => tail,
            After.Newline => Tail.NewlineThenEnd, // holds if this '\n' is the last char
            _ => null,
        },
        Anchor.WordBoundary => (before == Before.Word) != (after == After.Word) ? tail : null,
        Anchor.NonWordBoundary => (before == Before.Word) == (after == After.Word) ? tail : null,
        _ => throw new ArgumentOutOfRangeException(nameof(anchor), anchor, "Unknown anchor."),
    };
}

/// <summary>What a thread assumes about the rest of the input.</summary>
internal enum Tail
{
    /// <summary>Nothing.</summary>
    Free,

    /// <summary>The next char is a <c>\n</c> and the last.</summary>
    NewlineThenEnd,

    /// <summary>The input ends here.</summary>
    End,
}

/// <summary>The threads after the zero-width moves of one step, before the char is consumed.</summary>
internal sealed class Closure(int[] matched)
{
    /// <summary>The patterns this closure reached the end of.</summary>
    public int[] Matched { get; } = matched;

    /// <summary>Positions that consume a char, with what they assume.</summary>
    public List<(int Position, Tail Tail)> CharThreads { get; } = [];

    /// <summary>Accept positions reached on the assumption that the next char, a <c>\n</c>, is the last.</summary>
    public List<int> PendingAccepts { get; } = [];
}
