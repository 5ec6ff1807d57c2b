using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Benchmarks.RuleSets.Shape;

namespace RuleCompiler.Benchmarks.RuleSets;

/// <summary>Which synthetic rule sets a build compiles into the benchmarks (see benchmarks/README.md for why).</summary>
public static class Catalog
{
    /// <summary>
    /// Up to this size the hand-written baseline is a switch; above, the table an expert would build instead: at 1,000
    /// rules the switch's one method is past the JIT's optimization limits and runs about ten times slower
    /// (<c>HandWrittenChoiceBenchmarks</c> measures both).
    /// </summary>
    public const int SwitchBaselineMaxRules = 100;

    /// <summary>Up to this size a hand-written switch is written, for <c>HandWrittenChoiceBenchmarks</c> to compare with the table.</summary>
    public const int HandSwitchMaxRules = 1_000;

    /// <summary>
    /// <c>small</c>: every policy at 10 and 100 rules, so that a Debug build of the solution (CI) compiles and checks
    /// all the benchmark code in seconds. <c>standard</c>: every policy at 10, 1,000 and 10,000 rules, first and
    /// collect also at 100 (the Release default, what compare.sh measures). <c>full</c>: standard and first at 100,000
    /// rules, which alone costs the C# compiler minutes and gigabytes (run-full.sh; see benchmarks/README.md).
    /// Or an explicit list, written so that MSBuild's command line takes it as one property value (no ',' or ';'):
    /// <c>first:10/100+collect:1000</c>.
    /// </summary>
    public static IReadOnlyList<(Policy Policy, int Size)> Sets(string selection) => selection switch
    {
        "small" => Policies.All.SelectMany(policy => new[] { 10, 100 }.Select(size => (policy, size))).ToList(),
        "standard" => Policies.All.SelectMany(policy => StandardSizes(policy).Select(size => (policy, size))).ToList(),
        "full" => [.. Sets("standard"), (Policy.First, 100_000)],
        _ => Parse(selection),
    };

    private static IEnumerable<int> StandardSizes(Policy policy) => policy is Policy.First or Policy.Collect
        ? [10, 100, 1_000, 10_000]
        : [10, 1_000, 10_000];

    private static List<(Policy, int)> Parse(string selection)
    {
        var sets = new List<(Policy, int)>();
        foreach (var part in selection.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 2);
            if (pieces.Length != 2)
            {
                throw new ArgumentException($"expected 'small', 'standard', 'full' or 'policy:size/size+policy:size...', got '{selection}'", nameof(selection));
            }

            var policy = Policies.ParseYamlName(pieces[0].Trim());
            foreach (var size in pieces[1].Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                sets.Add((policy, int.Parse(size, NumberStyles.None, CultureInfo.InvariantCulture)));
            }
        }

        return sets;
    }
}
