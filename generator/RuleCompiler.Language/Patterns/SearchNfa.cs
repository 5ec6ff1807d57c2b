using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Language.Patterns;

/// <summary>
/// The patterns of a set as one Thompson automaton: each pattern's positions are numbered apart, each ends in an
/// <see cref="NfaKind.Accept"/> of its own. Counted repetition is expanded into copies of its body.
/// </summary>
internal sealed class SearchNfa
{
    private SearchNfa(List<NfaNode> nodes, int[] starts)
    {
        Nodes = nodes;
        Starts = starts;
        UsesWordBoundary = nodes.Any(n => n.Kind == NfaKind.Assert && n.Anchor is Anchor.WordBoundary or Anchor.NonWordBoundary);
        UsesBeginning = nodes.Any(n => n.Kind == NfaKind.Assert && n.Anchor == Anchor.Beginning);
    }

    public IReadOnlyList<NfaNode> Nodes { get; }

    /// <summary>The first position of each pattern, by pattern index.</summary>
    public IReadOnlyList<int> Starts { get; }

    public int PatternCount => Starts.Count;

    public bool UsesWordBoundary { get; }

    public bool UsesBeginning { get; }

    public static SearchNfa Build(IReadOnlyList<PatternNode> patterns)
    {
        var nodes = new List<NfaNode>();
        var starts = new int[patterns.Count];
        for (var pattern = 0; pattern < patterns.Count; pattern++)
        {
            var builder = new Builder(nodes, pattern);
            starts[pattern] = builder.Compile(patterns[pattern], builder.Add(new NfaNode(NfaKind.Accept, pattern)));
        }

        return new SearchNfa(nodes, starts);
    }

    /// <summary>
    /// How many positions <paramref name="node"/> compiles to (saturating at <see cref="int.MaxValue"/>), so that a
    /// pattern such as <c>(a{1000}){1000}</c> is refused before it is expanded.
    /// </summary>
    public static int Size(PatternNode node) => node switch
    {
        EmptyNode => 0,
        SetNode or AnchorNode => 1,
        ConcatNode concat => concat.Items.Aggregate(0, (sum, item) => Add(sum, Size(item))),
        AlternationNode alternation => alternation.Alternatives.Aggregate(1, (sum, item) => Add(sum, Size(item))),
        RepeatNode repeat => Add(Multiply(Add(Size(repeat.Body), 1), repeat.Max ?? Add(repeat.Min, 1)), 1),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown pattern node."),
    };

    private static int Add(int a, int b) => (int)Math.Min(int.MaxValue, (long)a + b);

    private static int Multiply(int a, int b) => (int)Math.Min(int.MaxValue, (long)a * b);

    /// <summary>Compiles a node in front of the position that follows it (continuation-passing), returning its entry.</summary>
    private sealed class Builder(List<NfaNode> nodes, int pattern)
    {
        public int Add(NfaNode node)
        {
            nodes.Add(node);
            return nodes.Count - 1;
        }

        public int Compile(PatternNode node, int next) => node switch
        {
            EmptyNode => next,
            SetNode set => Add(new NfaNode(NfaKind.Char, pattern) { Set = set.Set, Targets = [next] }),
            AnchorNode anchor => Add(new NfaNode(NfaKind.Assert, pattern) { Anchor = anchor.Kind, Targets = [next] }),
            ConcatNode concat => concat.Items.Reverse().Aggregate(next, (following, item) => Compile(item, following)),
            AlternationNode alternation => Add(new NfaNode(NfaKind.Fork, pattern)
            {
                Targets = alternation.Alternatives.Select(alternative => Compile(alternative, next)).ToArray(),
            }),
            RepeatNode repeat => CompileRepeat(repeat, next),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown pattern node."),
        };

        private int CompileRepeat(RepeatNode repeat, int next)
        {
            var entry = repeat.Max is { } max ? Optional(repeat.Body, max - repeat.Min, next) : Loop(repeat.Body, next);
            for (var i = 0; i < repeat.Min; i++)
            {
                entry = Compile(repeat.Body, entry);
            }

            return entry;
        }

        // body{0,count}: each copy may stop before the next one.
        private int Optional(PatternNode body, int count, int next)
        {
            var entry = next;
            for (var i = 0; i < count; i++)
            {
                entry = Add(new NfaNode(NfaKind.Fork, pattern) { Targets = [Compile(body, entry), next] });
            }

            return entry;
        }

        // body*: a fork that enters the body, which returns to the fork.
        private int Loop(PatternNode body, int next)
        {
            var fork = new NfaNode(NfaKind.Fork, pattern);
            var index = Add(fork);
            fork.Targets = [Compile(body, index), next];
            return index;
        }
    }
}

internal enum NfaKind
{
    /// <summary>Consumes one char of <see cref="NfaNode.Set"/>.</summary>
    Char,

    /// <summary>Continues at every target without consuming.</summary>
    Fork,

    /// <summary>Continues at its target when <see cref="NfaNode.Anchor"/> holds at the position.</summary>
    Assert,

    /// <summary>The pattern has matched.</summary>
    Accept,
}

internal sealed class NfaNode(NfaKind kind, int pattern)
{
    public NfaKind Kind { get; } = kind;

    public int Pattern { get; } = pattern;

    public CharSet Set { get; init; } = CharSet.Empty;

    public Anchor Anchor { get; init; }

    public int[] Targets { get; set; } = [];
}
