using System;
using System.Globalization;
using RuleCompiler.Benchmarks.RuleSets.Shape;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>Prepares a synthetic rule set's workload and checks that its evaluators agree on every input.</summary>
public static class SyntheticWorkload
{
    /// <summary>Inputs per invocation of the generated and hand-written benchmarks (OperationsPerInvoke).</summary>
    public const int Inputs = 1024;

    /// <summary>Inputs per invocation of the reference evaluator: the first of the same inputs (they are in random order).</summary>
    public const int ReferenceInputs = 128;

    public static (SyntheticRuleSet Set, SyntheticInput[] Inputs) Prepare<TRuleSet>()
        where TRuleSet : struct, ISyntheticRuleSet
    {
        var set = SyntheticRuleSetBuilder.Build(TRuleSet.Policy, TRuleSet.Rules);
        var inputs = Workload.Build(set, Inputs);
        TRuleSet.Prepare(set, inputs);
        return (set, inputs);
    }

    /// <summary>
    /// A baseline that answers differently from the generated code would measure nothing: fail the setup. Checks the
    /// baseline, the table variant and the switch variant (the same code as the baseline where it is one of them).
    /// </summary>
    public static void AssertHandWrittenAgrees<TRuleSet>(SyntheticRuleSet set, SyntheticInput[] inputs)
        where TRuleSet : struct, ISyntheticRuleSet
    {
        for (var i = 0; i < inputs.Length; i++)
        {
            var generated = TRuleSet.GeneratedOutcome(i);
            var hand = TRuleSet.HandWrittenOutcome(i);
            if (generated != hand)
            {
                throw new InvalidOperationException(Disagreement(set, inputs[i], i, "hand-written " + TRuleSet.HandWrittenKind, hand, generated));
            }

            var table = TRuleSet.HandWrittenTableOutcome(i);
            if (generated != table)
            {
                throw new InvalidOperationException(Disagreement(set, inputs[i], i, "hand-written table", table, generated));
            }

            var handSwitch = TRuleSet.HandWrittenSwitchOutcome(i);
            if (generated != handSwitch)
            {
                throw new InvalidOperationException(Disagreement(set, inputs[i], i, "hand-written switch", handSwitch, generated));
            }
        }
    }

    /// <summary>The rule file loaded at run time must answer every input exactly as the generated code: fail the setup otherwise.</summary>
    public static void AssertLoadedAgrees<TRuleSet>(SyntheticRuleSet set, SyntheticInput[] inputs)
        where TRuleSet : struct, ISyntheticRuleSet
    {
        for (var i = 0; i < inputs.Length; i++)
        {
            var (generated, loaded) = (TRuleSet.GeneratedOutcome(i), TRuleSet.LoadedOutcome(i));
            if (generated != loaded)
            {
                throw new InvalidOperationException(Disagreement(set, inputs[i], i, "loaded", loaded, generated));
            }
        }
    }

    public static void AssertReferenceAgrees<TRuleSet>(SyntheticRuleSet set, SyntheticInput[] inputs, SyntheticReference reference)
        where TRuleSet : struct, ISyntheticRuleSet
    {
        for (var i = 0; i < reference.Count; i++)
        {
            var generated = TRuleSet.GeneratedOutcome(i);
            var expected = reference.OutcomeOf(i);
            if (generated != expected)
            {
                throw new InvalidOperationException(Disagreement(set, inputs[i], i, "reference evaluator", expected, generated));
            }
        }
    }

    /// <summary>How the workload splits: inputs a keyed rule decides, inputs only a catch-all holds for, inputs no rule holds for.</summary>
    public static string Describe(SyntheticRuleSet set, SyntheticInput[] inputs)
    {
        var (keyed, catchAll, none) = Workload.Mix(set, inputs);
        return string.Create(CultureInfo.InvariantCulture, $"{set.Name}: {inputs.Length} inputs: {keyed} hit a keyed rule, {catchAll} only a catch-all, {none} no rule");
    }

    private static string Disagreement(SyntheticRuleSet set, SyntheticInput input, int index, string other, Outcome otherOutcome, Outcome generated) =>
        $"{set.Name}, input #{index} {input}: the {other} answers {otherOutcome}, the generated code {generated}";
}
