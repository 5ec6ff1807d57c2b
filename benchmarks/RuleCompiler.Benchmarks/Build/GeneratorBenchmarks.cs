using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Benchmarks.RuleSets.Shape;
using RuleCompiler.Benchmarks.RuleSets.Writing;

namespace RuleCompiler.Benchmarks.Build;

/// <summary>
/// The generator alone, in-process: one run of <c>RuleSetGenerator</c> on a fresh driver over one synthetic rule file
/// (read, bind, analyze, the file's checks, plan, emit), as the C# compiler runs it in a build. The time of the
/// generator, not of the compiler that then compiles its output (<see cref="CompilerBenchmarks"/>).
/// </summary>
[Config(typeof(BuildConfig))]
public class GeneratorBenchmarks
{
    private AdditionalText? _file;
    private CSharpCompilation? _compilation;

    /// <summary>
    /// first at each size; unique (whose exclusivity check compares every pair of rules) up to 10,000 rules, since
    /// 100,000 would run for hours with the current analysis.
    /// </summary>
    [ParamsSource(nameof(RuleSets))]
    public string RuleSet { get; set; } = string.Empty;

    public static IEnumerable<string> RuleSets => ["First1000", "First10000", "First100000", "Unique1000", "Unique10000"];

    [GlobalSetup]
    public void Setup()
    {
        var (policy, rules) = InProcessGenerator.Parse(RuleSet);
        var set = SyntheticRuleSetBuilder.Build(policy, rules);
        _file = InProcessGenerator.RuleFile(set.FileName, RuleFileYaml.Write(set));
        _compilation = InProcessGenerator.EmptyCompilation();
    }

    /// <summary>Returns the generated source's length in characters.</summary>
    [Benchmark]
    public int RunGenerator() => InProcessGenerator.Run(_file!, _compilation!).Length;
}
