using System;
using System.Diagnostics;
using System.IO;

namespace RuleCompiler.Samples.CostTracker;

/// <summary>
/// Prices each line of a call log as it streams by: a malformed line is reported on the error writer with its line
/// number and counted as skipped, never dropped silently; a blank line is counted as blank.
/// </summary>
public sealed class CostTracking(TextWriter errors) : IJsonLineSink
{
    private long _pricingTicks;

    public CostTotals Totals { get; } = new();

    public long Bytes { get; private set; }

    /// <summary>Time spent in the rule sets (both ModelPricing lookups and RequestCost), summed over the calls.</summary>
    public TimeSpan PricingTime => Stopwatch.GetElapsedTime(0, _pricingTicks);

    public void OnLine(long number, ReadOnlySpan<byte> line)
    {
        Totals.Lines = number;
        Bytes += line.Length + 1;
        if (line.Trim(" \t"u8).IsEmpty)
        {
            Totals.Blank++;
            return;
        }

        if (!LlmCall.TryParse(line, out var call, out var error))
        {
            Skip(number, error!);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var cost = CallPricer.Price(call);
        _pricingTicks += Stopwatch.GetTimestamp() - started;
        Totals.Add(call, cost);
    }

    public void OnTooLong(long number)
    {
        Totals.Lines = number;
        Skip(number, $"longer than {JsonLines.MaxLineBytes} bytes");
    }

    private void Skip(long number, string error)
    {
        Totals.Skipped++;
        errors.WriteLine($"line {number}: skipped: {error}");
    }
}
