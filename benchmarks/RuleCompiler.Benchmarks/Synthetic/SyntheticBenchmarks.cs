using System;
using BenchmarkDotNet.Attributes;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Benchmarks.RuleSets.Shape;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>
/// One synthetic rule set (the type argument; the instantiations are written at build time, one per rule set built):
/// the generated code, the hand-written baseline and the reference evaluator on the same seeded inputs. Times are per
/// evaluation. The setup fails if the hand-written baseline (or, for <see cref="Reference"/>, the reference evaluator)
/// answers any input differently from the generated code.
/// </summary>
[Config(typeof(EvaluationConfig))]
public partial class SyntheticBenchmarks<TRuleSet>
    where TRuleSet : struct, ISyntheticRuleSet
{
    private SyntheticReference? _reference;

    [GlobalSetup(Targets = [nameof(HandWritten), nameof(Generated), nameof(Loaded)])]
    public void Setup()
    {
        var (set, inputs) = SyntheticWorkload.Prepare<TRuleSet>();
        SyntheticWorkload.AssertHandWrittenAgrees<TRuleSet>(set, inputs);
        SyntheticWorkload.AssertLoadedAgrees<TRuleSet>(set, inputs);
        Console.WriteLine("// " + SyntheticWorkload.Describe(set, inputs));
        TieredJit.WarmUp(() => HandWritten(), () => Generated(), () => Loaded());
    }

    [GlobalSetup(Target = nameof(Reference))]
    public void SetupReference()
    {
        var (set, inputs) = SyntheticWorkload.Prepare<TRuleSet>();
        _reference = new SyntheticReference(set, inputs.AsSpan(0, SyntheticWorkload.ReferenceInputs).ToArray());
        SyntheticWorkload.AssertReferenceAgrees<TRuleSet>(set, inputs, _reference);
        Console.WriteLine("// " + SyntheticWorkload.Describe(set, inputs[..SyntheticWorkload.ReferenceInputs]));
        TieredJit.WarmUp(() => Reference());
    }

    /// <summary>What an expert writes for this rule set: a switch up to 100 rules, a frozen-dictionary table above.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SyntheticWorkload.Inputs)]
    public int HandWritten() => TRuleSet.HandWritten();

    /// <summary>The generated <c>Evaluate</c> (<c>EvaluateAll</c> and its enumeration for collect).</summary>
    [Benchmark(OperationsPerInvoke = SyntheticWorkload.Inputs)]
    public int Generated() => TRuleSet.Generated();

    /// <summary>The same rule file loaded at run time (<c>RuleSetLoader</c>): its plan compiled at load, on the generated types.</summary>
    [Benchmark(OperationsPerInvoke = SyntheticWorkload.Inputs)]
    public int Loaded() => TRuleSet.Loaded();

    /// <summary>The rule-by-rule reference evaluator, on the first <see cref="SyntheticWorkload.ReferenceInputs"/> inputs.</summary>
    [Benchmark(OperationsPerInvoke = SyntheticWorkload.ReferenceInputs)]
    public int Reference() => _reference!.Run();
}
