using System;
using System.Collections.Generic;
using System.Linq;
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
public sealed partial class Planner
{
    /// <summary>Fewer candidates than this are checked in a leaf: a check or two costs less than a switch.</summary>
    private const int MinCandidatesToSplit = 4;

    /// <summary>A switch must leave its average class at most this share of the candidates, or it is not worth its code.</summary>
    private const double MaxChildShare = 0.8;

    private readonly RuleSetModel _model;
    private readonly CancellationToken _cancellationToken;
    private readonly RuleShape[] _shapes;
    private readonly Predicates _predicates;
    private readonly bool _firstWins;
    private readonly Dictionary<NodeKey, int> _memo = new();
    private readonly List<PlanNode?> _nodes = new();
    private long _budget;
    private int _maxDepth = int.MaxValue;

    private readonly long _initialBudget;

    private Planner(RuleSetModel model, Predicates predicates, long budget, CancellationToken cancellationToken)
    {
        _model = model;
        _predicates = predicates;
        _cancellationToken = cancellationToken;
        _initialBudget = budget;
        _firstWins = model.Hit.Info().SingleResult;
        _shapes = model.Rules.Select(rule => RuleShape.Of(rule, model.Inputs)).ToArray();
    }

    /// <summary>The default work budget: candidate-set entries summed over all switch nodes.</summary>
    public static long DefaultBudget(RuleSetModel model) => (64L * model.Rules.Count) + 10_000;

    public static Plan Build(RuleSetModel model, CancellationToken cancellationToken) => Build(model, new Predicates(), DefaultBudget(model), cancellationToken);

    /// <param name="model">The bound rule set.</param>
    /// <param name="predicates">The compilation's one <see cref="Predicates"/>, shared with the analysis (each regex built once).</param>
    /// <param name="cancellationToken">Checked per node.</param>
    public static Plan Build(RuleSetModel model, Predicates predicates, CancellationToken cancellationToken) => Build(model, predicates, DefaultBudget(model), cancellationToken);

    public static Plan Build(RuleSetModel model, long budget, CancellationToken cancellationToken) => Build(model, new Predicates(), budget, cancellationToken);

    public static Plan Build(RuleSetModel model, Predicates predicates, long budget, CancellationToken cancellationToken) =>
        new Planner(model, predicates, budget, cancellationToken).Run();

    /// <summary>Rule indices in the order the hit policy prefers them: the first that holds wins.</summary>
    public static int[] RankOrder(RuleSetModel model)
    {
        return model.Hit.Info().InRankOrder(model.Rules).Select(r => r.Index).ToArray();
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

        var nodes = InlineUnsharedTails(_nodes.Select(n => n!).ToList());
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
        var key = new NodeKey(candidates, read);
        if (_memo.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var id = Reserve();
        _memo.Add(key, id);
        Charge(candidates.Length);
        if (SharedTailStart(candidates, read) is var tail and > 0)
        {
            var rest = Build(candidates.Skip(tail).ToArray(), read, depth);
            _nodes[id] = MakeLeaf(id, candidates.Take(tail).ToArray(), read) with { Fallthrough = rest };
            return id;
        }

        var split = candidates.Length < MinCandidatesToSplit || depth >= _maxDepth ? null : ChooseSplit(candidates, read);
        if (split is null)
        {
            _nodes[id] = MakeLeaf(id, candidates, read);
            return id;
        }

        var nextRead = (bool[])read.Clone();
        nextRead[split.Field] = true;
        var classes = split.Classes;
        var targets = new int[classes.Representatives.Count];
        var members = split.Members();
        for (var c = 0; c < targets.Length; c++)
        {
            members.MoveNext();
            targets[c] = members.Current is { } classMembers ? Build(classMembers, nextRead, depth + 1) : -1;
        }

        // Classes no value reaches (an empty integer interval) go wherever a neighbour goes.
        var fallback = targets.First(t => t >= 0);
        for (var c = 0; c < targets.Length; c++)
        {
            targets[c] = targets[c] < 0 ? fallback : targets[c];
        }

        _nodes[id] = classes.IsRange
            ? new RangeSwitch(id, split.Field, classes.Points.ToEquatableArray(), targets.ToEquatableArray())
            : new DiscreteSwitch(id, split.Field, classes.Keys.ToEquatableArray(), targets.Take(classes.Keys.Count).ToEquatableArray(), targets[classes.Keys.Count]);
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
            if (_shapes[candidates[i]].DecidedBy(read))
            {
                return i == candidates.Length - 1 ? candidates : candidates.Take(i + 1).ToArray();
            }
        }

        return candidates;
    }

