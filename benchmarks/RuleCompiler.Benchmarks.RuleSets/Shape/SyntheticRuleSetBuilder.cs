using System;
using System.Collections.Generic;
using System.Globalization;

namespace RuleCompiler.Benchmarks.RuleSets.Shape;

/// <summary>
/// Builds the synthetic rule set of a policy and a rule count, deterministically (seeded by the rule count, so every
/// policy at one size shares its command names and most of its structure).
/// <para>
/// Shape: groups of rules keyed by a string <c>command</c> (80% one command with <c>eq</c>, 20% an <c>in</c> list of
/// two to four), one rule per group or, for one group in five, two: a specific rule for <c>mode: admin</c> then a
/// general one. Each keyed rule may add tests on the <c>mode</c> enum, an int <c>size</c> range, a <c>path</c> prefix or
/// glob, an <c>any</c> or a <c>not</c>. No command belongs to two groups, and the two rules of a group are exclusive by
/// mode under <c>unique</c> / <c>any</c>, so those rule sets build. The other policies end with late catch-all rules on
/// path, mode and size (two below 100 rules, four from 100), which overlap the keyed rules.
/// </para>
/// </summary>
public static class SyntheticRuleSetBuilder
{
    public static readonly string[] PathPrefixes = ["/etc/", "/var/log/", "/home/", "/usr/local/", "/srv/", "/opt/app/", "/root/", "/tmp/"];

    public static readonly GlobShape[] Globs =
    [
        new("*.pem", string.Empty, null, ".pem"),
        new("*.key", string.Empty, null, ".key"),
        new("/var/log/*.log", "/var/log/", null, ".log"),
        new("*id_rsa*", string.Empty, "id_rsa", string.Empty),
        new("/home/*/.ssh/*", "/home/", "/.ssh/", string.Empty),
        new("*.env", string.Empty, null, ".env"),
    ];

    /// <summary>The late rules of the policies that allow overlap, in file order.</summary>
    private static readonly (string Id, SyntheticCondition When, int Priority, Verdict Verdict)[] CatchAllRules =
    [
        ("late-etc-write", new([], ModeMasks.Of(Mode.Write, Mode.Admin), null, new PathTest(PathForm.Prefix, "/etc/", null), null), 500, Verdict.Deny),
        ("late-private-key", new([], ModeMasks.All, null, new PathTest(PathForm.Glob, string.Empty, Globs[0]), null), 50, Verdict.Ask),
        ("late-huge-write", new([], ModeMasks.Of(Mode.Write), new SizeTest(SizeForm.Above, 1_000_001, int.MaxValue), null, null), 20, Verdict.Ask),
        ("late-admin-outside-tmp", new([], ModeMasks.Of(Mode.Admin), null, new PathTest(PathForm.NotPrefix, "/tmp/", null), null), 5, Verdict.Log),
    ];

    public static int SeedFor(int size) => unchecked(size * 1_000_003 + 17);

    public static SyntheticRuleSet Build(Policy policy, int size)
    {
        if (size < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "at least 4 rules");
        }

        var random = new Random(SeedFor(size));
        var priorities = new Random(SeedFor(size) ^ 0x5bd1e995);
        var names = new CommandNames(SeedFor(size));
        var exclusive = policy.NeedsExclusiveRules();
        var catchAllCount = exclusive ? 0 : size < 100 ? 2 : 4;
        var keyedRules = size - catchAllCount;

        var rules = new List<SyntheticRule>(size);
        var groups = new List<RuleGroup>();
        while (rules.Count < keyedRules)
        {
            var keys = new string[random.Next(10) < 8 ? 1 : random.Next(2, 5)];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = names.Next();
            }

