using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using RuleCompiler.Samples;
using RuleCompiler.Samples.CostTracker;

// costtracker <log.jsonl | ->            prices every call of a JSON-lines log, prints totals by model and by day
// costtracker --generate N [--seed S]    writes a synthetic log of N calls to standard output
// Exit codes: 0 every line priced, 2 some lines were skipped (each named on standard error), 64 usage, 66 no such file.
if (args.Length >= 1 && args[0] == "--generate")
{
    if (!CommandLine.TryReadGenerate(args.AsSpan(1), out var count, out var seed, out var problem))
    {
        return Usage(problem);
    }

    using var output = CommandLine.StandardOutput();
    LogGenerator.Write(output, count, seed);
    return 0;
}

if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
{
    return Usage(args.Length == 0 ? "no log given" : null);
}

if (!CommandLine.TryOpenInput("costtracker", args[0], out var input))
{
    return CommandLine.NoInput;
}

var tracking = new CostTracking(Console.Error);
var clock = Stopwatch.StartNew();
using (input)
{
    JsonLines.Read(input, tracking);
}

clock.Stop();
var totals = tracking.Totals;
var stdout = Console.Out;
totals.WriteTo(stdout, tracking.Lines, tracking.Skipped, tracking.Blank);

var seconds = clock.Elapsed.TotalSeconds;
var perCall = totals.All.Calls == 0 ? 0 : tracking.PricingTime.TotalNanoseconds / totals.All.Calls;
stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"throughput: {tracking.Lines} lines, {tracking.Bytes / 1e6:F1} MB in {seconds:F3} s: {tracking.Lines / Math.Max(seconds, 1e-9):F0} lines/s, {tracking.Bytes / 1e6 / Math.Max(seconds, 1e-9):F1} MB/s"));
stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"per call: {perCall:F0} ns in the rule sets, {seconds * 1e9 / Math.Max(tracking.Lines, 1):F0} ns read + parse + price (budget: 50 ms); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));
return tracking.Skipped == 0 ? 0 : 2;

static int Usage(string? problem) => CommandLine.Usage(
    "costtracker",
    problem,
    "usage: costtracker <log.jsonl | ->",
    "       costtracker --generate N [--seed S] > log.jsonl",
    "Prices each call with rules/model-pricing and rules/llm-cost; prints totals by model and by day.");
