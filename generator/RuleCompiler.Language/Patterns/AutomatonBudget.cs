namespace RuleCompiler.Language.Patterns;

/// <summary>
/// How large one pattern set's automaton may grow. The subset construction stops when it would need more than
/// <see cref="MaxStates"/> states or a transition table of more than <see cref="MaxTransitions"/> entries (states
/// times char classes, before minimization); a pattern whose counted repetitions expand to more than
/// <see cref="MaxPositionsPerPattern"/> NFA positions is refused before any construction.
/// </summary>
public sealed record AutomatonBudget(int MaxStates, int MaxTransitions, int MaxPositionsPerPattern)
{
    /// <summary>
    /// 2,000 states and 131,072 transitions (256 KB of <c>ushort</c> data at most, usually far less after
    /// minimization), 4,096 positions per pattern: every pattern set of the repository's rule files fits with room.
    /// </summary>
    public static AutomatonBudget Default { get; } = new(MaxStates: 2_000, MaxTransitions: 131_072, MaxPositionsPerPattern: 4_096);

    /// <summary>
    /// What patterns packed together may grow to (<see cref="PatternSetCompiler.Pack"/>): 256 states and 16,384
    /// transitions, 32 KB of table at most. Patterns with many <c>.*</c> multiply each other's states when they share
    /// an automaton; past this, a pack is closed and the next begins. Measured on the repository's shell rule files
    /// (18 and 76 patterns on <c>line</c>): 4 and 12 automata of 60-100 KB in all, built in 0.1-0.25 s; half the
    /// budget made 7 and 19 automata (more passes over the line) for about half the bytes.
    /// </summary>
    public static AutomatonBudget Shared { get; } = new(MaxStates: 256, MaxTransitions: 16_384, MaxPositionsPerPattern: 4_096);
}
