using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Patterns;

public enum FallbackKind
{
    /// <summary>The pattern uses a construct the automaton does not compile.</summary>
    Unsupported,

    /// <summary>The pattern would take the set's automaton over its <see cref="AutomatonBudget"/>.</summary>
    OverBudget,

    /// <summary>The automata packed before it already hold as much table as a rule set may (<see cref="PatternSetCompiler.Pack"/>).</summary>
    TablesFull,
}

/// <summary>A pattern left to <c>Regex</c>: its index in the compiled list, and why.</summary>
public readonly record struct PatternFallback(int Index, FallbackKind Kind, string Reason);

/// <summary>
/// The automaton of the patterns that fit (null when none does), the indexes of those patterns in the compiled list
/// (pattern <c>i</c> of the automaton is <c>Included[i]</c>), and the patterns that did not fit.
/// </summary>
public sealed record PatternSetCompilation(
    PatternAutomaton? Automaton,
    EquatableArray<int> Included,
    EquatableArray<PatternFallback> Fallbacks);

/// <summary>An automaton and the indexes, in the packed list, of the patterns it answers for (its pattern <c>i</c> is <c>Included[i]</c>).</summary>
public sealed record PackedAutomaton(PatternAutomaton Automaton, EquatableArray<int> Included);

/// <summary>The automata the patterns were packed into, in order of their first pattern, and the patterns none of them answers for.</summary>
public sealed record PatternPacking(EquatableArray<PackedAutomaton> Automata, EquatableArray<PatternFallback> Fallbacks);

/// <summary>
/// Compiles the patterns tested on one field into one automaton. Unsupported patterns fall back at once; then the
/// whole set is tried, and when it exceeds the budget, patterns are added one by one in order and each that would
/// exceed it falls back (the remaining set is exact either way). Fallback patterns may be compiled again as a set
/// of their own.
/// </summary>
public static class PatternSetCompiler
{
    public static PatternSetCompilation Compile(IReadOnlyList<PatternSource> patterns, AutomatonBudget budget, CancellationToken cancellationToken)
    {
        var fallbacks = new List<PatternFallback>();
        var candidates = new List<(int Index, PatternNode Node)>();
        for (var index = 0; index < patterns.Count; index++)
        {
            if (Parse(patterns, index, budget, fallbacks) is { } node)
            {
                candidates.Add((index, node));
            }
        }

        var (included, automaton) = Build(candidates, patterns, budget, cancellationToken) is { } whole
            ? (candidates, whole)
            : AddOneByOne(candidates, patterns, budget, fallbacks, cancellationToken);
        return new PatternSetCompilation(
            automaton,
            included.Select(c => c.Index).ToEquatableArray(),
            fallbacks.OrderBy(f => f.Index).ToEquatableArray());
    }

    /// <summary>The most patterns one packed automaton answers for: a scan keeps its matches in one 64-bit word.</summary>
    public const int MaxPatternsPerPack = 64;

    /// <summary>
    /// Packs the patterns tested on one field into as few automata as fit <paramref name="shared"/>, in order: each
    /// pattern joins the automaton of the patterns before it when the two fit together, else starts the next one.
    /// A pattern too large to share gets an automaton of its own within <paramref name="alone"/>; one past that, or
    /// one the automaton does not compile, falls back with its reason. Each set is built once (no search for a better
    /// packing), so the cost is about one construction per pattern: a rule file's 76 patterns on one field pack in a
    /// few hundred milliseconds. Once the automata hold <paramref name="maxTableWords"/> table entries, no automaton is
    /// begun: the patterns left fall back (<see cref="FallbackKind.TablesFull"/>), which bounds the build's time and
    /// the tables' size for files of thousands of distinct patterns.
    /// </summary>
    public static PatternPacking Pack(IReadOnlyList<PatternSource> patterns, AutomatonBudget shared, AutomatonBudget alone, CancellationToken cancellationToken, int maxTableWords = int.MaxValue)
    {
        var tableWords = 0;
        var automata = new List<PackedAutomaton>();
        var fallbacks = new List<PatternFallback>();
        var open = new List<(int Index, PatternNode Node)>();
        PatternAutomaton? openAutomaton = null;
        void Close()
        {
            if (openAutomaton is not null)
            {
                automata.Add(new PackedAutomaton(openAutomaton, open.Select(c => c.Index).ToEquatableArray()));
                tableWords += openAutomaton.TableLength;
            }

            open = [];
            openAutomaton = null;
        }

        for (var index = 0; index < patterns.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Parse(patterns, index, alone, fallbacks) is not { } node)
            {
                continue;
            }

            var candidate = (index, node);
            if (open.Count is > 0 and < MaxPatternsPerPack && Build([.. open, candidate], patterns, shared, cancellationToken) is { } together)
            {
                open.Add(candidate);
                openAutomaton = together;
                continue;
            }

            Close();
            if (tableWords >= maxTableWords)
            {
                fallbacks.Add(new PatternFallback(index, FallbackKind.TablesFull, $"the automata before it hold {tableWords} table entries, the most a rule set's may ({maxTableWords})"));
            }
            else if (Build([candidate], patterns, shared, cancellationToken) is { } small)
            {
                open.Add(candidate);
                openAutomaton = small;
            }
            else if (Build([candidate], patterns, alone, cancellationToken) is { } large)
            {
                automata.Add(new PackedAutomaton(large, EquatableArray.Create(index)));
                tableWords += large.TableLength;
            }
            else
            {
                fallbacks.Add(new PatternFallback(index, FallbackKind.OverBudget, $"alone it needs more than {alone.MaxStates} states or {alone.MaxTransitions} transitions"));
            }
        }

