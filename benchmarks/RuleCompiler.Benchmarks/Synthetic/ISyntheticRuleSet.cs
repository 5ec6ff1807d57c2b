using RuleCompiler.Benchmarks.RuleSets.Shape;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>
/// A synthetic rule set compiled into this assembly, seen through static abstract members: one struct per rule set
/// (written at build time under obj/), so <see cref="SyntheticBenchmarks{TRuleSet}"/>, instantiated over a struct,
/// is specialized by the JIT and calls the generated <c>Evaluate</c> with no delegate, interface dispatch or reflection.
/// </summary>
public interface ISyntheticRuleSet
{
    static abstract Policy Policy { get; }

    static abstract int Rules { get; }

    /// <summary><c>switch</c> (up to 100 rules) or <c>table</c>: what the hand-written baseline is.</summary>
    static abstract string HandWrittenKind { get; }

    /// <summary>Keeps the inputs, converted once to the generated input struct; builds the hand-written table if any.</summary>
    static abstract void Prepare(SyntheticRuleSet set, SyntheticInput[] inputs);

    /// <summary>Evaluates every input with the generated code; returns the sum of the <c>code</c> outputs.</summary>
    static abstract int Generated();

    /// <summary>Evaluates every input with the same rule file loaded at run time (RuleCompiler.Loader); returns the sum of the <c>code</c> outputs.</summary>
    static abstract int Loaded();

    /// <summary>Evaluates every input with the hand-written baseline; returns the sum of the <c>code</c> outputs.</summary>
    static abstract int HandWritten();

    /// <summary>The same with the table baseline (<see cref="HandTable"/>), which is the baseline above 100 rules.</summary>
    static abstract int HandWrittenTable();

    /// <summary>The same with the hand-written switch (written up to 1,000 rules; the table above).</summary>
    static abstract int HandWrittenSwitch();

    static abstract Outcome GeneratedOutcome(int index);

    static abstract Outcome LoadedOutcome(int index);

    static abstract Outcome HandWrittenOutcome(int index);

    static abstract Outcome HandWrittenTableOutcome(int index);

    static abstract Outcome HandWrittenSwitchOutcome(int index);
}
