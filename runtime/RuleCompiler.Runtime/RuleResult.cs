using System;
using System.Collections.Generic;

namespace RuleCompiler;

/// <summary>
/// The result of evaluating a rule set: whether a rule decided, which one, and the outputs.
/// When no rule holds, <see cref="Matched"/> is false, <see cref="Rule"/> is null and <see cref="Output"/> holds
/// the rule set's <c>default</c> (or every output's zero value). A readonly struct: evaluating allocates nothing.
/// </summary>
/// <typeparam name="TOutput">The generated output record struct.</typeparam>
public readonly struct RuleResult<TOutput> : IEquatable<RuleResult<TOutput>>
{
    /// <summary>Creates a result. Called by generated code.</summary>
    public RuleResult(bool matched, RuleInfo? rule, TOutput output)
    {
        Matched = matched;
        Rule = rule;
        Output = output;
    }

    /// <summary>True when at least one rule held.</summary>
    public bool Matched { get; }

    /// <summary>The rule that decided; null when none held, and for an aggregate of several rules.</summary>
    public RuleInfo? Rule { get; }

    /// <summary>The id of <see cref="Rule"/>, or null.</summary>
    public string? RuleId => Rule?.Id;

    /// <summary>The outputs.</summary>
    public TOutput Output { get; }

    /// <inheritdoc/>
    public bool Equals(RuleResult<TOutput> other) =>
        Matched == other.Matched && ReferenceEquals(Rule, other.Rule) && EqualityComparer<TOutput>.Default.Equals(Output, other.Output);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RuleResult<TOutput> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Matched, Rule, Output);

    /// <summary>Compares two results by value.</summary>
    public static bool operator ==(RuleResult<TOutput> left, RuleResult<TOutput> right) => left.Equals(right);

    /// <summary>Compares two results by value.</summary>
    public static bool operator !=(RuleResult<TOutput> left, RuleResult<TOutput> right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Matched ? $"{RuleId ?? "(aggregate)"}: {Output}" : $"(no rule): {Output}";
}
