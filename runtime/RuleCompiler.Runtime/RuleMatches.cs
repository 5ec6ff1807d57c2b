using System;
using System.Collections.Generic;

namespace RuleCompiler;

/// <summary>
/// The rules that held, in file order, with their outputs: what <see cref="IRuleSet{TInput, TOutput}.EvaluateAll"/>
/// returns. Use with <c>foreach</c>, or index it.
/// </summary>
/// <typeparam name="TOutput">The rule set's output type.</typeparam>
public readonly struct RuleMatches<TOutput> : IEquatable<RuleMatches<TOutput>>
{
    private readonly RuleResult<TOutput>[]? _matches;

    /// <summary>Wraps <paramref name="matches"/> (not copied: the caller gives up the array).</summary>
    public RuleMatches(RuleResult<TOutput>[] matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        _matches = matches;
    }

    /// <summary>How many rules held.</summary>
    public int Count => _matches?.Length ?? 0;

    /// <summary>Whether no rule held.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The <paramref name="index"/>th rule that held, in file order.</summary>
    public RuleResult<TOutput> this[int index] => (_matches ?? [])[index];

    /// <summary>Enumerates the rules that held, in file order.</summary>
    public ReadOnlySpan<RuleResult<TOutput>>.Enumerator GetEnumerator() => new ReadOnlySpan<RuleResult<TOutput>>(_matches).GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(RuleMatches<TOutput> other) => new ReadOnlySpan<RuleResult<TOutput>>(_matches).SequenceEqual(other._matches);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RuleMatches<TOutput> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var match in new ReadOnlySpan<RuleResult<TOutput>>(_matches))
        {
            hash.Add(match);
        }

        return hash.ToHashCode();
    }

    /// <summary>The ids of the rules that held, in file order: <c>[a, b]</c>, as a generated <c>Matches</c> writes them.</summary>
    public override string ToString()
    {
        var ids = new List<string>(Count);
        foreach (var match in new ReadOnlySpan<RuleResult<TOutput>>(_matches))
        {
            ids.Add(match.RuleId!);
        }

        return "[" + string.Join(", ", ids) + "]";
    }

    /// <summary>Same rules and outputs.</summary>
    public static bool operator ==(RuleMatches<TOutput> left, RuleMatches<TOutput> right) => left.Equals(right);

    /// <summary>Not the same rules and outputs.</summary>
    public static bool operator !=(RuleMatches<TOutput> left, RuleMatches<TOutput> right) => !left.Equals(right);
}
