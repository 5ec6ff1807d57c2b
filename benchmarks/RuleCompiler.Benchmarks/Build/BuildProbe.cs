using System;
using System.Diagnostics;
using System.IO;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Benchmarks.RuleSets.Shape;
using RuleCompiler.Benchmarks.RuleSets.Writing;

namespace RuleCompiler.Benchmarks.Build;

/// <summary>
/// <c>--probe-build First100000 [file]</c>: one timed generator run and one timed compilation of its output, with sizes: a
/// quick look at what a rule set costs a build, without BenchmarkDotNet's repetitions. Given a file, writes the
/// generated source to it instead of compiling it.
/// </summary>
public static class BuildProbe
{
    public static int Run(TextWriter output, string ruleSet, string? saveTo = null)
    {
        var (policy, rules) = InProcessGenerator.Parse(ruleSet);
        var set = SyntheticRuleSetBuilder.Build(policy, rules);
        var yaml = RuleFileYaml.Write(set);
        var clock = Stopwatch.StartNew();
        var source = InProcessGenerator.Run(InProcessGenerator.RuleFile(set.FileName, yaml), InProcessGenerator.EmptyCompilation());
        var generate = clock.Elapsed;
        output.WriteLine($"{ruleSet}: rule file {yaml.Length:N0} chars; generator {generate.TotalMilliseconds:N0} ms; generated source {source.Length:N0} chars");
        if (saveTo is not null)
        {
            File.WriteAllText(saveTo, source);
            return 0;
        }

        clock.Restart();
        var assembly = InProcessGenerator.Emit(InProcessGenerator.Compilation(CSharpSyntaxTree.ParseText(source, InProcessGenerator.ParseOptions)));
        output.WriteLine($"{ruleSet}: parse + compile + emit (Release) {clock.Elapsed.TotalMilliseconds:N0} ms; assembly {assembly:N0} bytes; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
        return 0;
    }
}
