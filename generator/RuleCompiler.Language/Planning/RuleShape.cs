using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Planning;

/// <summary>
/// A rule split for planning: the tests the DAG can decide by value class (equality, sets and ranges on
/// string, enum, bool and numeric fields, found among the condition's top-level conjuncts), and the rest.
/// </summary>
internal sealed class RuleShape
{
    private RuleShape(RuleModel rule, Dictionary<int, List<TestCondition>> indexed, List<Condition> residual, Dictionary<int, List<TestCondition>> residualIndexable, IReadOnlyList<FieldModel> inputs)
    {
        Rule = rule;
        Indexed = indexed;
        Residual = residual;
        ResidualIndexable = residualIndexable;
        IndexedFields = indexed.Keys.ToArray();

        // Computed once per rule rather than at every node the rule reaches: the planner asks for them at each one.
        Literals = new Dictionary<int, Value[]>();
        foreach (var field in IndexedFields.Concat(residualIndexable.Keys).Distinct())
        {
            var fromIndexed = indexed.TryGetValue(field, out var tests) ? tests : Enumerable.Empty<TestCondition>();
            var fromResidual = residualIndexable.TryGetValue(field, out var nested) ? nested : Enumerable.Empty<TestCondition>();
            Literals.Add(field, fromIndexed.Concat(fromResidual).SelectMany(test => test.Operands).ToArray());
        }

        var conjuncts = new List<Conjunct>();
        foreach (var pair in indexed.OrderBy(p => p.Key))
        {
            conjuncts.AddRange(pair.Value.Select(test => new Conjunct(test, pair.Key, CheckCost.Of(test, inputs))));
        }

        conjuncts.AddRange(residual.Select(condition => new Conjunct(condition, -1, CheckCost.Of(condition, inputs))));
        Conjuncts = conjuncts.ToArray();
    }

    public RuleModel Rule { get; }

    /// <summary>Indexable tests by field; every one of them must hold.</summary>
    public Dictionary<int, List<TestCondition>> Indexed { get; }

    /// <summary>Conjuncts left for the leaf: other operators, ignore-case tests, any / not.</summary>
    public List<Condition> Residual { get; }

    /// <summary>Indexable tests nested in the residual (under any / not), by field: their literals refine that field's classes.</summary>
    public Dictionary<int, List<TestCondition>> ResidualIndexable { get; }

    /// <summary>The fields of <see cref="Indexed"/>.</summary>
    public int[] IndexedFields { get; }

    /// <summary>By field, the operands of the indexable tests on it: those of <see cref="Indexed"/>, then those nested in the residual.</summary>
    public Dictionary<int, Value[]> Literals { get; }

    /// <summary>What a leaf may have left to check: the indexed tests by field, then the residual, each with its cost.</summary>
    public Conjunct[] Conjuncts { get; }

    /// <summary>Whether the rule surely holds once every field it indexes has been read.</summary>
    public bool DecidedBy(bool[] read)
    {
        if (Residual.Count > 0)
        {
            return false;
        }

        foreach (var field in IndexedFields)
        {
            if (!read[field])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the rule tests one of the fields read, at the top level or nested in its residual: whether the path filtered it.</summary>
    public bool Reads(bool[] read)
    {
        foreach (var field in IndexedFields)
        {
            if (read[field])
            {
                return true;
            }
        }

        foreach (var field in ResidualIndexable.Keys)
        {
            if (read[field])
            {
                return true;
            }
        }

        return false;
    }

    public static RuleShape Of(RuleModel rule, IReadOnlyList<FieldModel> inputs)
    {
        var indexed = new Dictionary<int, List<TestCondition>>();
        var residual = new List<Condition>();
        foreach (var conjunct in Flatten(rule.When))
        {
            if (conjunct is TestCondition test && IsIndexable(test, inputs[test.Field].Type))
            {
                if (!indexed.TryGetValue(test.Field, out var list))
                {
                    indexed.Add(test.Field, list = new List<TestCondition>());
                }

                list.Add(test);
            }
            else
            {
                residual.Add(conjunct);
            }
        }

        var residualIndexable = residual.SelectMany(condition => condition.Tests())
            .Where(test => IsIndexable(test, inputs[test.Field].Type))
            .GroupBy(test => test.Field)
            .ToDictionary(group => group.Key, group => group.ToList());
        return new RuleShape(rule, indexed, residual, residualIndexable, inputs);
    }

    /// <summary>
    /// Whether a switch on the test's field can decide it: by its operator's entry, equality tests on any scalar field
    /// (not under ignore-case) and range tests on ordered ones.
    /// </summary>
    public static bool IsIndexable(TestCondition test, FieldType type)
    {
        var info = type.Info();
        return test.Operator.Info().Indexing switch
        {
            Indexing.Equality => info.Kind != ValueKind.TextList && !test.IgnoreCase,
            Indexing.Range => info.IsOrdered,
            Indexing.None => false,
            _ => throw new System.ArgumentOutOfRangeException(nameof(test), test.Operator, "unknown indexing"),
        };
    }

    private static IEnumerable<Condition> Flatten(Condition condition)
    {
        if (condition is AllCondition all)
        {
            foreach (var item in all.Items)
            {
                foreach (var inner in Flatten(item))
                {
                    yield return inner;
                }
            }
        }
        else
        {
            yield return condition;
        }
    }
}

/// <summary>A top-level conjunct of a rule: its field when it is an indexed test (-1 for the residual) and its check cost.</summary>
internal readonly record struct Conjunct(Condition Condition, int Field, int Cost);
