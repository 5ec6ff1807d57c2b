using System;
using System.Globalization;
using System.IO;
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
    if (!CommandLine.TryReadGenerate(rest, out var count, out var seed, out var problem))
    {
        return Usage(problem);
    }

    using var output = CommandLine.StandardOutput();
    TaskStream.Write(output, count, seed);
    return 0;
}

if (rest.Length != 1 || rest[0].StartsWith("--", StringComparison.Ordinal))
{
    return Usage(rest.Length == 0 ? "no task stream given" : null);
}

if (!CommandLine.TryOpenInput("taskrouter", rest[0], out var input))
{
    return CommandLine.NoInput;
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
        using var output = CommandLine.StandardOutput();
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

static int Usage(string? problem) => CommandLine.Usage(
    "taskrouter",
    problem,
    "usage: taskrouter [--scan] <tasks.jsonl | ->",
    "       taskrouter --compare <tasks.jsonl | ->",
    "       taskrouter --generate N [--seed S] > tasks.jsonl",
    "Routes tasks with rules/task-router (or, with --scan, the agent-profile scan it replaces).");
