using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Planning;

/// <summary>
/// The plan stage: builds the decision DAG generated code walks.
/// <list type="bullet">
/// <item>Each node holds the rules still possible, in the hit policy's rank order, and the fields already read.</item>
/// <item>A switch node reads one field and partitions its values into classes induced by the literals of the
/// rules still possible there, so a node with five candidate rules switches over at most their literals.</item>
/// <item>Identical subproblems (same rules, same fields read) are built once and shared.</item>
/// <item>For first-wins policies a node stops descending once its best rule is decided: rules ranked after a
/// rule that surely holds are dropped.</item>
/// <item>Size is bounded linearly in the rule set's size: every node's candidates count against a budget. A DAG that
/// would outgrow it is replanned with a single switch, and if even that would, as one leaf checking rules in rank
/// order (see <see cref="PlanStrategy"/>). Generated code stays about linear in size whatever the rules' shape.</item>
/// </list>
/// </summary>
public sealed class Planner
{
    /// <summary>Fewer candidates than this are checked in a leaf: a check or two costs less than a switch.</summary>
    private const int MinCandidatesToSplit = 4;

    /// <summary>A switch must leave its average class at most this share of the candidates, or it is not worth its code.</summary>
    private const double MaxChildShare = 0.8;

    private readonly RuleSetModel _model;
    private readonly CancellationToken _cancellationToken;
    private readonly RuleShape[] _shapes;
    private readonly Predicates _predicates = new();
    private readonly bool _firstWins;
    private readonly Dictionary<string, int> _memo = new(StringComparer.Ordinal);
    private readonly List<PlanNode?> _nodes = new();
    private long _budget;
    private int _maxDepth = int.MaxValue;

    private readonly long _initialBudget;

    private Planner(RuleSetModel model, long budget, CancellationToken cancellationToken)
    {
        _model = model;
        _cancellationToken = cancellationToken;
        _initialBudget = budget;
        _firstWins = model.Hit != HitPolicy.Collect;
        _shapes = model.Rules.Select(rule => RuleShape.Of(rule, model.Inputs)).ToArray();
    }

    /// <summary>The default work budget: candidate-set entries summed over all switch nodes.</summary>
    public static long DefaultBudget(RuleSetModel model) => (64L * model.Rules.Count) + 10_000;

    public static Plan Build(RuleSetModel model, CancellationToken cancellationToken) => Build(model, DefaultBudget(model), cancellationToken);

    public static Plan Build(RuleSetModel model, long budget, CancellationToken cancellationToken) =>
        new Planner(model, budget, cancellationToken).Run();

    /// <summary>Rule indices in the order the hit policy prefers them: the first that holds wins.</summary>
    public static int[] RankOrder(RuleSetModel model)
    {
        var rules = model.Rules.ToList();
        IEnumerable<RuleModel> ordered = model.Hit switch
        {
            HitPolicy.Priority => rules.OrderByDescending(r => r.Priority).ThenBy(r => r.Index),
            HitPolicy.OutputPriority => rules.OrderBy(r => r.Then[0].Integer).ThenBy(r => r.Index),
            _ => rules,
        };
        return ordered.Select(r => r.Index).ToArray();
    }

    private Plan Run()
    {
        var rank = RankOrder(_model);
        var strategy = PlanStrategy.DecisionDag;
        foreach (var attempt in new[] { PlanStrategy.DecisionDag, PlanStrategy.SingleSwitch, PlanStrategy.Linear })
        {
            strategy = attempt;
            _memo.Clear();
            _nodes.Clear();
            _budget = attempt == PlanStrategy.Linear ? long.MaxValue : _initialBudget;
            _maxDepth = attempt switch
            {
                PlanStrategy.DecisionDag => int.MaxValue,
                PlanStrategy.SingleSwitch => 1,
                _ => 0,
            };
            try
            {
                _ = Build(rank, new bool[_model.Inputs.Count], depth: 0); // the first node built is the root, node 0
                break;
            }
            catch (BudgetExceededException)
            {
            }
        }

        var nodes = _nodes.Select(n => n!).ToList();
        var switches = nodes.Count(n => n is not Leaf);
        var leaves = nodes.OfType<Leaf>().ToList();
        var statistics = new PlanStatistics(switches, leaves.Count, leaves.Sum(l => l.Candidates.Count(c => c.Check is not null)), strategy);
        return new Plan(nodes.ToEquatableArray(), statistics);
    }

