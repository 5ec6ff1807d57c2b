using System.Collections.Immutable;

namespace RuleCompiler;

/// <summary>
/// A rule set as an object: what a rule file loaded at run time is (<c>RuleSetLoader</c> in the
/// <c>RuleCompiler.Loader</c> package), deciding exactly as the code the generator writes for the same file.
/// Generated rule sets are static classes with the same members.
/// </summary>
/// <typeparam name="TInput">The input: a generated input record struct, or the loader's untyped <c>RuleSetInput</c>.</typeparam>
/// <typeparam name="TOutput">The output: a generated output record struct, or the loader's untyped <c>RuleSetOutput</c>.</typeparam>
public interface IRuleSet<TInput, TOutput>
{
    /// <summary>What the rule set declares: hit policy, inputs, outputs (spec §14).</summary>
    RuleSetContract Contract { get; }

    /// <summary>The rules in file order, with where each is written.</summary>
    ImmutableArray<RuleInfo> Rules { get; }

    /// <summary>
    /// Whether the rule set is a plain <c>collect</c> (no <c>aggregate</c>): it decides with <see cref="EvaluateAll"/>
    /// and <see cref="ExplainAll"/>; every other rule set with <see cref="Evaluate"/> and <see cref="Explain"/>.
    /// </summary>
    bool IsCollect { get; }

    /// <summary>The rule the hit policy picks (or an aggregate's result), or the default when none holds.</summary>
    /// <exception cref="System.InvalidOperationException">The rule set is a plain <c>collect</c> (<see cref="IsCollect"/>).</exception>
    RuleResult<TOutput> Evaluate(in TInput input);

    /// <summary>Every rule that holds, in file order (a plain <c>collect</c>).</summary>
    /// <exception cref="System.InvalidOperationException">The rule set is not a plain <c>collect</c> (<see cref="IsCollect"/>).</exception>
    RuleMatches<TOutput> EvaluateAll(in TInput input);

    /// <summary><see cref="Evaluate"/>'s decision, and every rule with the first test that failed. Allocates.</summary>
    RuleExplanation<RuleResult<TOutput>> Explain(in TInput input);

    /// <summary><see cref="EvaluateAll"/>'s decision, and every rule with the first test that failed. Allocates.</summary>
    RuleExplanation<RuleMatches<TOutput>> ExplainAll(in TInput input);
}
