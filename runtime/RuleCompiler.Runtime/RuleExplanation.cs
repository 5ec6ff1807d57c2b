using System;
using System.Collections.Generic;
using System.Text;

namespace RuleCompiler;

/// <summary>
/// What a generated <c>Explain</c> method found: the decision, exactly as <c>Evaluate</c> (or, for plain
/// <c>collect</c>, <c>EvaluateAll</c>) returns it for the same input, and every rule in file order with whether it
/// held and, if not, the first test that failed. Explaining allocates (evaluating does not): use it to diagnose a
/// decision, in tests, logs and tools, not on the hot path.
/// </summary>
/// <typeparam name="TDecision">What the rule set's <c>Evaluate</c> or <c>EvaluateAll</c> returns.</typeparam>
public sealed class RuleExplanation<TDecision>
{
    /// <summary>Creates an explanation. Called by generated code.</summary>
    public RuleExplanation(TDecision decision, IReadOnlyList<RuleTrace> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Decision = decision;
        Rules = rules;
    }

    /// <summary>The decision: what <c>Evaluate</c> / <c>EvaluateAll</c> returns for the same input.</summary>
    public TDecision Decision { get; }

    /// <summary>Every rule of the rule set, in file order.</summary>
    public IReadOnlyList<RuleTrace> Rules { get; }

    /// <summary>
    /// A readable trace: the decision on the first line, then one line per rule (<c>held</c>, or <c>not held</c> with
    /// the first failure and its line and column), an <c>any</c>'s alternatives indented below it.
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder("decision: ").Append(Decision).Append('\n');
        foreach (var trace in Rules)
        {
            builder.Append("  ").Append(trace.Rule).Append(": ");
            if (trace.FirstFailure is { } failure)
            {
                builder.Append("not held: ");
                failure.AppendTo(builder, "      ");
            }
            else
            {
                builder.Append("held\n");
            }
        }

        return builder.ToString();
    }
}
