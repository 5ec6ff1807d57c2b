using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Language.Patterns;

/// <summary>
/// A minimal DFA numbered for the matcher: states that match nothing on entry first, then accepting states (some
/// pattern matches on entering them), then final states (every class leads back to the state, so the rest of the
/// input changes nothing and a matcher may stop there). One comparison per char tells the matcher it has work.
/// </summary>
internal sealed record MinimalDfa(Dfa Dfa, int FirstAcceptingState, int FirstFinalState);

/// <summary>
/// Moore's partition refinement: states are first told apart by what they match on entry and at the end of the
/// input, then by the blocks their transitions reach, until no block splits. States are numbered breadth-first from
/// the start within each group of <see cref="MinimalDfa"/>, so the same patterns give the same tables.
/// </summary>
internal static class DfaMinimization
{
    public static MinimalDfa Minimize(Dfa dfa)
    {
        var block = Refine(dfa);
        var representative = new int[block.Max() + 1];
        for (var state = dfa.StateCount - 1; state >= 0; state--)
        {
            representative[block[state]] = state;
        }

        var order = BreadthFirst(dfa, block, representative);
        var isFinal = order.ToDictionary(b => b, b => dfa.Transitions[representative[b]].All(t => block[t] == b));
        var isAccepting = order.ToDictionary(b => b, b => dfa.MatchesOnEntry[representative[b]].Any(word => word != 0));
        var plain = order.Where(b => !isFinal[b] && !isAccepting[b]).ToArray();
        var accepting = order.Where(b => !isFinal[b] && isAccepting[b]).ToArray();
        var numbered = plain.Concat(accepting).Concat(order.Where(b => isFinal[b])).ToArray();
        var number = new int[representative.Length];
        for (var i = 0; i < numbered.Length; i++)
        {
            number[numbered[i]] = i;
        }

        var minimal = new Dfa(
            dfa.ClassCount,
            numbered.Select(b => dfa.Transitions[representative[b]].Select(t => number[block[t]]).ToArray()).ToArray(),
            numbered.Select(b => dfa.MatchesOnEntry[representative[b]]).ToArray(),
            numbered.Select(b => dfa.MatchesAtEnd[representative[b]]).ToArray(),
            number[block[dfa.Start]]);
        return new MinimalDfa(minimal, plain.Length, plain.Length + accepting.Length);
    }

    private static int[] Refine(Dfa dfa)
    {
        var block = Number(Enumerable.Range(0, dfa.StateCount).Select(state => dfa.MatchesOnEntry[state].Concat(dfa.MatchesAtEnd[state]).ToArray()));
        while (true)
        {
            var refined = Number(Enumerable.Range(0, dfa.StateCount)
                .Select(state => new[] { block[state] }.Concat(dfa.Transitions[state].Select(target => block[target])).ToArray()));
            if (refined.Max() == block.Max())
            {
                return refined;
            }

            block = refined;
        }
    }

    // Numbers equal keys alike, in the order of their first appearance.
    private static int[] Number(IEnumerable<int[]> keys)
    {
        var numbers = new Dictionary<int[], int>(SequenceComparer.Instance);
        return keys.Select(key => numbers.TryGetValue(key, out var n) ? n : numbers[key] = numbers.Count).ToArray();
    }

    private static List<int> BreadthFirst(Dfa dfa, int[] block, int[] representative)
    {
        var seen = new bool[representative.Length];
        var order = new List<int> { block[dfa.Start] };
        seen[block[dfa.Start]] = true;
        for (var i = 0; i < order.Count; i++)
        {
            foreach (var target in dfa.Transitions[representative[order[i]]])
            {
                if (!seen[block[target]])
                {
                    seen[block[target]] = true;
                    order.Add(block[target]);
                }
            }
        }

        return order;
    }

    private sealed class SequenceComparer : IEqualityComparer<int[]>
    {
        public static SequenceComparer Instance { get; } = new();

        public bool Equals(int[]? x, int[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(int[] key) => key.Aggregate(17, (hash, item) => unchecked((hash * 31) + item));
    }
}
