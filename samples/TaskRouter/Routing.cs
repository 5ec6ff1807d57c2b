using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace RuleCompiler.Samples.TaskRouting;

/// <summary>Where a task goes: the agent and its sandbox, and which rule (or profile scan) decided.</summary>
public readonly record struct Assignment(string Agent, string Queue, int MaxTokens, int TimeoutSeconds, string Decider);

/// <summary>The two routers over one task, and the timing of both over the same stream.</summary>
public static class Routing
{
    /// <summary>The compiled rule set: one evaluation, O(1) in the number of rules (a hashed lookup on the pair).</summary>
    public static Assignment ByRules(in RoutingTask task)
    {
        var result = TaskRouter.Evaluate(new TaskRouterInput { TaskType = task.TaskType, Capability = task.Capability, Priority = task.Priority });
        var output = result.Output;
        return new Assignment(output.Agent, output.Queue, output.MaxTokens, output.TimeoutSeconds, result.RuleId ?? "default");
    }

    /// <summary>The capability scan it replaces: O(n) in the number of agent profiles.</summary>
    public static Assignment ByScan(in RoutingTask task)
    {
        var profile = CapabilityScan.Find(task.TaskType, task.Capability);
        var chosen = profile ?? CapabilityScan.Generalist;
        return new Assignment(chosen.Agent, chosen.Queue, chosen.MaxTokens, chosen.TimeoutSeconds, profile is null ? "no profile" : "profile scan");
    }

    /// <summary>
    /// Routes the whole stream with both routers, <paramref name="rounds"/> times each (alternating, after one
    /// warm-up round), and compares their decisions on the tasks the scan has a profile for.
    /// </summary>
    public static Comparison Compare(IReadOnlyList<RoutingTask> tasks, int rounds)
    {
        var shared = 0;
        var agreed = 0;
        foreach (var task in tasks)
        {
            if (CapabilityScan.Find(task.TaskType, task.Capability) is null)
            {
                continue;
            }

            shared++;
            var rules = ByRules(task);
            var scan = ByScan(task);
            if ((rules.Agent, rules.Queue, rules.MaxTokens, rules.TimeoutSeconds) == (scan.Agent, scan.Queue, scan.MaxTokens, scan.TimeoutSeconds))
            {
                agreed++;
            }
        }

        var rulesTimes = new List<double>();
        var scanTimes = new List<double>();
        Time(tasks, ByRules);
        Time(tasks, ByScan);
        for (var round = 0; round < rounds; round++)
        {
            rulesTimes.Add(Time(tasks, ByRules));
            scanTimes.Add(Time(tasks, ByScan));
        }

        return new Comparison(tasks.Count, shared, agreed, Percentiles.Of(rulesTimes, 50), rulesTimes.Min(), Percentiles.Of(scanTimes, 50), scanTimes.Min(), CapabilityScan.Profiles.Count);
    }

    private delegate Assignment Router(in RoutingTask task);

    // Nanoseconds per task over the whole stream; the checksum keeps the calls from being optimized away.
    private static double Time(IReadOnlyList<RoutingTask> tasks, Router route)
    {
        var checksum = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < tasks.Count; i++)
        {
            checksum += route(tasks[i]).TimeoutSeconds;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        GC.KeepAlive(checksum);
        return elapsed.TotalNanoseconds / Math.Max(tasks.Count, 1);
    }
}

/// <summary>What <see cref="Routing.Compare"/> found: how often the two agreed and how long each took per task.</summary>
public sealed record Comparison(
    int Tasks, int SharedTasks, int Agreed, double RulesMedianNs, double RulesBestNs, double ScanMedianNs, double ScanBestNs, int Profiles)
{
    public void WriteTo(TextWriter writer)
    {
        writer.WriteLine(Invariant($"tasks: {Tasks}, of which {SharedTasks} are pairs an agent profile serves"));
        writer.WriteLine(Invariant($"agreement: {Agreed} of {SharedTasks} shared tasks get the same agent, queue, budget and timeout"));
        writer.WriteLine(Invariant($"compiled rules (task-router):   median {RulesMedianNs,8:F1} ns/task, best {RulesBestNs,8:F1} ns/task"));
        writer.WriteLine(Invariant($"capability scan ({Profiles} profiles): median {ScanMedianNs,8:F1} ns/task, best {ScanBestNs,8:F1} ns/task"));
        writer.WriteLine(Invariant($"speed-up (median): {ScanMedianNs / RulesMedianNs:F1}x"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
