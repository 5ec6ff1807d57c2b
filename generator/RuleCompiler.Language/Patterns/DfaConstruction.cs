using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace RuleCompiler.Language.Patterns;

/// <summary>
/// A DFA over char classes: the patterns found matching on entering each state, and those found matching when the
/// input ends in it (pattern bit sets, <see cref="PatternBits"/>).
/// </summary>
internal sealed record Dfa(int ClassCount, int[][] Transitions, int[][] MatchesOnEntry, int[][] MatchesAtEnd, int Start)
{
    public int StateCount => Transitions.Length;
}

/// <summary>
/// The subset construction over <see cref="SearchStep"/>: each DFA state is a <see cref="SearchState"/>, and its
/// transition on a char class is the step on the class's first char (every char of a class steps alike). The
/// zero-width moves depend only on what kind of char follows, so a state computes at most three closures plus the
/// one at the end of the input, whose matches are what the state adds when the input ends there.
/// </summary>
internal static class DfaConstruction
{
    /// <summary>The DFA, or null when it needs more than the budget allows.</summary>
    public static Dfa? Build(SearchNfa nfa, CharClassMap classes, AutomatonBudget budget, CancellationToken cancellationToken)
    {
        var step = new SearchStep(nfa);
        var consumes = ConsumedClasses(nfa, classes);
        var after = classes.Representatives.Select(SearchStep.AfterOf).ToArray();
        var before = classes.Representatives.Select(SearchStep.BeforeOf).ToArray();
        var ids = new Dictionary<SearchState, int>();
        var states = new List<SearchState>();
        var transitions = new List<int[]>();
        var matchesOnEntry = new List<int[]>();
        var matchesAtEnd = new List<int[]>();

        int? Intern(SearchState state)
        {
            if (ids.TryGetValue(state, out var id))
            {
                return id;
            }

            if (states.Count + 1 > budget.MaxStates || (long)(states.Count + 1) * classes.Count > budget.MaxTransitions)
            {
                return null;
            }

            ids.Add(state, states.Count);
            states.Add(state);
            return states.Count - 1;
        }

        if (classes.Count > ushort.MaxValue || Intern(step.Initial) is not { } start)
        {
            return null;
        }

        for (var current = 0; current < states.Count; current++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = states[current];
            var closures = new Dictionary<After, Closure>();
            var row = new int[classes.Count];
            for (var c = 0; c < classes.Count; c++)
            {
                if (!closures.TryGetValue(after[c], out var closure))
                {
                    closure = step.Close(state, after[c]);
                    closures.Add(after[c], closure);
                }

                var target = Intern(step.Advance(closure, before[c], position => consumes[position][c]));
                if (target is null)
                {
                    return null;
                }

                row[c] = target.Value;
            }

            transitions.Add(row);
            matchesOnEntry.Add(state.Entered);
            matchesAtEnd.Add(step.Close(state, After.End).Matched);
        }

        return new Dfa(classes.Count, transitions.ToArray(), matchesOnEntry.ToArray(), matchesAtEnd.ToArray(), start);
    }

    // For each char position, whether it consumes each class (tested on the class's first char).
    private static bool[][] ConsumedClasses(SearchNfa nfa, CharClassMap classes) =>
        nfa.Nodes.Select(node => node.Kind == NfaKind.Char
            ? classes.Representatives.Select(node.Set.Contains).ToArray()
            : []).ToArray();
}
