using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Benchmarks.RuleSets.Shape;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>
/// The physical floor: one <see cref="FrozenDictionary{TKey, TValue}"/> lookup of the command among all the
/// commands of the rule set, on the same inputs, and nothing else. No evaluator that reads the command can beat it by
/// much; the distance to it is what the rest of the evaluation costs.
/// </summary>
[Config(typeof(EvaluationConfig))]
public class FloorBenchmarks
{
    private FrozenDictionary<string, int> _commands = FrozenDictionary<string, int>.Empty;
    private SyntheticInput[] _inputs = [];

    [Params(10, 100, 1_000, 10_000, 100_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var set = SyntheticRuleSetBuilder.Build(Policy.First, Rules);
        var commands = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in set.Groups)
        {
            foreach (var key in group.Keys)
            {
                commands.Add(key, group.Index);
            }
        }

        _commands = commands.ToFrozenDictionary(StringComparer.Ordinal);
        _inputs = Workload.Build(set, SyntheticWorkload.Inputs);
        TieredJit.WarmUp(() => FrozenDictionaryLookup());
    }

    [Benchmark(OperationsPerInvoke = SyntheticWorkload.Inputs)]
    public int FrozenDictionaryLookup()
    {
        var commands = _commands;
        var inputs = _inputs;
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += commands.TryGetValue(inputs[i].Command, out var group) ? group : -1;
        }

        return sum;
    }
}