    /// <summary>
    /// Where the candidates that no field read so far constrains begin, when fewer than
    /// <see cref="MinCandidatesToSplit"/> come before them and the path has read a field; 0 otherwise. Those rules
    /// (a rule set's late catch-alls, say) are the same for every sibling of this node: planned as one node that the
    /// leaves of all siblings fall through to, they are written once instead of once per leaf.
    /// </summary>
    private int SharedTailStart(int[] candidates, bool[] read)
    {
        if (System.Array.IndexOf(read, true) < 0)
        {
            return 0;
        }

        var start = candidates.Length;
        while (start > 0 && !_shapes[candidates[start - 1]].Reads(read))
        {
            start--;
        }

        return start > 0 && start < candidates.Length && start < MinCandidatesToSplit ? start : 0;
    }

    /// <summary>
    /// The unread field to switch on: the one most candidates test, provided it discriminates (its average class
    /// keeps at most <see cref="MaxChildShare"/> of the candidates). Null when no field is worth a switch.
    /// </summary>
    private Split? ChooseSplit(int[] candidates, bool[] read)
    {
        var tried = (bool[])read.Clone();
        while (ChooseField(candidates, tried) is var field && field >= 0)
        {
            tried[field] = true;
            var split = new Split(this, candidates, field, ValueClasses.For(_model.Inputs[field], LiteralsOf(candidates, field)));
            if (split.AverageClassSize <= MaxChildShare * candidates.Length)
            {
                return split;
            }
        }

        return null;
    }

    private int ChooseField(int[] candidates, bool[] read)
    {
        var counts = new int[_model.Inputs.Count];
        foreach (var rule in candidates)
        {
            foreach (var field in _shapes[rule].IndexedFields)
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

    private List<Value> LiteralsOf(int[] candidates, int field)
    {
        var literals = new List<Value>();
        foreach (var rule in candidates)
        {
            if (_shapes[rule].Literals.TryGetValue(field, out var values))
            {
                literals.AddRange(values);
            }
        }

        return literals;
    }

    private Leaf MakeLeaf(int id, int[] candidates, bool[] read)
    {
        var result = new LeafCandidate[candidates.Length];
        var remaining = new List<Conjunct>();
        for (var i = 0; i < candidates.Length; i++)
        {
            var rule = candidates[i];

            // What the path did not read: indexed tests of unread fields (by field), then the residual.
            remaining.Clear();
            foreach (var conjunct in _shapes[rule].Conjuncts)
            {
                if (conjunct.Field < 0 || !read[conjunct.Field])
                {
                    remaining.Add(conjunct);
                }
            }

            // Cheapest first (stable, so equal costs keep the file's order): && stops at the first test that fails.
            if (remaining.Count > 16)
            {
                var sorted = remaining.OrderBy(c => c.Cost).ToList();
                remaining.Clear();
                remaining.AddRange(sorted);
            }

            for (var j = 1; j < remaining.Count; j++)
            {
                var item = remaining[j];
                var k = j - 1;
                while (k >= 0 && remaining[k].Cost > item.Cost)
                {
                    remaining[k + 1] = remaining[k];
                    k--;
                }

                remaining[k + 1] = item;
            }

            var check = remaining.Count switch
            {
                0 => null,
                1 => remaining[0].Condition,
                _ => new AllCondition(remaining.Select(c => c.Condition).ToEquatableArray()),
            };
            result[i] = new LeafCandidate(rule, check);
        }

        return new Leaf(id, new EquatableArray<LeafCandidate>(result));
    }

    private sealed class BudgetExceededException : Exception
    {
    }
}
