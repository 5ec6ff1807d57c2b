using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Benchmarks.RuleSets.Shape;

/// <summary>
/// The fixed, seeded inputs a benchmark evaluates, a mix of traffic as a rule set sees it:
/// 70% name a command some rule tests (drawn uniformly over the groups, so early and late rules alike), and for three
/// in four of those the other fields are chosen so that one of the group's rules holds, otherwise they are random
/// (near misses); 25% name a command no rule tests; 5% aim at the late catch-all rules.
/// Every string is a fresh instance, as a parsed request's strings are, so no comparison wins by reference equality.
/// </summary>
public static class Workload
{
    public const int Seed = 4242;

    private static readonly string[] Paths =
    [
        "/home/dev/src/app/Program.cs", "/home/dev/.ssh/id_rsa", "/home/dev/.ssh/known_hosts", "/tmp/build/out.o",
        "/tmp/cache/session.pem", "/etc/hosts", "/etc/ssl/private/server.key", "/var/log/syslog", "/var/log/app/error.log",
        "/usr/local/bin/tool", "/srv/data/export.csv", "/opt/app/config.yaml", "/root/.bashrc", "/workspace/.env",
        "", "C:/Users/dev/notes.txt", "src/index.ts", "README.md",
    ];

    private static readonly string[] Words = ["a", "prod", "ci", "x1", "deploy", "backup-2024", "team"];

    public static SyntheticInput[] Build(SyntheticRuleSet set, int count, int seed = Seed)
    {
        var random = new Random(seed ^ set.Size);
        var inputs = new SyntheticInput[count];
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            if (roll < 70)
            {
                var group = set.Groups[random.Next(set.Groups.Count)];
                var command = group.Keys[random.Next(group.Keys.Count)];
                var target = set.Rules[group.Rules[random.Next(group.Rules.Count)]];
                inputs[i] = random.Next(4) < 3 ? Satisfying(command, target.When, random) : RandomInput(command, random);
            }
            else if (roll < 95 || set.CatchAlls.Count == 0)
            {
                inputs[i] = RandomInput(set.UnknownCommands[random.Next(set.UnknownCommands.Count)], random);
            }
            else
            {
                var target = set.Rules[set.CatchAlls[random.Next(set.CatchAlls.Count)]];
                inputs[i] = Satisfying(set.UnknownCommands[random.Next(set.UnknownCommands.Count)], target.When, random);
            }
        }

        return inputs;
    }

    /// <summary>How the workload splits by outcome, to print beside results: keyed rule, catch-all only, none.</summary>
    public static (int Keyed, int CatchAll, int None) Mix(SyntheticRuleSet set, IEnumerable<SyntheticInput> inputs)
    {
        var groups = new Dictionary<string, RuleGroup>(StringComparer.Ordinal);
        foreach (var group in set.Groups)
        {
            foreach (var key in group.Keys)
            {
                groups.Add(key, group);
            }
        }

        var (keyed, catchAll, none) = (0, 0, 0);
        foreach (var input in inputs)
        {
            if (groups.TryGetValue(input.Command, out var group) && group.Rules.Any(rule => set.Rules[rule].When.Holds(in input)))
            {
                keyed++;
            }
            else if (set.CatchAlls.Any(rule => set.Rules[rule].When.Holds(in input)))
            {
                catchAll++;
            }
            else
            {
                none++;
            }
        }

        return (keyed, catchAll, none);
    }

    private static SyntheticInput RandomInput(string command, Random random) =>
        new(Fresh(command), RandomMode(random), RandomSize(random), Fresh(Paths[random.Next(Paths.Length)]));

    private static SyntheticInput Satisfying(string command, SyntheticCondition when, Random random)
    {
        var modes = ModeMasks.Modes(when.ModeMask).ToList();
        var mode = modes[random.Next(modes.Count)];
        var size = RandomSize(random);
        if (when.Size is { } range)
        {
            // Sizes are counts: a range open below is drawn from 0 up.
            long low = range.Max >= 0 ? Math.Max(range.Min, 0) : range.Min;
            var high = Math.Min(range.Max, low + 10_000_000);
            size = (int)(low + (long)(random.NextDouble() * (high - low + 1)));
            size = Math.Min(size, range.Max);
        }

        if (when.Any is { } any)
        {
            if (random.Next(2) == 0 && ((when.ModeMask >> (int)any.Mode) & 1) != 0)
            {
                mode = any.Mode;
            }
            else
            {
                size = any.SizeAbove + 1 + random.Next(1000);
            }
        }

        var path = Paths[random.Next(Paths.Length)];
        if (when.Path is { } test)
        {
            var word = Words[random.Next(Words.Length)];
            path = test.Form switch
            {
                PathForm.Prefix => test.Prefix + word + "/file.txt",
                PathForm.NotPrefix => "/srv/" + word + "/file.txt",
                _ => test.Glob!.Head + word + (test.Glob.Middle is { } middle ? middle + word : string.Empty) + test.Glob.Tail,
            };
        }

        return new SyntheticInput(Fresh(command), mode, size, Fresh(path));
    }

    private static Mode RandomMode(Random random) => random.Next(20) switch
    {
        < 10 => Mode.Read,
        < 16 => Mode.Write,
        < 19 => Mode.Exec,
        _ => Mode.Admin,
    };

    private static int RandomSize(Random random) => (int)Math.Pow(10, random.NextDouble() * 7);

    private static string Fresh(string text) => new(text.AsSpan());
}
