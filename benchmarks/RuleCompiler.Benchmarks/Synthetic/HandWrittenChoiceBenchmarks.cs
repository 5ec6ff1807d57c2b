using BenchmarkDotNet.Attributes;
using RuleCompiler.Benchmarks.Infrastructure;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>
/// Why the hand-written baseline is a switch up to 1,000 rules and a table above: both on the same inputs, for the
/// first and collect rule sets of up to 1,000 rules (instantiations written at build time). Above 1,000 rules the
/// switch is not an option: one method that large is compiled by the JIT without optimizations.
/// </summary>
[Config(typeof(EvaluationConfig))]
public partial class HandWrittenChoiceBenchmarks<TRuleSet>
    where TRuleSet : struct, ISyntheticRuleSet
{
    [GlobalSetup]
    public void Setup()
    {
        var (set, inputs) = SyntheticWorkload.Prepare<TRuleSet>();
        SyntheticWorkload.AssertHandWrittenAgrees<TRuleSet>(set, inputs);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SyntheticWorkload.Inputs)]
    public int Switch() => TRuleSet.HandWritten();

    [Benchmark(OperationsPerInvoke = SyntheticWorkload.Inputs)]
    public int Table() => TRuleSet.HandWrittenTable();
}
