using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using RuleCompiler.Samples;
using RuleCompiler.Samples.CostTracker;

// costtracker <log.jsonl | ->            prices every call of a JSON-lines log, prints totals by model and by day
// costtracker --generate N [--seed S]    writes a synthetic log of N calls to standard output
// Exit codes: 0 every line priced, 2 some lines were skipped (each named on standard error), 64 usage, 66 no such file.
if (args.Length >= 2 && args[0] == "--generate")
{
    if (!long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
    {
        return Usage($"--generate needs a count, not '{args[1]}'");
    }

    var seed = 20;
    if (args.Length == 4 && args[2] == "--seed" && int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var given))
    {
        seed = given;
    }
    else if (args.Length != 2)
    {
        return Usage("--generate N takes only --seed S after it");
    }

    using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
    LogGenerator.Write(output, count, seed);
    return 0;
}

if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
{
    return Usage(args.Length == 0 ? "no log given" : null);
}

Stream input;
try
{
    input = args[0] == "-" ? Console.OpenStandardInput() : new FileStream(args[0], FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
}
catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"costtracker: cannot read {args[0]}: {exception.Message}");
    return 66;
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

static int Usage(string? problem)
{
    if (problem is not null)
    {
        Console.Error.WriteLine($"costtracker: {problem}");
    }

    Console.Error.WriteLine("usage: costtracker <log.jsonl | ->");
    Console.Error.WriteLine("       costtracker --generate N [--seed S] > log.jsonl");
    Console.Error.WriteLine("Prices each call with rules/model-pricing and rules/llm-cost; prints totals by model and by day.");
    return 64;
}
