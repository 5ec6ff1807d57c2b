using System.Collections.Immutable;

namespace RuleCompiler;

/// <summary>
/// A rule set loaded without a compiled contract: each <see cref="RuleSetInput"/> is checked against the declared
/// inputs and converted to the slots the compiled plan reads (once per input and rule set), then evaluated by the
/// same compiled code a typed load runs.
/// </summary>
internal sealed class UntypedRuleSet(LoadedRuleSet<RuleSetRow, RuleSetOutput> loaded, InputLayout layout) : IRuleSet<RuleSetInput, RuleSetOutput>
{
    public RuleSetContract Contract => loaded.Contract;

    public ImmutableArray<RuleInfo> Rules => loaded.Rules;

    public bool IsCollect => loaded.IsCollect;

    public RuleResult<RuleSetOutput> Evaluate(in RuleSetInput input) => loaded.Evaluate(Row(input));

    public RuleMatches<RuleSetOutput> EvaluateAll(in RuleSetInput input) => loaded.EvaluateAll(Row(input));

    public RuleExplanation<RuleResult<RuleSetOutput>> Explain(in RuleSetInput input) => loaded.Explain(Row(input));

    public RuleExplanation<RuleMatches<RuleSetOutput>> ExplainAll(in RuleSetInput input) => loaded.ExplainAll(Row(input));

    private RuleSetRow Row(RuleSetInput input)
    {
        System.ArgumentNullException.ThrowIfNull(input);
        return input.RowFor(layout);
    }
}