        Close();
        return new PatternPacking(automata.ToEquatableArray(), fallbacks.ToEquatableArray());
    }

    /// <summary>
    /// Pattern <paramref name="index"/> parsed, or null after adding its fallback: a construct the automata do not
    /// compile, or counted repetitions past <paramref name="budget"/>'s positions.
    /// </summary>
    private static PatternNode? Parse(IReadOnlyList<PatternSource> patterns, int index, AutomatonBudget budget, List<PatternFallback> fallbacks)
    {
        var parsed = PatternParser.Parse(patterns[index].Pattern, patterns[index].IgnoreCase);
        if (parsed.Node is null)
        {
            fallbacks.Add(new PatternFallback(index, FallbackKind.Unsupported, parsed.Unsupported!));
            return null;
        }

        if (SearchNfa.Size(parsed.Node) > budget.MaxPositionsPerPattern)
        {
            fallbacks.Add(new PatternFallback(index, FallbackKind.OverBudget, $"its repetitions expand to more than {budget.MaxPositionsPerPattern} automaton positions"));
            return null;
        }

        return parsed.Node;
    }

    private static (List<(int Index, PatternNode Node)>, PatternAutomaton?) AddOneByOne(
        List<(int Index, PatternNode Node)> candidates,
        IReadOnlyList<PatternSource> patterns,
        AutomatonBudget budget,
        List<PatternFallback> fallbacks,
        CancellationToken cancellationToken)
    {
        var included = new List<(int Index, PatternNode Node)>();
        PatternAutomaton? automaton = null;
        foreach (var candidate in candidates)
        {
            if (Build([.. included, candidate], patterns, budget, cancellationToken) is { } larger)
            {
                included.Add(candidate);
                automaton = larger;
            }
            else
            {
                fallbacks.Add(new PatternFallback(candidate.Index, FallbackKind.OverBudget, included.Count == 0
                    ? $"alone it needs more than {budget.MaxStates} states or {budget.MaxTransitions} transitions"
                    : $"with the {included.Count} patterns before it, the set needs more than {budget.MaxStates} states or {budget.MaxTransitions} transitions"));
            }
        }

        return (included, automaton);
    }

    private static PatternAutomaton? Build(
        List<(int Index, PatternNode Node)> included,
        IReadOnlyList<PatternSource> patterns,
        AutomatonBudget budget,
        CancellationToken cancellationToken)
    {
        if (included.Count == 0)
        {
            return null;
        }

        var nfa = SearchNfa.Build(included.Select(c => c.Node).ToArray());
        var classes = CharClassMap.Build(Sets(nfa));
        if (DfaConstruction.Build(nfa, classes, budget, cancellationToken) is not { } dfa)
        {
            return null;
        }

        var minimal = DfaMinimization.Minimize(dfa);
        return new PatternAutomaton(
            included.Select(c => patterns[c.Index]).ToEquatableArray(),
            classes.Ranges.ToEquatableArray(),
            minimal.Dfa.ClassCount,
            minimal.Dfa.Start,
            minimal.FirstAcceptingState,
            minimal.FirstFinalState,
            minimal.Dfa.Transitions.SelectMany(row => row).ToEquatableArray(),
            minimal.Dfa.MatchesOnEntry.Select(bits => Indexes(bits, included.Count)).ToEquatableArray(),
            minimal.Dfa.MatchesAtEnd.Select(bits => Indexes(bits, included.Count)).ToEquatableArray());
    }

    private static EquatableArray<int> Indexes(int[] bits, int patternCount) =>
        Enumerable.Range(0, patternCount).Where(p => PatternBits.Contains(bits, p)).ToEquatableArray();

    // The sets that split chars into classes: those of the char positions, '\n' for $, and word chars for \b.
    private static IEnumerable<CharSet> Sets(SearchNfa nfa)
    {
        var sets = nfa.Nodes.Where(node => node.Kind == NfaKind.Char).Select(node => node.Set).Append(CharClasses.Newline);
        return nfa.UsesWordBoundary ? sets.Append(CharClasses.BoundaryWord) : sets;
    }
}
