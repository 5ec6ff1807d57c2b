using System;
using System.Globalization;
using System.Text;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>Builds large rule files deterministically, to reach code paths small samples never do.</summary>
public static class RuleFileWriter
{
    /// <summary>A lookup table: one rule per key, plus a catch-all per family (frozen dictionary and split dispatch).</summary>
    public static RuleFile Lookup(int keys)
    {
        var yaml = new StringBuilder()
            .AppendLine("ruleset: BigLookup")
            .AppendLine("complete: false")
            .AppendLine("inputs: { key: string, tier: { enum: [free, pro] } }")
            .AppendLine("outputs: { value: int }")
            .AppendLine("rules:");
        for (var i = 0; i < keys; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: k{i}, when: {{ key: key-{i}, tier: {(i % 3 == 0 ? "pro" : "[free, pro]")} }}, then: {{ value: {i} }} }}");
        }

        yaml.AppendLine("  - { id: family, when: { key: { prefix: key-1 } }, then: { value: -1 } }");
        return new RuleFile("rules/big-lookup.rules.yaml", yaml.ToString());
    }

    /// <summary>
    /// Table-like rules as a rule author writes them by the thousand (benchmarks/scripts/buildloop.py): four per command
    /// (rules / 4 distinct commands, every third also an alias), each on its own actor and risk band.
    /// </summary>
    public static RuleFile Table(int rules)
    {
        var actors = new[] { "human", "ai", "ci" };
        var yaml = new StringBuilder()
            .AppendLine("ruleset: BigTable")
            .AppendLine("inputs: { command: string, actor: { enum: [human, ai, ci] }, risk: int }")
            .AppendLine("outputs: { decision: { enum: [allow, ask, deny] }, note: string }")
            .AppendLine("default: { decision: allow, note: none }")
            .AppendLine("rules:");
        for (var i = 0; i < rules; i++)
        {
            var command = i % 3 != 0 ? $"cmd{i / 4}" : $"[cmd{i / 4}, alias{i / 4}]";
            var low = i % 4 * 25;
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: r{i}, when: {{ command: {command}, actor: {actors[i % 3]}, risk: {{ between: [{low}, {low + 24}] }} }}, then: {{ decision: {(i % 2 == 0 ? "ask" : "deny")}, note: r{i} }} }}");
        }

        return new RuleFile("rules/big-table.rules.yaml", yaml.ToString());
    }

    /// <summary>Rules over independent numeric ranges: no field splits them well, so planning hits its budget.</summary>
    public static RuleFile Ranges(int rules, int seed, string hit)
    {
        var random = new Random(seed);
        var yaml = new StringBuilder()
            .AppendLine("ruleset: BigRanges")
            .AppendLine(CultureInfo.InvariantCulture, $"hit: {hit}")
            .AppendLine("inputs: { a: int, b: int, c: long, d: double }")
            .AppendLine("outputs: { value: int }")
            .AppendLine("rules:");
        for (var i = 0; i < rules; i++)
        {
            var lo = random.Next(-50, 50);
            var hi = lo + random.Next(0, 30);
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: r{i}, when: {{ a: {{ between: [{lo}, {hi}] }}, b: {{ gt: {random.Next(-50, 50)} }}, c: {{ lte: {random.Next(-50, 50)} }}, d: {{ ne: {random.Next(-5, 5)}.5 }} }}, then: {{ value: {i} }} }}");
        }

        return new RuleFile("rules/big-ranges.rules.yaml", yaml.ToString());
    }
}