    private void Charge(int entries)
    {
        _budget -= entries;
        if (_budget < 0)
        {
            throw new BudgetExceededException();
        }
    }

    private int Build(int[] candidates, bool[] read, int depth)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        candidates = _firstWins ? TruncateAfterDecided(candidates, read) : candidates;
        var key = Key(candidates, read);
        if (_memo.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var id = Reserve();
        _memo.Add(key, id);
        Charge(candidates.Length);
        var (field, classes, classMembers) = candidates.Length < MinCandidatesToSplit || depth >= _maxDepth ? (-1, null, null) : ChooseSplit(candidates, read);
        if (field < 0)
        {
            _nodes[id] = MakeLeaf(id, candidates, read);
            return id;
        }

        var nextRead = (bool[])read.Clone();
        nextRead[field] = true;
        var targets = new int[classMembers!.Count];
        for (var c = 0; c < classMembers.Count; c++)
        {
            targets[c] = classMembers[c] is { } members ? Build(members, nextRead, depth + 1) : -1;
        }

        // Classes no value reaches (an empty integer interval) go wherever a neighbour goes.
        var fallback = targets.First(t => t >= 0);
        for (var c = 0; c < targets.Length; c++)
        {
            targets[c] = targets[c] < 0 ? fallback : targets[c];
        }

        _nodes[id] = classes!.IsRange
            ? new RangeSwitch(id, field, classes.Points.ToEquatableArray(), targets.ToEquatableArray())
            : new DiscreteSwitch(id, field, classes.Keys.ToEquatableArray(), targets.Take(classes.Keys.Count).ToEquatableArray(), targets[classes.Keys.Count]);
        return id;
    }

    private int Reserve()
    {
        _nodes.Add(null);
        return _nodes.Count - 1;
    }

