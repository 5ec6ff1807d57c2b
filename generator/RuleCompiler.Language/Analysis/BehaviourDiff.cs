using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

public enum DiffVerdict
{
    /// <summary>Proven: every input gets the same decision from both rule sets.</summary>
    Unchanged,

    /// <summary>At least one input, checked with both reference evaluators, gets different decisions.</summary>
    Changed,

    /// <summary>No difference was found, but some case could not be decided: never reported as unchanged.</summary>
    NotProven,
}

/// <summary>
/// What a rule set decides for one input: the rules that decided (one, none for the no-match output, or every rule
/// that holds under <c>collect</c>) and the outputs (one row, or one per holding rule under plain <c>collect</c>).
/// <see cref="Failure"/> is set when computing an output throws (§10).
/// </summary>
public sealed record Decision(EquatableArray<string> Rules, EquatableArray<EquatableArray<Value>> Rows, string? Failure)
{
    /// <summary>Whether two decisions give the same outputs (the rule ids that decide are not behaviour: renaming a rule changes none).</summary>
    public bool SameOutputs(Decision other) => Rows.Equals(other.Rows) && Failure == other.Failure;
}

/// <summary>An input whose decision differs, with both decisions, as both reference evaluators gave them.</summary>
public sealed record BehaviourChange(EquatableArray<Value> Input, EquatableArray<int> Fields, string InputYaml, Decision Old, Decision New);

/// <summary>A case the solver could not decide: which outcomes it compared and why it could not.</summary>
public sealed record UnprovenCase(string Case, string Why);

/// <summary>The semantic diff of two rule sets over the same inputs (<see cref="BehaviourDiff.Compare"/>).</summary>
public sealed record BehaviourDiffResult(
    RuleSetModel Old,
    RuleSetModel New,
    EquatableArray<BehaviourChange> Changes,
    int Found,
    EquatableArray<UnprovenCase> Unproven,
    int Queries)
{
    public DiffVerdict Verdict => Changes.Count > 0 ? DiffVerdict.Changed : Unproven.Count > 0 ? DiffVerdict.NotProven : DiffVerdict.Unchanged;
}

/// <summary>
/// Whether two rule sets decide alike for every input (<c>rulec diff</c>, Cedar's <c>analyze compare</c>), modelled on
/// <see cref="RestrictOnlyProof"/>: one solver query per pair of outcomes (an old rule winning, or none; a new rule
/// winning, or none) whose outputs differ, asking for an input where the old rule set decides the one and the new the
/// other. An input the solver finds is run through both reference evaluators and reported only when their decisions
/// differ; a query the solver cannot decide is an <see cref="UnprovenCase"/>. "Unchanged" only when every query is
/// proven unsatisfiable.
/// </summary>
/// <remarks>
/// Both models come from one bind (<see cref="RuleSetUnion"/>), so their input fields are the same. Outputs are
/// compared as the rule file writes them: two rules whose outputs are the same literals, or the same computation,
/// decide alike; any other pair is a query. Under <c>collect</c>, a query per rule asks for an input where it holds
/// and no rule of the other set with the same outputs holds; that finds every difference in the set of outputs, not in
/// their order or count, so a collect rule set whose rules changed is at best <see cref="DiffVerdict.NotProven"/>.
/// </remarks>
public static class BehaviourDiff
{
    /// <param name="old">The old rule set (its hit policy, rules and no-match output).</param>
    /// <param name="new">The new rule set, over the same <see cref="RuleSetModel.Inputs"/> as <paramref name="old"/>.</param>
    /// <param name="maxChanges">At most this many changes are listed; the rest are counted (<see cref="BehaviourDiffResult.Found"/>).</param>
    /// <param name="probes">
    /// Inputs to try as well, over <paramref name="new"/>'s inputs (<see cref="Probes"/>: the files' own <c>tests:</c>):
    /// where the solver cannot decide a test (a regex), a case an author wrote still shows a change, confirmed as any
    /// witness is. They can only find changes, never prove there is none.
    /// </param>
    public static BehaviourDiffResult Compare(RuleSetModel old, RuleSetModel @new, IEnumerable<Value[]> probes, Predicates predicates, AnalysisBudget budget, int maxChanges)
    {
        var run = new Comparison(old, @new, predicates, budget, maxChanges);
        if (Identical(old, @new))
        {
            return run.Result();
        }

        if (old.Hit.Info().SingleResult && @new.Hit.Info().SingleResult && old.Aggregate == Aggregate.None && @new.Aggregate == Aggregate.None)
        {
            run.CompareWinners();
        }
        else
        {
            run.CompareCollected();
        }

        foreach (var probe in probes)
        {
            run.Probe(probe);
        }

        return run.Result();
    }

