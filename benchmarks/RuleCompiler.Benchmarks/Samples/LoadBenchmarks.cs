using System;
using System.Threading;
using BenchmarkDotNet.Attributes;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Benchmarks.RuleSets.Shape;
using RuleCompiler.Benchmarks.RuleSets.Writing;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;

namespace RuleCompiler.Benchmarks.Samples;

/// <summary>
/// A rule file loaded at run time, from its text to a callable rule set (<see cref="RuleSetLoader.Load(string, string?, LoadOptions?)"/>:
/// read, compose, bind, analyze, the file's tests, plan, lower, and the plan compiled to IL), for the synthetic
/// first-wins sets of 1,000 and 10,000 rules; beside it the build's own stages alone (<see cref="Compile"/>), so the
/// share of the compile at load shows. Issue 16's targets: 50 ms at 1,000 rules, 0.5 s at 10,000.
/// </summary>
[Config(typeof(BuildConfig))]
public class LoadBenchmarks
{
    private string _yaml = string.Empty;

    [Params(1_000, 10_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _yaml = RuleFileYaml.Write(SyntheticRuleSetBuilder.Build(Policy.First, Rules));
        var loaded = RuleSetLoader.Load(_yaml, "first.rules.yaml");
        if (!loaded.Succeeded)
        {
            throw new InvalidOperationException("the synthetic rule set does not load:\n" + loaded);
        }
    }

    /// <summary>Text to callable rule set.</summary>
    [Benchmark]
    public object Load() => RuleSetLoader.Load(_yaml, "first.rules.yaml").RuleSet!;

    /// <summary>The build's stages alone (read to lower, as the generator runs them), without compiling the plan.</summary>
    [Benchmark]
    public object Compile() => RuleFileCompiler.Compile(_yaml, new BindOptions(string.Empty, "first.rules.yaml"), CancellationToken.None).Lowered!;
}