    // Rules ranked after one that holds for sure (no test left to read, nothing residual) can never win.
    private int[] TruncateAfterDecided(int[] candidates, bool[] read)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            var shape = _shapes[candidates[i]];
            if (shape.Residual.Count == 0 && shape.Indexed.Keys.All(f => read[f]))
            {
                return i == candidates.Length - 1 ? candidates : candidates.Take(i + 1).ToArray();
            }
        }

        return candidates;
    }

    /// <summary>
    /// The unread field to switch on: the one most candidates test, provided it discriminates (its average class
    /// keeps at most <see cref="MaxChildShare"/> of the candidates). -1 when no field is worth a switch.
    /// </summary>
    private (int Field, ValueClasses? Classes, List<int[]?>? Members) ChooseSplit(int[] candidates, bool[] read)
    {
        var tried = (bool[])read.Clone();
        while (ChooseField(candidates, tried) is var field && field >= 0)
        {
            tried[field] = true;
            var classes = ValueClasses.For(_model.Inputs[field], LiteralsOf(candidates, field));
            var members = Partition(candidates, field, classes);
            var reachable = members.Where(m => m is not null).ToList();
            var average = reachable.Average(m => m!.Length);
            if (average <= MaxChildShare * candidates.Length)
            {
                return (field, classes, members);
            }
        }

        return (-1, null, null);
    }

    private int ChooseField(int[] candidates, bool[] read)
    {
        var counts = new int[_model.Inputs.Count];
        foreach (var rule in candidates)
        {
            foreach (var field in _shapes[rule].Indexed.Keys)
            {
                if (!read[field])
                {
                    counts[field]++;
                }
            }
        }

        var best = -1;
        for (var field = 0; field < counts.Length; field++)
        {
            if (counts[field] > 0 && (best < 0 || counts[field] > counts[best]))
            {
                best = field;
            }
        }

        return best;
    }

    private IEnumerable<Value> LiteralsOf(int[] candidates, int field)
    {
        foreach (var rule in candidates)
        {
            var shape = _shapes[rule];
            var sources = new[] { shape.Indexed, shape.ResidualIndexable };
            foreach (var source in sources)
            {
                if (source.TryGetValue(field, out var tests))
                {
                    foreach (var test in tests)
                    {
                        foreach (var operand in test.Operands)
                        {
                            yield return operand;
                        }
                    }
                }
            }
        }
    }

    /// <summary>For each class, the candidates (in rank order) whose tests on the field hold for it; null for an empty class.</summary>
    private List<int[]?> Partition(int[] candidates, int field, ValueClasses classes)
    {
        var count = classes.Representatives.Count;
        var members = new List<int>[count];
        for (var c = 0; c < count; c++)
        {
            members[c] = new List<int>();
        }

        var keyIndex = classes.IsRange ? null : classes.Keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
        var type = _model.Inputs[field].Type;
        foreach (var rule in candidates)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var shape = _shapes[rule];
            var residualDependsOnField = shape.ResidualIndexable.ContainsKey(field);
            if (!shape.Indexed.TryGetValue(field, out var tests))
            {
                tests = new List<TestCondition>();
            }

            // The lookup shape (one eq or in): only the named classes admit the rule; no need to test every class.
            if (keyIndex is not null && !residualDependsOnField && tests.Count == 1 && tests[0].Operator is TestOperator.Eq or TestOperator.In)
            {
                foreach (var operand in tests[0].Operands.Distinct())
                {
                    members[keyIndex[operand]].Add(rule);
                }

                continue;
            }

            for (var c = 0; c < count; c++)
            {
                if (classes.Representatives[c] is { } representative
                    && tests.All(test => _predicates.Holds(test, representative))
                    && (!residualDependsOnField || !shape.Residual.Any(r => PartialEvaluation.Evaluate(r, field, representative, type, _predicates) == Truth.False)))
                {
                    members[c].Add(rule);
                }
            }
        }

        return members.Select((list, c) => classes.Representatives[c] is null ? null : list.ToArray()).ToList();
    }

    private Leaf MakeLeaf(int id, int[] candidates, bool[] read)
    {
        var result = new List<LeafCandidate>(candidates.Length);
        foreach (var rule in candidates)
        {
            var shape = _shapes[rule];
            var remaining = new List<Condition>();
            foreach (var pair in shape.Indexed.OrderBy(p => p.Key))
            {
                if (!read[pair.Key])
                {
                    remaining.AddRange(pair.Value);
                }
            }

            remaining.AddRange(shape.Residual);

            // Cheapest first (stable, so equal costs keep the file's order): && stops at the first test that fails.
            var inputs = _model.Inputs.ToArray();
            remaining = remaining.Select((condition, order) => (condition, order))
                .OrderBy(p => CheckCost.Of(p.condition, inputs))
                .ThenBy(p => p.order)
                .Select(p => p.condition)
                .ToList();
            var check = remaining.Count switch
            {
                0 => null,
                1 => remaining[0],
                _ => new AllCondition(remaining.ToEquatableArray()),
            };
            result.Add(new LeafCandidate(rule, check));
        }

        return new Leaf(id, result.ToEquatableArray());
    }

    private static string Key(int[] candidates, bool[] read)
    {
        var builder = new StringBuilder(candidates.Length * 4 + read.Length + 1);
        foreach (var flag in read)
        {
            builder.Append(flag ? '1' : '0');
        }

        builder.Append('|');
        foreach (var rule in candidates)
        {
            builder.Append(rule).Append(',');
        }

        return builder.ToString();
    }

    private sealed class BudgetExceededException : Exception
    {
    }
}
