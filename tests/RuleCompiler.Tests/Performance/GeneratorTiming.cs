using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using RuleCompiler.Generator.Emit;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Planning;
using RuleCompiler.Language.Syntax;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Tests.Performance;

/// <summary>
/// Runs only when the environment variable <see cref="GeneratorTiming.Switch"/> is set: a measurement, not a test,
/// so that the suite never depends on how busy the machine is.
/// </summary>
public sealed class TimingFactAttribute : FactAttribute
{
    public TimingFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(GeneratorTiming.Switch)))
        {
            Skip = $"a measurement: set {GeneratorTiming.Switch}=1 and run in Release (see the class's comment)";
        }
    }
}

/// <summary>
/// How long the generator takes, warm, on large rule files: the whole generator driven in-process
/// (<see cref="GeneratorHarness.NewDriver"/>, without step tracking) and the compiler's stages one by one (read, bind,
/// analyze, plan, emit), medians of several runs, with the bytes each stage allocates. Optionally the C# compiler's
/// time for the generated code and the peak working set of the largest run.
/// <code>
/// RULECOMPILER_TIMING=1 dotnet test tests/RuleCompiler.Tests -c Release --filter "FullyQualifiedName~GeneratorTiming"
/// </code>
/// Settings (environment): RULECOMPILER_TIMING_SIZES (default 1000,10000,100000), RULECOMPILER_TIMING_SHAPES
/// (lookup,mixed), RULECOMPILER_TIMING_REPS (7; 3 from 100,000 rules), RULECOMPILER_TIMING_COMPILE=1 (also time
/// csc on the output), RULECOMPILER_TIMING_OUT (the report's path; default artifacts/generator-timing.md).
/// </summary>
public sealed class GeneratorTiming
{
    public const string Switch = "RULECOMPILER_TIMING";

    private static readonly string[] Stages = ["read", "bind", "analyze", "plan", "emit"];

    private readonly ITestOutputHelper _output;

    public GeneratorTiming(ITestOutputHelper output) => _output = output;

    [TimingFact]
    public void Time_the_generator_on_large_rule_files()
    {
        var sizes = Setting("SIZES", "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var shapes = Setting("SHAPES", string.Join(",", TimingShapes.Names)).Split(',');
        var compile = Setting("COMPILE", "0") == "1";
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Generator timing ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Configuration})")
            .AppendLine()
            .AppendLine("Medians in ms; `generator` is the whole generator run by a GeneratorDriver (Roslyn's own work, such as parsing the added source, included);")
            .AppendLine("the stage columns are the compiler's stages called one by one. Allocations are the stages' sum.")
            .AppendLine()
            .AppendLine("| shape | rules | runs | generator | read | bind | analyze | plan | emit | stages | allocated MB | source MB | peak WS MB | csc +ms |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var shape in shapes)
        {
            foreach (var size in sizes)
            {
                var line = Measure(shape, size, compile);
                report.AppendLine(line);
                _output.WriteLine(line);
            }
        }

        var path = Setting("OUT", Path.Combine(RepoPaths.Root, "artifacts", "generator-timing.md"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, report.ToString());
        _output.WriteLine(report.ToString());
    }

    private static string Configuration =>
#if DEBUG
        "Debug: numbers are not representative";
#else
        "Release";
#endif

    private static string Setting(string name, string fallback) =>
        Environment.GetEnvironmentVariable(Switch + "_" + name) is { Length: > 0 } value ? value : fallback;

    private static string Measure(string shape, int size, bool compile)
    {
        var file = TimingShapes.Of(shape, size);
        var reps = int.Parse(Setting("REPS", size >= 100_000 ? "3" : "7"), CultureInfo.InvariantCulture);
        var warmups = size >= 100_000 ? 1 : 2;

        for (var i = 0; i < warmups; i++)
        {
            _ = RunStages(file);
            _ = RunGenerator(file);
        }

        var stageRuns = new List<(double[] Ms, long Allocated, int SourceLength)>();
        var generatorRuns = new List<double>();
        long peakWorkingSet = 0;
        for (var i = 0; i < reps; i++)
        {
            Collect();
            stageRuns.Add(RunStages(file));
            Collect();
            PeakMemory.Reset();
            generatorRuns.Add(RunGenerator(file));
            peakWorkingSet = Math.Max(peakWorkingSet, PeakMemory.Read());
        }

        var stageMedians = Enumerable.Range(0, Stages.Length).Select(s => Median(stageRuns.Select(r => r.Ms[s]))).ToArray();
        var compileExtra = compile ? CompileExtra(file, reps) : double.NaN;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {shape} | {size:N0} | {reps} | {Median(generatorRuns):F0} | {string.Join(" | ", stageMedians.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))} | {Median(stageRuns.Select(r => r.Ms.Sum())):F0} | {Median(stageRuns.Select(r => (double)r.Allocated)) / 1e6:F0} | {stageRuns[0].SourceLength / 1e6:F1} | {(peakWorkingSet > 0 ? (peakWorkingSet / 1e6).ToString("F0", CultureInfo.InvariantCulture) : "n/a")} | {(double.IsNaN(compileExtra) ? "-" : compileExtra.ToString("F0", CultureInfo.InvariantCulture))} |");
    }

