using System;
using System.Globalization;
using System.IO;
using System.Text;
using RuleCompiler.Samples;
using RuleCompiler.Samples.TaskRouting;

// taskrouter [--scan] <tasks.jsonl | ->   routes each task; one line per task: id, agent, queue, max tokens, timeout, decider
// taskrouter --compare <tasks.jsonl | ->  routes the whole stream with the rules and with the capability scan, timed
// taskrouter --generate N [--seed S]      writes a synthetic stream of N tasks
// Exit codes: 0 every line routed, 2 some lines were skipped (each named on standard error), 64 usage, 66 no such file.
var mode = args.Length > 0 && args[0] is "--scan" or "--compare" or "--generate" ? args[0] : "--rules";
var rest = mode == "--rules" ? args : args[1..];
if (mode == "--generate")
{
    if (rest.Length is not (1 or 3) || !int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
    {
        return Usage("--generate needs a count");
    }

    var seed = 20;
    if (rest.Length == 3 && (rest[1] != "--seed" || !int.TryParse(rest[2], NumberStyles.None, CultureInfo.InvariantCulture, out seed)))
    {
        return Usage("--generate N takes only --seed S after it");
    }

    using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
    TaskStream.Write(output, count, seed);
    return 0;
}

if (rest.Length != 1 || rest[0].StartsWith("--", StringComparison.Ordinal))
{
    return Usage(rest.Length == 0 ? "no task stream given" : null);
}

Stream input;
try
{
    input = rest[0] == "-" ? Console.OpenStandardInput() : File.OpenRead(rest[0]);
}
catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"taskrouter: cannot read {rest[0]}: {exception.Message}");
    return 66;
}

long skipped;
using (input)
{
    if (mode == "--compare")
    {
        var tasks = TaskReading.ReadAll(input, Console.Error, out var reading);
        Routing.Compare(tasks, rounds: 5).WriteTo(Console.Out);
        skipped = reading.Skipped;
    }
    else
    {
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        var scan = mode == "--scan";
        var reading = new TaskReading(Console.Error, task =>
        {
            var assignment = scan ? Routing.ByScan(task) : Routing.ByRules(task);
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"{task.Id}\t{assignment.Agent}\t{assignment.Queue}\t{assignment.MaxTokens}\t{assignment.TimeoutSeconds}\t{assignment.Decider}\n"));
        });
        JsonLines.Read(input, reading);
        skipped = reading.Skipped;
    }
}

return skipped == 0 ? 0 : 2;

static int Usage(string? problem)
{
    if (problem is not null)
    {
        Console.Error.WriteLine($"taskrouter: {problem}");
    }

    Console.Error.WriteLine("usage: taskrouter [--scan] <tasks.jsonl | ->");
    Console.Error.WriteLine("       taskrouter --compare <tasks.jsonl | ->");
    Console.Error.WriteLine("       taskrouter --generate N [--seed S] > tasks.jsonl");
    Console.Error.WriteLine("Routes tasks with rules/task-router (or, with --scan, the agent-profile scan it replaces).");
    return 64;
}