    /// <summary>
    /// The inputs of <paramref name="from"/>'s <c>tests:</c> over <paramref name="to"/>'s inputs (by name; an input
    /// <paramref name="from"/> does not read is its zero value, a map key absent).
    /// </summary>
    public static IEnumerable<Value[]> Probes(RuleSetModel from, RuleSetModel to)
    {
        var index = from.Inputs.ToDictionary(field => field.Name, field => field.Index);
        return from.Tests.Select(test => to.Inputs
            .Select(field => index.TryGetValue(field.Name, out var i) && from.Inputs[i].Type == field.Type ? test.Input[i]
                : field.IsMapKey ? Value.String(null!) : Value.Zero(field.Type))
            .ToArray());
    }

    /// <summary>The same policy, rules (conditions, priorities, outputs, in order) and no-match output: nothing to solve.</summary>
    private static bool Identical(RuleSetModel old, RuleSetModel @new) =>
        old.Hit == @new.Hit && old.Aggregate == @new.Aggregate && old.Rules.Count == @new.Rules.Count
        && OutputValue.AllSame(old.NoMatchOutputs, @new.NoMatchOutputs)
        && old.Rules.Zip(@new.Rules, (a, b) => a.When.Equals(b.When) && a.Priority == b.Priority && OutputValue.AllSame(a.Then, b.Then)).All(same => same);

    /// <summary>What a rule set decides for <paramref name="input"/>, by its reference evaluator.</summary>
    public static Decision Decide(RuleSetModel model, ReferenceEvaluator evaluator, IReadOnlyList<Value> input)
    {
        var rules = EquatableArray<string>.Empty;
        try
        {
            if (!model.Hit.Info().SingleResult && model.Aggregate == Aggregate.None)
            {
                var holding = evaluator.HoldingRules(input);
                return new Decision(
                    holding.Select(index => model.Rules[index].Id).ToEquatableArray(),
                    holding.Select(index => evaluator.Outputs(index, input)).ToEquatableArray(),
                    null);
            }

            rules = model.Hit.Info().SingleResult
                ? (evaluator.Winner(input) is var winner && winner >= 0 ? new[] { model.Rules[winner].Id } : Array.Empty<string>()).ToEquatableArray()
                : evaluator.HoldingRules(input).Select(index => model.Rules[index].Id).ToEquatableArray();
            var result = evaluator.Evaluate(input);
            return new Decision(rules, new[] { result.Outputs }.ToEquatableArray(), null);
        }
        catch (Exception exception) when (exception is OverflowException or DivideByZeroException)
        {
            return new Decision(rules, EquatableArray<EquatableArray<Value>>.Empty, exception.GetType().Name + " computing an output");
        }
    }

    /// <summary>One comparison's solver, evaluators and findings.</summary>
    private sealed class Comparison
    {
        private readonly RuleSetModel _old;
        private readonly RuleSetModel _new;
        private readonly ConditionSolver _solver;
        private readonly ReferenceEvaluator _oldEvaluator;
        private readonly ReferenceEvaluator _newEvaluator;
        private readonly int _maxChanges;
        private readonly List<BehaviourChange> _changes = new();
        private readonly List<UnprovenCase> _unproven = new();
        private readonly HashSet<(EquatableArray<string>, EquatableArray<string>)> _seen = new();
        private readonly Dictionary<(string, bool), string?> _examples = new();
        private int _found;
        private int _queries;

        public Comparison(RuleSetModel old, RuleSetModel @new, Predicates predicates, AnalysisBudget budget, int maxChanges)
        {
            _old = old;
            _new = @new;
            _solver = new ConditionSolver(@new.Inputs, predicates, budget, RegexExamples);
            _oldEvaluator = new ReferenceEvaluator(old, predicates);
            _newEvaluator = new ReferenceEvaluator(@new, predicates);
            _maxChanges = maxChanges;
        }

        /// <summary>
        /// Guesses for a field whose regexes the solver does not decide: a shortest text each matches, alone and
        /// between other text (a pattern anchored or not), each pattern's computed once per comparison.
        /// </summary>
        private IEnumerable<Value> RegexExamples(FieldModel field, IReadOnlyList<TestCondition> tests)
        {
            foreach (var test in tests.Where(test => test.Operator == TestOperator.Regex))
            {
                var pattern = test.Operands[0].AsString;
                if (!_examples.TryGetValue((pattern, test.IgnoreCase), out var example))
                {
                    example = Patterns.PatternExamples.Shortest(pattern, test.IgnoreCase);
                    _examples[(pattern, test.IgnoreCase)] = example;
                }

                if (example is not null)
                {
                    yield return Value.String(example);
                    yield return Value.String("x " + example + " x");
                }
            }
        }

