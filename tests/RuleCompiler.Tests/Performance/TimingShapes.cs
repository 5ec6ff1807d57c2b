using System;
using System.Globalization;
using System.Text;
using RuleCompiler.Tests.Infrastructure;

namespace RuleCompiler.Tests.Performance;

/// <summary>
/// Rule files of a given size for timing the generator: the lookup table of <see cref="RuleFileWriter.Lookup"/>, a
/// mixed shape closer to a real policy, and the independent ranges of <see cref="RuleFileWriter.Ranges"/> (which
/// exhaust the planning budget: the fallback path). All use <c>hit: first</c>, so the analysis stage (unique / any
/// overlap checks) does not run and the numbers are the generator's own.
/// </summary>
public static class TimingShapes
{
    public static readonly string[] Names = ["lookup", "mixed", "ranges"];

    public static RuleFile Of(string shape, int rules) => shape switch
    {
        "lookup" => RuleFileWriter.Lookup(rules - 1), // plus its one prefix rule
        "mixed" => Mixed(rules, seed: 42),
        "ranges" => RuleFileWriter.Ranges(rules, seed: 1, "first"),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown timing shape"),
    };

    /// <summary>
    /// A string key tested with eq (most rules) or in (every tenth), an enum tested with eq or in, an int range
    /// (between / gte / lt), and eight prefix rules spread through the file.
    /// </summary>
    public static RuleFile Mixed(int rules, int seed)
    {
        var random = new Random(seed);
        string[] regions = ["us", "ca", "gb", "de", "fr", "jp", "br", "in"];
        var yaml = new StringBuilder()
            .AppendLine("ruleset: BigMixed")
            .AppendLine("hit: first")
            .AppendLine(CultureInfo.InvariantCulture, $"inputs: {{ key: string, region: {{ enum: [{string.Join(", ", regions)}] }}, amount: int }}")
            .AppendLine("outputs: { value: int, reason: string }")
            .AppendLine("rules:");
        const int prefixRules = 8;
        var prefixEvery = Math.Max(1, rules / prefixRules);
        for (var i = 0; i < rules; i++)
        {
            string when;
            if (i % prefixEvery == prefixEvery / 2)
            {
                when = $"key: {{ prefix: k{random.Next(1, 10)} }}, amount: {{ gte: {random.Next(0, 5000)} }}";
            }
            else
            {
                var region = random.Next(4) == 0
                    ? $"[{regions[random.Next(regions.Length)]}, {regions[random.Next(regions.Length)]}]"
                    : regions[random.Next(regions.Length)];
                var lo = random.Next(0, 5000);
                var amount = random.Next(3) switch
                {
                    0 => $"{{ between: [{lo}, {lo + random.Next(1, 2000)}] }}",
                    1 => $"{{ gte: {lo} }}",
                    _ => $"{{ lt: {lo} }}",
                };
                var key = i % 10 == 3 ? $"{{ in: [k{i}, k{i}-alt, x{random.Next(rules)}] }}" : $"k{i}";
                when = $"key: {key}, region: {region}, amount: {amount}";
            }

            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: m{i}, when: {{ {when} }}, then: {{ value: {i}, reason: rule {i} }} }}");
        }

        return new RuleFile("rules/big-mixed.rules.yaml", yaml.ToString());
    }
}
