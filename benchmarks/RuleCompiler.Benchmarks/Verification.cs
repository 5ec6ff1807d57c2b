using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using RuleCompiler.Benchmarks.Samples;
using RuleCompiler.Benchmarks.Synthetic;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// <c>--verify</c>: for every synthetic rule set built in, the generated code, the hand-written baseline and the reference
/// evaluator agree on every benchmark input; every sample's generated code agrees with the reference evaluator on its
/// inputs. The benchmarks' setups check the same (the reference on its share of the inputs) before measuring.
/// </summary>
public static class Verification
{
    public static int Run(TextWriter output)
    {
        var failures = 0;
        foreach (var instantiation in typeof(SyntheticBenchmarks<>).GetCustomAttributes<GenericTypeArgumentsAttribute>())
        {
            var ruleSet = instantiation.GenericTypeArguments[0];
            failures += Check(output, ruleSet.Name, () => typeof(Verification)
                .GetMethod(nameof(CheckRuleSet), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(ruleSet)
                .Invoke(null, [output]));
        }

        failures += Check(output, "samples", () =>
        {
            new SampleBenchmarks().Setup();
            output.WriteLine($"ok   samples: {string.Join(", ", SampleWorkload.Names)} agree with the reference evaluator on their {SampleWorkload.Inputs} inputs each");
        });
        output.WriteLine(failures == 0 ? "verify: every evaluator agrees on every input" : $"verify: {failures} failed");
        return failures == 0 ? 0 : 1;
    }

    private static void CheckRuleSet<TRuleSet>(TextWriter output)
        where TRuleSet : struct, ISyntheticRuleSet
    {
        var clock = Stopwatch.StartNew();
        var (set, inputs) = SyntheticWorkload.Prepare<TRuleSet>();
        SyntheticWorkload.AssertHandWrittenAgrees<TRuleSet>(set, inputs);
        SyntheticWorkload.AssertReferenceAgrees<TRuleSet>(set, inputs, new SyntheticReference(set, inputs));
        output.WriteLine($"ok   {SyntheticWorkload.Describe(set, inputs)} ({TRuleSet.HandWrittenKind} baseline; {clock.ElapsedMilliseconds} ms)");
    }

    private static int Check(TextWriter output, string name, Action check)
    {
        try
        {
            check();
            return 0;
        }
        catch (Exception exception)
        {
            var cause = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
            output.WriteLine($"FAIL {name}: {cause.Message}");
            return 1;
        }
    }
}
