using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace RuleCompiler.Samples.TaskRouting;

/// <summary>
/// A synthetic task stream, the same for the same seed: six tasks in ten are a pair some agent profile serves, the
/// others are overrides (incidents, security fixes), other languages, other translations and unknown work.
/// </summary>
public static class TaskStream
{
    private static readonly (string TaskType, string Capability)[] Others =
    [
        ("incident-triage", "kubernetes"), ("security-fix", "csharp"), ("vulnerability-patch", "go"),
        ("translation-nl", "ui-strings"), ("translation-nl", "docs"), ("code-review", "elixir"),
        ("unit-test-generation", "haskell"), ("bug-fix", "ocaml"), ("documentation", "java"),
        ("dependency-upgrade", "ruby"), ("commit-message", "csharp"), ("summarization", "slack"),
        ("data-backfill", "python"), ("Code-Review", "csharp"), ("refactor", "kotlin"),
    ];

    private static readonly string[] Priorities = ["low", "normal", "normal", "high", "urgent"];

    public static IEnumerable<(string TaskType, string Capability, string Priority)> Generate(long count, int seed)
    {
        var random = new Random(seed);
        var pairs = new List<(string, string)>();
        foreach (var profile in CapabilityScan.Profiles)
        {
            foreach (var taskType in profile.TaskTypes)
            {
                foreach (var capability in profile.Capabilities)
                {
                    pairs.Add((taskType, capability));
                }
            }
        }

        for (var i = 0L; i < count; i++)
        {
            var (taskType, capability) = random.Next(10) < 6 ? pairs[random.Next(pairs.Count)] : Others[random.Next(Others.Length)];
            yield return (taskType, capability, Priorities[random.Next(Priorities.Length)]);
        }
    }

    public static void Write(TextWriter writer, long count, int seed)
    {
        var id = 0;
        foreach (var (taskType, capability, priority) in Generate(count, seed))
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{{\"id\":\"t-{++id}\",\"task_type\":\"{taskType}\",\"capability\":\"{capability}\",\"priority\":\"{priority}\"}}\n"));
        }
    }
}
