using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// The build-time guarantees of <c>hit: unique</c> (no two rules can hold for one input) and <c>hit: any</c>
/// (rules that can hold together give equal outputs), each overlap reported with an input that shows it.
/// </summary>
public static class PolicyChecks
{
    public static void Run(RuleSetModel model, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (model.Hit is not (HitPolicy.Unique or HitPolicy.Any))
        {
            return;
        }

        var finder = new WitnessFinder(model);
        var rules = model.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var j = i + 1; j < rules.Count; j++)
            {
                var (first, second) = (rules[i], rules[j]);
                if (model.Hit == HitPolicy.Any && first.Then.Equals(second.Then))
                {
                    continue;
                }

                if (DisjointByEquality(first.When, second.When))
                {
                    continue;
                }

                switch (finder.FindCommonInput(first.When, second.When, out var witness, out var whyUnknown))
                {
                    case Satisfiability.Satisfiable:
                        var fields = WitnessFinder.FieldsOf(first.When).Concat(WitnessFinder.FieldsOf(second.When));
                        var yaml = WitnessFinder.ToYaml(model, witness!, fields);
                        var kind = model.Hit == HitPolicy.Unique ? DiagnosticCatalog.UniqueOverlap : DiagnosticCatalog.AnyConflict;
                        diagnostics.Add(kind.At(second.Span, first.Id, second.Id, yaml));
                        break;
                    case Satisfiability.Unknown:
                        var undecided = model.Hit == HitPolicy.Unique ? DiagnosticCatalog.UniqueUndecided : DiagnosticCatalog.AnyUndecided;
                        diagnostics.Add(undecided.At(second.Span, first.Id, second.Id, whyUnknown!));
                        break;
                }
            }
        }
    }

    // A fast, exact shortcut for the common lookup shape: both rules require a value from disjoint literal sets on one field.
    private static bool DisjointByEquality(Condition left, Condition right)
    {
        var leftSets = TopLevelSets(left);
        if (leftSets.Count == 0)
        {
            return false;
        }

        foreach (var pair in TopLevelSets(right))
        {
            if (leftSets.TryGetValue(pair.Key, out var other) && !other.Overlaps(pair.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<int, HashSet<Value>> TopLevelSets(Condition condition)
    {
        var sets = new Dictionary<int, HashSet<Value>>();
        var conjuncts = condition is AllCondition all ? all.Items.ToList() : new List<Condition> { condition };
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is TestCondition { Operator: TestOperator.Eq or TestOperator.In, IgnoreCase: false } test
                && test.Operands[0].Type is not (FieldType.Double or FieldType.Decimal))
            {
                var values = new HashSet<Value>(test.Operands);
                if (sets.TryGetValue(test.Field, out var existing))
                {
                    existing.IntersectWith(values);
                }
                else
                {
                    sets.Add(test.Field, values);
                }
            }
        }

        return sets;
    }
}
