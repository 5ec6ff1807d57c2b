using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace RuleCompiler.Benchmarks.Infrastructure;

/// <summary>
/// Evaluation benchmarks: nanoseconds per call, measured over a loop of inputs (OperationsPerInvoke), so the call
/// overhead of the harness is spread over hundreds of evaluations and needs no correction. Read medians, not means:
/// on a shared 2-core machine an iteration now and then loses its core, which moves the mean and not the median.
/// Two launches in the full profile, as code layout can differ from one process to the next.
/// </summary>
public sealed class EvaluationConfig : ManualConfig
{
    public EvaluationConfig()
    {
        AddJob(Shared.ForThisBuild(Profile.Current switch
        {
            RunProfile.Full => Job.Default.WithId("Full")
                .WithLaunchCount(2).WithWarmupCount(6).WithIterationCount(15)
                .WithIterationTime(TimeInterval.FromMilliseconds(150)),
            RunProfile.Short => Job.Default.WithId("Short")
                .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(7)
                .WithIterationTime(TimeInterval.FromMilliseconds(100)),
            _ => Job.Dry.WithId("Dry"),
        }));
        Shared.Apply(this, TimeUnit.Nanosecond);
    }
}

/// <summary>
/// Build benchmarks (the generator, the C# compiler): one call takes from a fraction of a second to a minute or more, so
/// each iteration is one call (monitoring). Three warm-up calls in the full profile: the first loads and JITs the
/// compiler and the generator, and tiered compilation needs the next two to finish optimizing them (on First10000 the
/// calls take about 3.5, 2.0, 1.5 and then 1.1 s), so the five measured calls see the generator as a compiler server
/// keeps it, warm between builds. The first, cold call is reported beside them by --probe-build.
/// </summary>
public sealed class BuildConfig : ManualConfig
{
    public BuildConfig()
    {
        AddJob(Shared.ForThisBuild(Profile.Current switch
        {
            RunProfile.Full => Job.Default.WithId("Build").WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5),
            RunProfile.Short => Job.Default.WithId("Build").WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(2),
            _ => Job.Dry.WithId("Dry"),
        }));
        Shared.Apply(this, TimeUnit.Millisecond);
    }
}

internal static class Shared
{
    /// <summary>
    /// BenchmarkDotNet builds its own program around this project, from scratch: have it build the project with the
    /// synthetic rule sets this process was built with, and reuse their compiled assembly (see the csproj).
    /// </summary>
    public static Job ForThisBuild(Job job)
    {
        var selection = typeof(Shared).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SyntheticRuleSets").Value!;
        return job.WithArguments(
        [
            new MsBuildArgument("/p:SyntheticRuleSets=" + selection),
            new MsBuildArgument("/p:RuleCompilerBenchmarkBuild=true"),
        ]);
    }

    public static void Apply(ManualConfig config, TimeUnit unit)
    {
        config.AddDiagnoser(MemoryDiagnoser.Default);
        config.AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        config.AddColumn(RuleSetColumn.Policy, RuleSetColumn.Rules, RuleSetColumn.HandWritten);
        config.AddExporter(JsonExporter.Full, MarkdownExporter.GitHub);
        config.SummaryStyle = SummaryStyle.Default.WithTimeUnit(unit);
        config.Options |= ConfigOptions.DisableLogFile;
    }
}
