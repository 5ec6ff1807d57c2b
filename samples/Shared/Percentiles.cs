using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Samples;

/// <summary>Nearest-rank percentiles of measured times, for the programs that report latencies.</summary>
internal static class Percentiles
{
    /// <summary>The smallest value that at least <paramref name="percent"/>% of the values are not above.</summary>
    public static double Of(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
