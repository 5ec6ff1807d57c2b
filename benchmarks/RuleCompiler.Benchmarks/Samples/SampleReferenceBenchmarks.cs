using BenchmarkDotNet.Attributes;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Benchmarks.Samples;

/// <summary>The reference evaluator on each sample and the same inputs as <see cref="SampleBenchmarks"/>: the interpreted cost.</summary>
[Config(typeof(EvaluationConfig))]
public class SampleReferenceBenchmarks
{
    private SampleWorkload? _workload;
    private ReferenceEvaluator? _evaluator;

    [ParamsSource(nameof(Samples))]
    public string Sample { get; set; } = string.Empty;

    public static string[] Samples => SampleWorkload.Names;

    [GlobalSetup]
    public void Setup()
    {
        _workload = SampleWorkload.Load(Sample);
        _evaluator = new ReferenceEvaluator(_workload.Model);
        TieredJit.WarmUp(() => Reference());
    }

    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int Reference()
    {
        var collect = _workload!.Model is { Hit: HitPolicy.Collect, Aggregate: Aggregate.None };
        var sum = 0;
        foreach (var row in _workload.Rows)
        {
            sum += collect ? _evaluator!.HoldingRules(row).Count : _evaluator!.Evaluate(row).RuleIndex;
        }

        return sum;
    }
}