        public BehaviourDiffResult Result() =>
            new(_old, _new, _changes.ToEquatableArray(), _found, _unproven.ToEquatableArray(), _queries);

        /// <summary>
        /// Single-result policies: each pair of outcomes with different outputs, one query, except pairs that cannot
        /// differ: two rules both sets keep unchanged (<see cref="Kept"/>), or a kept rule and no rule.
        /// </summary>
        public void CompareWinners()
        {
            var kept = Kept();
            var newOutcomes = Outcomes(_new).ToList();
            foreach (var (oldRule, oldWins, oldThen) in Outcomes(_old))
            {
                foreach (var (newRule, newWins, newThen) in newOutcomes)
                {
                    var oldKept = oldRule is not null && kept.Old.Contains(oldRule.Index);
                    var newKept = newRule is not null && kept.New.Contains(newRule.Index);
                    if (OutputValue.AllSame(oldThen, newThen)
                        || (oldKept && (newKept || newRule is null)) || (newKept && oldRule is null)
                        || (oldRule is not null && newRule is not null && Disjoint(oldRule.When, newRule.When)))
                    {
                        continue;
                    }

                    Query(oldWins.Concat(newWins).ToList(), $"old {Name(oldRule)} and new {Name(newRule)}");
                }
            }
        }

        /// <summary>
        /// The rules both sets keep: the same condition, priority and outputs (as the rule file writes them; ids may
        /// differ), paired in file order, under the same policy, and ranked alike against every other kept rule they
        /// can hold with. Where only kept rules hold, both sets hold the same rules and rank them alike, so they pick
        /// the same one: a difference needs a rule that is not kept to win on one side (or no rule on both).
        /// </summary>
        private (HashSet<int> Old, HashSet<int> New) Kept()
        {
            var kept = (Old: new HashSet<int>(), New: new HashSet<int>());
            if (_old.Hit != _new.Hit)
            {
                return kept;
            }

            var unpaired = _old.Rules.GroupBy(Key).ToDictionary(group => group.Key, group => new Queue<RuleModel>(group));
            var pairs = new List<(RuleModel Old, RuleModel New)>();
            foreach (var rule in _new.Rules)
            {
                if (unpaired.TryGetValue(Key(rule), out var candidates) && candidates.Count > 0)
                {
                    pairs.Add((candidates.Dequeue(), rule));
                }
            }

            var policy = _old.Hit.Info();
            var dropped = new HashSet<int>();
            for (var a = 0; a < pairs.Count; a++)
            {
                for (var b = a + 1; b < pairs.Count; b++)
                {
                    if (policy.Outranks(pairs[a].Old, pairs[b].Old) != policy.Outranks(pairs[a].New, pairs[b].New) && !Disjoint(pairs[a].Old.When, pairs[b].Old.When))
                    {
                        dropped.Add(a);
                        dropped.Add(b);
                    }
                }
            }

            foreach (var (pair, index) in pairs.Select((pair, index) => (pair, index)).Where(p => !dropped.Contains(p.index)))
            {
                kept.Old.Add(pair.Old.Index);
                kept.New.Add(pair.New.Index);
            }

            return kept;

            string Key(RuleModel rule) => ConditionYaml.Condition(rule.When, _new.Inputs) + "\n" + rule.Priority + "\n" + string.Join("\n", rule.Then.Select((value, i) => value.ToYaml(_new.Outputs[i])));
        }

        /// <summary>Whether no input satisfies both conditions, proven (a solver query).</summary>
        private bool Disjoint(Condition a, Condition b)
        {
            _queries++;
            return _solver.IsUnsatisfiable(new Constraint(a, true), new Constraint(b, true));
        }

