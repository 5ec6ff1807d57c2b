using System;
using System.Diagnostics;
using System.Runtime;
using System.Threading;

namespace RuleCompiler.Benchmarks.Infrastructure;

/// <summary>
/// The end of every evaluation benchmark's setup: run the benchmark's own workloads until tiered compilation has
/// optimized all they call, so that BenchmarkDotNet measures the code a long-running consumer's process runs.
/// </summary>
/// <remarks>
/// Without this, BenchmarkDotNet 0.14's warm-up is not enough here. A setup reads and binds rule files and runs the
/// reference evaluator (and its regular expressions) over every input; thousands of methods become hot doing that, and
/// the runtime recompiles each of them, optimized, on one background thread. A method reaches its optimized tier in
/// steps (tier 0, instrumented, tier 1), each after 30 calls and 100 ms without new tier-0 compilation, behind that
/// queue. On this 2-core machine a short run measured the samples at tier 0 (TaskRouter 270 ns instead of 40 ns with
/// DOTNET_TieredCompilation=0), and a full run some iterations at tier 0 and the rest optimized.
/// </remarks>
internal static class TieredJit
{
    /// <summary>Over the 30 calls that move a method to its next tier.</summary>
    private const int CallsPerRound = 40;

    /// <summary>Longer than the runtime's call-counting delay (100 ms).</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(150);

    /// <summary>No compilation for this long, with the workloads running between pauses: nothing left to promote.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(800);

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(90);

    public static void WarmUp(params Action[] workloads)
    {
        var clock = Stopwatch.StartNew();
        var first = JitInfo.GetCompiledMethodCount();
        var last = first;
        var quietSince = TimeSpan.Zero;
        var rounds = 0;
        while (clock.Elapsed < MaxWait && clock.Elapsed - quietSince < Quiet)
        {
            for (var call = 0; call < CallsPerRound; call++)
            {
                foreach (var workload in workloads)
                {
                    workload();
                }
            }

            rounds++;
            Thread.Sleep(Pause);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != last)
            {
                last = now;
                quietSince = clock.Elapsed;
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var settled = clock.Elapsed < MaxWait ? "settled" : "NOT settled";
        Console.WriteLine($"// JIT {settled} after {clock.Elapsed.TotalMilliseconds:N0} ms, {rounds} rounds of {CallsPerRound} calls ({last - first:N0} methods compiled meanwhile)");
    }
}
