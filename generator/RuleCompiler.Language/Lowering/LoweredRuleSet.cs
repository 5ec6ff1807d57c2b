using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Lowering;

/// <summary>
/// What becomes of a planned rule set in code, decided before any code is written: whether the plan is written into
/// <c>Evaluate</c> or as node methods, how each node dispatches and where it is split into parts, how a collect
/// evaluation records its rules, and which static members the checks use. Emitters (C# source today, IL at load
/// time later) write exactly this and decide nothing.
/// </summary>
public sealed record LoweredRuleSet(
    bool InlinePlan,
    Collector Collector,
    EquatableArray<LoweredNode> Nodes,
    EquatableArray<PatternMember> Patterns)
{
    /// <summary>
    /// Whether the rules' metadata and literal outputs are data (a string of texts, spans of numbers, one loop that
    /// builds the tables) rather than one initializer expression per rule (<see cref="Lowerer.MaxLiteralTableRows"/>).
    /// </summary>
    public bool TablesAsData { get; init; }

    /// <summary>Every rule's condition as data, for Explain; and the plan's nodes written as data.</summary>
    public ConditionProgram Conditions { get; init; } = ConditionProgram.Empty;

    /// <summary>The automata that answer the regex tests, built at build time (<see cref="RegexAutomata"/>).</summary>
    public EquatableArray<LoweredAutomaton> Automata { get; init; } = EquatableArray<LoweredAutomaton>.Empty;

    /// <summary>The regexes no automaton answers for: each is a <see cref="PatternMember"/> that .NET's engine matches.</summary>
    public EquatableArray<RegexFallback> RegexFallbacks { get; init; } = EquatableArray<RegexFallback>.Empty;

    /// <summary>The static member holding a pattern of <paramref name="kind"/> (a regex, a glob matcher or a string set).</summary>
    public string PatternName(PatternKind kind, string key, bool ignoreCase)
    {
        foreach (var member in Patterns)
        {
            if (member.Kind == kind && member.IgnoreCase == ignoreCase && member.Key == key)
            {
                return member.Name;
            }
        }

        throw new System.ArgumentException($"the lowering gave no member to the {kind} '{key}'", nameof(key));
    }

    /// <summary>The automaton and bit that answer <paramref name="pattern"/> on input <paramref name="field"/>, or null when .NET's engine matches it (a <see cref="RegexFallbacks"/> pattern).</summary>
    public AutomatonBit? AutomatonOf(int field, Patterns.PatternSource pattern)
    {
        for (var automaton = 0; automaton < Automata.Count; automaton++)
        {
            var patterns = Automata[automaton].Field == field ? Automata[automaton].Patterns : EquatableArray<Patterns.PatternSource>.Empty;
            for (var bit = 0; bit < patterns.Count; bit++)
            {
                if (patterns[bit] == pattern)
                {
                    return new AutomatonBit(automaton, bit);
                }
            }
        }

        return null;
    }
}

/// <summary>How a collect evaluation records the rules that held.</summary>
public enum CollectorKind
{
    /// <summary>Not a collect rule set: one rule decides.</summary>
    None,

    /// <summary>A short list of rule indexes (<c>RuleHits</c>), bounded by the most rules one path can check.</summary>
    Hits,

    /// <summary>One bit per rule (<c>RuleBits</c>).</summary>
    Bits,
}

/// <param name="Kind">How.</param>
/// <param name="Capacity">For <see cref="CollectorKind.Hits"/>: the most rules the leaves of one path check.</param>
/// <param name="Words">For <see cref="CollectorKind.Bits"/>: 64-bit words, one bit per rule.</param>
public readonly record struct Collector(CollectorKind Kind, int Capacity, int Words);

/// <summary>How one plan node becomes code.</summary>
public enum NodeForm
{
    /// <summary>Never reached from the root of a plan written into Evaluate: not written.</summary>
    Unreached,

    /// <summary>A leaf whose answer is fixed (one rule that surely holds, or none): written where it is reached.</summary>
    TrivialLeaf,

    /// <summary>A bool field: an <c>if</c>.</summary>
    BoolBranch,

    /// <summary>A C# <c>switch</c> on the field's value.</summary>
    Switch,

    /// <summary>
    /// A string switch past <see cref="Lowerer.MaxStringCases"/> keys: a hash table of the keys laid out at build time
    /// (runtime <c>RuleTables.Find</c>) to a group number, then a switch.
    /// </summary>
    HashedDispatch,

    /// <summary>
    /// A <see cref="HashedDispatch"/> every key of which leads to a node written as data: the table gives the
    /// node's start, and no switch follows.
    /// </summary>
    HashedDispatchToData,

    /// <summary>A range switch with few points: comparisons in turn.</summary>
    WalkedRange,

    /// <summary>A range switch with many points: a binary search of a static table, then a switch on the class.</summary>
    BinarySearchRange,

    /// <summary>A leaf: its candidates' checks in rank order, in one method or split into <see cref="LoweredNode.Parts"/>.</summary>
    Leaf,

    /// <summary>
    /// In a large first-wins rule set (<see cref="Lowerer.MaxCodeNodeRules"/>), a leaf or a switch on an enum or bool
    /// input above leaves, as data (<see cref="ConditionProgram.Nodes"/> from <see cref="LoweredNode.DataStart"/>) that
    /// the runtime walks: no method, one call where it is reached.
    /// </summary>
    Data,
}

/// <param name="Id">The plan node.</param>
/// <param name="Form">How it is written.</param>
/// <param name="TrivialRule">For <see cref="NodeForm.TrivialLeaf"/>: the rule it answers (-1: none).</param>
/// <param name="Parts">For a leaf: its candidates cut into parts (one part when it fits one method).</param>
/// <param name="PartsPerGroup">For a leaf of more parts than one method should call: parts per group method (1: no groups).</param>
/// <param name="DataStart">For a <see cref="NodeForm.Data"/> node: where it starts in <see cref="ConditionProgram.Nodes"/>.</param>
public sealed record LoweredNode(int Id, NodeForm Form, int TrivialRule, EquatableArray<CandidateRange> Parts, int PartsPerGroup, int DataStart = -1);

/// <summary>
/// Candidates <see cref="First"/>..<see cref="First"/>+<see cref="Count"/>-1 of a leaf, and the string inputs their
/// checks read more than once (<see cref="Hoisted"/>): those are read, and normalized (<c>?? ""</c>), once per method.
/// </summary>
public readonly record struct CandidateRange(int First, int Count, EquatableArray<int> Hoisted)
{
    /// <summary>The <see cref="LoweredRuleSet.Automata"/> that two or more of the part's tests ask: one scan of its input each, kept in a local.</summary>
    public EquatableArray<int> Scans { get; init; } = EquatableArray<int>.Empty;
}

public enum PatternKind
{
    Regex,
    Glob,
    StringSet,
}

/// <summary>A static member built once and shared by every check that uses it: a regex, a glob matcher or a string set.</summary>
/// <param name="Key">The pattern, or for a string set its items (<see cref="Lowerer.StringSetKey"/>).</param>
public sealed record PatternMember(PatternKind Kind, string Key, bool IgnoreCase, string Name);