        /// <summary>
        /// <c>collect</c> (or a change of policy to or from it): for each rule of either set, an input where it holds and
        /// no rule of the other set with the same outputs holds.
        /// </summary>
        public void CompareCollected()
        {
            foreach (var (rule, other, side) in _old.Rules.Select(rule => (rule, _new, "old")).Concat(_new.Rules.Select(rule => (rule, _old, "new"))))
            {
                var constraints = new List<Constraint> { new(rule.When, true) };
                constraints.AddRange(other.Rules.Where(candidate => OutputValue.AllSame(candidate.Then, rule.Then)).Select(candidate => new Constraint(candidate.When, false)));
                Query(constraints, $"{side} rule '{rule.Id}' without a rule of the same outputs in the other");
            }

            if (_changes.Count == 0)
            {
                _unproven.Add(new UnprovenCase("the order and number of collected outputs", "under 'collect' the comparison proves the same set of outputs for every input, not their order or count"));
            }
        }

        /// <summary>Reports the change at <paramref name="input"/>, if both rule sets decide it differently.</summary>
        public void Probe(Value[] input)
        {
            if (Confirmed(input) is { } change)
            {
                Add(change);
            }
        }

        private void Add(BehaviourChange change)
        {
            _found++;
            if (_changes.Count < _maxChanges && _seen.Add((change.Old.Rules, change.New.Rules)))
            {
                _changes.Add(change);
            }
        }

        /// <summary>The ways a single-result rule set decides: each rule winning (it holds, none that outranks it does), then none holding.</summary>
        private static IEnumerable<(RuleModel? Rule, List<Constraint> Wins, EquatableArray<OutputValue> Then)> Outcomes(RuleSetModel model)
        {
            var policy = model.Hit.Info();
            foreach (var rule in model.Rules)
            {
                var wins = new List<Constraint> { new(rule.When, true) };
                wins.AddRange(model.Rules.Where(other => other.Index != rule.Index && policy.Outranks(other, rule)).Select(other => new Constraint(other.When, false)));
                yield return (rule, wins, rule.Then);
            }

            yield return (null, model.Rules.Select(rule => new Constraint(rule.When, false)).ToList(), model.NoMatchOutputs);
        }

        private static string Name(RuleModel? rule) => rule is null ? "no rule" : $"rule '{rule.Id}'";

        private void Query(List<Constraint> constraints, string what)
        {
            _queries++;
            var result = _solver.Solve(constraints);
            switch (result.Answer)
            {
                case Satisfiability.Unsatisfiable:
                    return;
                case Satisfiability.Satisfiable when Confirmed(result.Witness!) is { } change:
                    Add(change);
                    return;
                case Satisfiability.Satisfiable:
                    _unproven.Add(new UnprovenCase(what, "the solver's input gives the same outputs from both (computed outputs that coincide there)"));
                    return;
                default:
                    _unproven.Add(new UnprovenCase(what, result.WhyUnknown ?? "the solver could not decide"));
                    return;
            }
        }

        /// <summary>The change at <paramref name="input"/> when both reference evaluators, run on it, decide differently; else null.</summary>
        private BehaviourChange? Confirmed(Value[] input)
        {
            var oldDecision = Decide(_old, _oldEvaluator, input);
            var newDecision = Decide(_new, _newEvaluator, input);
            if (oldDecision.SameOutputs(newDecision))
            {
                return null;
            }

            input = Simplified(input, oldDecision, newDecision);

            // Written with the fields the deciding rules read, and every field that is not its zero value.
            var conditions = Deciding(_old, oldDecision).Concat(Deciding(_new, newDecision)).ToArray();
            var fields = WitnessYaml.Fields(_new, input, conditions);
            return new BehaviourChange(input.ToEquatableArray(), fields.ToEquatableArray(), WitnessYaml.Of(_new, input, fields), oldDecision, newDecision);
        }

        private static IEnumerable<Condition> Deciding(RuleSetModel model, Decision decision) =>
            model.Rules.Where(rule => decision.Rules.Contains(rule.Id)).Select(rule => rule.When);

        /// <summary>
        /// The input with each field the decisions do not depend on set to its zero value (a map key absent): the same
        /// two decisions, rules and outputs, from an input that says less.
        /// </summary>
        private Value[] Simplified(Value[] input, Decision oldDecision, Decision newDecision)
        {
            var simpler = (Value[])input.Clone();
            for (var field = 0; field < simpler.Length; field++)
            {
                var zero = _new.Inputs[field].IsMapKey ? Value.String(null!) : Value.Zero(_new.Inputs[field].Type);
                if (simpler[field].Equals(zero))
                {
                    continue;
                }

                var kept = simpler[field];
                simpler[field] = zero;
                if (!Decide(_old, _oldEvaluator, simpler).Equals(oldDecision) || !Decide(_new, _newEvaluator, simpler).Equals(newDecision))
                {
                    simpler[field] = kept;
                }
            }

            return simpler;
        }
    }
}