            var group = groups.Count;
            var members = new List<int>(2);
            if (keyedRules - rules.Count >= 2 && random.Next(10) < 2)
            {
                // A specific rule for admins, then the general rule of the command (exclusive by mode when required).
                var size2 = random.Next(2) == 0 ? null : RandomSize(random);
                members.Add(AddRule(rules, group, new SyntheticCondition(keys, ModeMasks.Of(Mode.Admin), size2, null, null), policy, random, priorities));
                var path = random.Next(10) < 3 ? RandomPath(random) : null;
                var mask = exclusive ? ModeMasks.Of(Mode.Read, Mode.Write, Mode.Exec) : ModeMasks.All;
                members.Add(AddRule(rules, group, new SyntheticCondition(keys, mask, null, path, null), policy, random, priorities));
            }
            else
            {
                members.Add(AddRule(rules, group, RandomCondition(keys, random), policy, random, priorities));
            }

            groups.Add(new RuleGroup(group, keys, members));
        }

        var catchAlls = new List<int>();
        for (var i = 0; i < catchAllCount; i++)
        {
            var (id, when, priority, verdict) = CatchAllRules[i];
            catchAlls.Add(rules.Count);
            rules.Add(new SyntheticRule(rules.Count, id, -1, when, policy == Policy.Priority ? priority : 0, verdict, 90_000 + i));
        }

        var unknown = new string[Math.Max(64, Math.Min(4096, size))];
        for (var i = 0; i < unknown.Length; i++)
        {
            unknown[i] = names.Next();
        }

        return new SyntheticRuleSet(policy, size, rules, groups, catchAlls, unknown);
    }

    private static int AddRule(List<SyntheticRule> rules, int group, SyntheticCondition when, Policy policy, Random random, Random priorities)
    {
        var index = rules.Count;
        var verdict = random.Next(20) switch
        {
            < 11 => Verdict.Allow,
            < 15 => Verdict.Ask,
            < 18 => Verdict.Deny,
            _ => Verdict.Log,
        };
        var priority = priorities.Next(100);
        rules.Add(new SyntheticRule(
            index,
            "r" + index.ToString(CultureInfo.InvariantCulture),
            group,
            when,
            policy == Policy.Priority ? priority : 0,
            verdict,
            random.Next(1, 10_000)));
        return index;
    }

    private static SyntheticCondition RandomCondition(IReadOnlyList<string> keys, Random random)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 30 => new(keys, ModeMasks.All, null, null, null),
            < 50 => new(keys, RandomModeMask(random), null, null, null),
            < 65 => new(keys, ModeMasks.All, RandomSize(random), null, null),
            < 75 => new(keys, RandomModeMask(random), RandomSize(random), null, null),
            < 85 => new(keys, ModeMasks.All, null, new PathTest(PathForm.Prefix, PathPrefixes[random.Next(PathPrefixes.Length)], null), null),
            < 90 => new(keys, ModeMasks.All, null, new PathTest(PathForm.Glob, string.Empty, Globs[random.Next(Globs.Length)]), null),
            < 95 => new(keys, ModeMasks.All, null, null, new AnyTest(Mode.Admin, RandomBound(random))),
            _ => new(keys, ModeMasks.All, null, new PathTest(PathForm.NotPrefix, "/tmp/", null), null),
        };
    }

    private static PathTest RandomPath(Random random) => random.Next(2) == 0
        ? new PathTest(PathForm.Prefix, PathPrefixes[random.Next(PathPrefixes.Length)], null)
        : new PathTest(PathForm.Glob, string.Empty, Globs[random.Next(Globs.Length)]);

    // One to three of the four modes: a real subset, never all of them.
    private static int RandomModeMask(Random random) => random.Next(1, ModeMasks.All);

    private static SizeTest RandomSize(Random random)
    {
        var bound = RandomBound(random);
        return random.Next(4) switch
        {
            0 => new SizeTest(SizeForm.Between, bound, bound + RandomBound(random)),
            1 => new SizeTest(SizeForm.AtLeast, bound, int.MaxValue),
            2 => new SizeTest(SizeForm.Below, int.MinValue, bound - 1),
            _ => new SizeTest(SizeForm.Above, bound + 1, int.MaxValue),
        };
    }

    // Sizes spread over six orders of magnitude, as byte counts and token counts do.
    private static int RandomBound(Random random) => (int)Math.Pow(10, random.NextDouble() * 6);
}
