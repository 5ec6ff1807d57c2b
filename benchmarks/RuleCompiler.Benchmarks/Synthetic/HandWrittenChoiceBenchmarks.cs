using BenchmarkDotNet.Attributes;
using RuleCompiler.Benchmarks.Infrastructure;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>
/// Why the hand-written baseline is a switch up to 100 rules and a table above: both on the same inputs, for the
/// first and collect rule sets of up to 1,000 rules (instantiations written at build time). At 1,000 rules the
/// switch's one method is past the JIT's optimization limits; above, it is not an option at all.
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
        TieredJit.WarmUp(() => Switch(), () => Table());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SyntheticWorkload.Inputs)]
    public int Switch() => TRuleSet.HandWrittenSwitch();

    [Benchmark(OperationsPerInvoke = SyntheticWorkload.Inputs)]
    public int Table() => TRuleSet.HandWrittenTable();
}