    /// <summary>The compiler's stages, one by one, as <c>RuleFileCompiler</c> and the generator chain them.</summary>
    private static (double[] Ms, long Allocated, int SourceLength) RunStages(RuleFile file)
    {
        var ms = new double[Stages.Length];
        var diagnostics = new List<DiagnosticInfo>();
        var cancellationToken = CancellationToken.None;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var root = YamlReader.Read(file.Text, ReaderLimits.Default, diagnostics, cancellationToken);
        ms[0] = Lap(clock);
        var model = Binder.Bind(root!, new BindOptions(GeneratorHarness.RootNamespace, file.Path), diagnostics, cancellationToken);
        ms[1] = Lap(clock);
        var predicates = new Predicates();
        RuleAnalysis.Run(model!, predicates, diagnostics, cancellationToken);
        RuleCoverage.Report(model!, RuleFileTests.Run(model!, predicates, diagnostics, cancellationToken), required: false, diagnostics);
        ms[2] = Lap(clock);
        var plan = Planner.Build(model!, cancellationToken);
        ms[3] = Lap(clock);
        var source = CSharpEmitter.Emit(model!, plan, cancellationToken);
        ms[4] = Lap(clock);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return (ms, allocated, source.Length);
    }

    private static double RunGenerator(RuleFile file)
    {
        var driver = GeneratorHarness.NewDriver([file], trackSteps: false);
        var compilation = GeneratorHarness.NewCompilation();
        var clock = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation, CancellationToken.None);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var result = driver.GetRunResult().Results.Single();
        result.Exception.ShouldBeNull();
        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        result.GeneratedSources.Length.ShouldBe(1);
        return elapsed;
    }

    /// <summary>The C# compiler's time to parse, bind and emit the generated code, less its time for the empty project.</summary>
    private static double CompileExtra(RuleFile file, int reps)
    {
        var source = GeneratorHarness.Run(file).Sources.Single().SourceText;
        double Time(bool withSource)
        {
            Collect();
            var clock = Stopwatch.StartNew();
            var compilation = GeneratorHarness.NewCompilation();
            if (withSource)
            {
                compilation = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions));
            }

            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            emit.Success.ShouldBeTrue();
            return clock.Elapsed.TotalMilliseconds;
        }

        _ = Time(withSource: false);
        _ = Time(withSource: true);
        var empty = Median(Enumerable.Range(0, reps).Select(_ => Time(withSource: false)));
        var full = Median(Enumerable.Range(0, reps).Select(_ => Time(withSource: true)));
        return full - empty;
    }

    private static double Lap(Stopwatch clock)
    {
        var elapsed = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return elapsed;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>
    /// The process's peak resident set since the last reset: Linux's VmHWM, which writing 5 to /proc/self/clear_refs
    /// resets. Elsewhere (or when that fails) 0, reported as n/a.
    /// </summary>
    private static class PeakMemory
    {
        public static void Reset()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }

        public static long Read()
        {
            try
            {
                var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                return line is null ? 0 : long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return 0;
            }
        }
    }
}
