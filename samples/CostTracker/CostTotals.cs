using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace RuleCompiler.Samples.CostTracker;

/// <summary>The sums of one group of calls (a model, a day, or all of them).</summary>
public sealed class CostTotal
{
    public long Calls { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public long CachedTokens { get; private set; }

    public decimal CostUsd { get; private set; }

    /// <summary>Calls the price sheet had no price for (billing unit "unknown"): their tokens cost 0, their surcharges count.</summary>
    public long Unpriced { get; private set; }

    public void Add(in LlmCall call, in CallCost cost)
    {
        Calls++;
        InputTokens += call.InputTokens;
        OutputTokens += call.OutputTokens;
        CachedTokens += call.CachedTokens;
        CostUsd += cost.CostUsd;
        if (!cost.Priced)
        {
            Unpriced++;
        }
    }
}

/// <summary>The totals by model, by day (UTC) and overall, and the counts of lines read and skipped.</summary>
public sealed class CostTotals
{
    private readonly Dictionary<string, CostTotal> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<DateOnly, CostTotal> _byDay = [];

    public CostTotal All { get; } = new();

    public void Add(in LlmCall call, in CallCost cost)
    {
        All.Add(call, cost);
        Group(_byModel, call.Model).Add(call, cost);
        Group(_byDay, DateOnly.FromDateTime(call.Timestamp.UtcDateTime)).Add(call, cost);
    }

    /// <summary>The report: a table by model, one by day, the totals and the counts of the log's lines, invariant culture.</summary>
    public void WriteTo(TextWriter writer, long lines, long skipped, long blank)
    {
        WriteTable(writer, "model", _byModel.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value)));
        writer.WriteLine();
        WriteTable(writer, "day (UTC)", _byDay.OrderBy(pair => pair.Key).Select(pair => (pair.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), pair.Value)));
        writer.WriteLine();
        writer.WriteLine(Invariant($"lines: {lines} read, {All.Calls} calls counted, {skipped} skipped (malformed), {blank} blank"));
        if (All.Unpriced > 0)
        {
            var models = string.Join(", ", _byModel.Where(pair => pair.Value.Unpriced > 0).OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => Invariant($"{pair.Key}: {pair.Value.Unpriced}")));
            writer.WriteLine(Invariant($"unpriced: {All.Unpriced} calls had no price in model-pricing (billing unit \"unknown\"; tokens at 0, surcharges counted): {models}"));
        }
    }

    private void WriteTable(TextWriter writer, string title, IEnumerable<(string Key, CostTotal Total)> rows)
    {
        writer.WriteLine(Row(title, "calls", "input tokens", "output tokens", "cached tokens", "cost (USD)"));
        foreach (var (key, total) in rows)
        {
            writer.WriteLine(Row(key, total));
        }

        writer.WriteLine(Row("total", All));
    }

    private static string Row(string key, CostTotal total) =>
        Row(key, Invariant($"{total.Calls}"), Invariant($"{total.InputTokens}"), Invariant($"{total.OutputTokens}"),
            Invariant($"{total.CachedTokens}"), total.CostUsd.ToString("F6", CultureInfo.InvariantCulture));

    private static string Row(string key, string calls, string input, string output, string cached, string cost) =>
        $"{key,-20} {calls,10} {input,16} {output,16} {cached,16} {cost,18}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static CostTotal Group<TKey>(Dictionary<TKey, CostTotal> groups, TKey key)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var total))
        {
            total = new CostTotal();
            groups.Add(key, total);
        }

        return total;
    }
}
