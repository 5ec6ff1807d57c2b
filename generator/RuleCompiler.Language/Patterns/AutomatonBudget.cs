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
}
