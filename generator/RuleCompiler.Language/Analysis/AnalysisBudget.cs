using System;
using System.Threading;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// Bounds the analysis of one file, so that a large or adversarial rule set costs the build a fixed amount of time
/// and never hangs it. A unit is one evaluation of one constraint of a query (docs/limits.md).
/// </summary>
public sealed class AnalysisBudget
{
    /// <summary>The default for a whole file: a few seconds of analysis at worst.</summary>
    public const long DefaultTotal = 20_000_000;

    /// <summary>The most one query may use; past it, that query is "unknown" and the analysis goes on.</summary>
    public const long PerQuery = 250_000;

    private readonly CancellationToken _cancellationToken;
    private int _untilCancellationCheck;

    public AnalysisBudget(long total, CancellationToken cancellationToken)
    {
        Total = total;
        _cancellationToken = cancellationToken;
    }

    public long Total { get; }

    public CancellationToken CancellationToken => _cancellationToken;

    public long Used { get; private set; }

    public bool Exhausted => Used >= Total;

    /// <summary>Charges <paramref name="units"/>; throws <see cref="ExhaustedException"/> once the file's or this query's share is spent.</summary>
    public void Charge(long units, long spentByQuery)
    {
        Used += units;
        if (--_untilCancellationCheck <= 0)
        {
            _untilCancellationCheck = 1024;
            _cancellationToken.ThrowIfCancellationRequested();
        }

        if (Used >= Total || spentByQuery > PerQuery)
        {
            throw new ExhaustedException();
        }
    }

    /// <summary>Unwinds a query's search; caught by the solver, never seen outside the analysis.</summary>
    public sealed class ExhaustedException : Exception
    {
    }
}
