using System;
using System.Diagnostics;
using System.IO;

namespace RuleCompiler.Samples.CostTracker;

/// <summary>Prices each call of the log as it streams by and adds it to the totals.</summary>
internal sealed class CostTracking(TextWriter errors) : JsonRecordSink(errors)
{
    private long _pricingTicks;

    public CostTotals Totals { get; } = new();

    /// <summary>Time spent in the rule sets (both ModelPricing lookups and RequestCost), summed over the calls.</summary>
    public TimeSpan PricingTime => Stopwatch.GetElapsedTime(0, _pricingTicks);

    protected override bool TryRead(long number, ReadOnlySpan<byte> line, out string error)
    {
        if (!LlmCall.TryParse(line, out var call, out var problem))
        {
            error = problem!;
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        var cost = CallPricer.Price(call);
        _pricingTicks += Stopwatch.GetTimestamp() - started;
        Totals.Add(call, cost);
        error = string.Empty;
        return true;
    }
}
