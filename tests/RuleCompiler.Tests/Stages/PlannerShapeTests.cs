using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Stages;

/// <summary>
/// The plan stage's model (<see cref="Plan"/>): which field a node switches on, the keys and points of its switches,
/// the candidates of its leaves in rank order, shared fallthrough nodes, and the strategy a budget leaves. Every plan
/// here is also walked, node by node, on sample inputs and must pick what the reference evaluator picks.
/// </summary>
public sealed class PlannerShapeTests
{
    private const string Commands = """
        ruleset: Commands
        complete: false
        inputs:
          user: string
          command: string
          args: string
        outputs: { decision: string }
        rules:
          - { id: rm, when: { command: rm }, then: { decision: deny } }
          - { id: git, when: { command: git, user: alice }, then: { decision: allow } }
          - { id: ls, when: { command: ls }, then: { decision: allow } }
          - { id: cat, when: { command: cat }, then: { decision: allow } }
          - { id: curl, when: { command: [curl, wget] }, then: { decision: review } }
        """;

    // ---- switches ----------------------------------------------------------------------------------------------

    [Fact]
    public void A_first_wins_set_keyed_by_command_switches_on_command_at_the_root()
    {
        var (model, plan) = Compile(Commands);
        var root = plan.Nodes[0].ShouldBeOfType<DiscreteSwitch>();
        model.Inputs[root.Field].Name.ShouldBe("command");
        root.Keys.Select(k => k.AsString).ShouldBe(new[] { "cat", "curl", "git", "ls", "rm", "wget" });
        plan.Statistics.Strategy.ShouldBe(PlanStrategy.DecisionDag);

        // Each key leads to the one rule naming it; any other command to no rule at all.
        var expected = new Dictionary<string, string> { ["cat"] = "cat", ["curl"] = "curl", ["git"] = "git", ["ls"] = "ls", ["rm"] = "rm", ["wget"] = "curl" };
        for (var k = 0; k < root.Keys.Count; k++)
        {
            RulesUnder(plan, root.Targets[k]).Select(r => model.Rules[r].Id).ShouldBe(new[] { expected[root.Keys[k].AsString] });
        }

        RulesUnder(plan, root.Otherwise).ShouldBeEmpty();
        ShouldAgreeWithTheReference(model, plan, Inputs(model, user: new[] { "alice", "bob" }, command: new[] { "rm", "git", "ls", "cat", "curl", "wget", "vi" }));
    }

    [Fact]
    public void What_the_switch_decided_is_not_checked_again_at_the_leaf()
    {
        var (model, plan) = Compile(Commands);
        var root = plan.Nodes[0].ShouldBeOfType<DiscreteSwitch>();
        var rm = plan.Nodes[root.Targets[root.Keys.Select(k => k.AsString).ToList().IndexOf("rm")]];
        rm.ShouldBeOfType<Leaf>().Candidates.ShouldHaveSingleItem().Check.ShouldBeNull();

        // git also needs user: alice, which no switch on the way read.
        var git = plan.Nodes[root.Targets[root.Keys.Select(k => k.AsString).ToList().IndexOf("git")]].ShouldBeOfType<Leaf>();
        var check = git.Candidates.ShouldHaveSingleItem().Check.ShouldBeOfType<TestCondition>();
        model.Inputs[check.Field].Name.ShouldBe("user");
        check.Operands.ShouldHaveSingleItem().AsString.ShouldBe("alice");
    }

    [Fact]
    public void Fewer_than_four_candidates_are_checked_in_one_leaf_without_a_switch()
    {
        var (model, plan) = Compile(string.Join("\n", Commands.Split('\n').Where(line => !line.Contains("id: cat") && !line.Contains("id: curl"))));
        model.Rules.Count.ShouldBe(3);
        var leaf = plan.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>();
        leaf.Candidates.Select(c => c.Rule).ShouldBe(new[] { 0, 1, 2 });
        leaf.Candidates.ShouldAllBe(c => c.Check != null);
        plan.Statistics.ShouldBe(new PlanStatistics(0, 1, 3, PlanStrategy.DecisionDag));
    }

    [Fact]
    public void An_enum_switch_keys_are_the_named_ordinals_and_other_values_go_to_otherwise()
    {
        var (model, plan) = Compile("""
            ruleset: Modes
            complete: false
            inputs: { mode: { enum: [read, write, admin, audit] }, risk: int }
            outputs: { o: int }
            rules:
              - { id: a, when: { mode: admin, risk: { gt: 5 } }, then: { o: 1 } }
              - { id: b, when: { mode: [write, admin], risk: { gt: 10 } }, then: { o: 2 } }
              - { id: c, when: { mode: audit }, then: { o: 3 } }
              - { id: d, when: { mode: write, risk: 1 }, then: { o: 4 } }
            """);
        var root = plan.Nodes[0].ShouldBeOfType<DiscreteSwitch>();
        model.Inputs[root.Field].Name.ShouldBe("mode");
        root.Keys.ShouldBe(new[] { Value.Enum(1), Value.Enum(2), Value.Enum(3) });
        RulesUnder(plan, root.Otherwise).ShouldBeEmpty("read is named by no rule");
        ShouldAgreeWithTheReference(model, plan, Product(
            new[] { Value.Enum(0), Value.Enum(1), Value.Enum(2), Value.Enum(3) },
            new[] { Value.Int(0), Value.Int(1), Value.Int(6), Value.Int(11) }));
    }

    [Fact]
    public void A_range_switch_has_the_literals_as_sorted_points_and_one_class_per_point_and_gap()
    {
        var (model, plan) = Compile("""
            ruleset: Risk
            complete: false
            inputs: { risk: int }
            outputs: { level: string }
            rules:
              - { id: high, when: { risk: { gt: 80 } }, then: { level: high } }
              - { id: medium, when: { risk: { between: [50, 80] } }, then: { level: medium } }
              - { id: answer, when: { risk: 42 }, then: { level: answer } }
              - { id: low, when: { risk: { lt: 10 } }, then: { level: low } }
            """);
        var root = plan.Nodes[0].ShouldBeOfType<RangeSwitch>();
        root.Points.Select(p => p.Integer).ShouldBe(new long[] { 10, 42, 50, 80 });
        root.ClassTargets.Count.ShouldBe((2 * 4) + 1);

        // Class 3 is x == 42: the answer rule holds there with nothing left to check.
        plan.Nodes[root.ClassTargets[3]].ShouldBeOfType<Leaf>().Candidates.ShouldHaveSingleItem().ShouldBe(new LeafCandidate(2, null));
        ShouldAgreeWithTheReference(model, plan, new long[] { int.MinValue, -1, 9, 10, 11, 41, 42, 43, 49, 50, 51, 79, 80, 81, int.MaxValue }.Select(v => new[] { Value.Int(v) }));
    }

    [Fact]
    public void A_double_range_switch_has_a_class_for_NaN()
    {
        var (model, plan) = Compile("""
            ruleset: Score
            complete: false
            inputs: { score: double }
            outputs: { o: int }
            rules:
              - { id: high, when: { score: { gte: 0.9 } }, then: { o: 1 } }
              - { id: mid, when: { score: { gt: 0.5, lt: 0.9 } }, then: { o: 2 } }
              - { id: zero, when: { score: 0 }, then: { o: 3 } }
              - { id: unordered, when: { not: { score: { gte: -.inf } } }, then: { o: 4 } }
            """);
        var root = plan.Nodes[0].ShouldBeOfType<RangeSwitch>();
        root.Points.Select(p => p.Real).ShouldBe(new[] { double.NegativeInfinity, 0, 0.5, 0.9 });
        root.ClassTargets.Count.ShouldBe((2 * 4) + 2);
        RulesUnder(plan, root.ClassTargets[^1]).ShouldBe(new[] { 3 }, false, "NaN is the last class, and only not-gte -inf holds for it");
        ShouldAgreeWithTheReference(model, plan, new[] { double.NaN, double.NegativeInfinity, -1, 0, 0.25, 0.5, 0.7, 0.9, 2, double.PositiveInfinity }.Select(v => new[] { Value.Dbl(v) }));
    }

    [Fact]
    public void A_date_range_switch_has_the_literal_days_as_points()
    {
        var (model, plan) = Compile("""
            ruleset: Days
            complete: false
            inputs: { day: date }
            outputs: { o: int }
            rules:
              - { id: new-year, when: { day: 2027-01-01 }, then: { o: 1 } }
              - { id: december, when: { day: { between: [2026-12-01, 2026-12-31] } }, then: { o: 2 } }
              - { id: future, when: { day: { gt: 9000-01-01 } }, then: { o: 3 } }
              - { id: past, when: { day: { lt: 0001-01-02 } }, then: { o: 4 } }
            """);
        var root = plan.Nodes[0].ShouldBeOfType<RangeSwitch>();
        root.Points.Select(p => p.Integer).ShouldBe(new[] { "0001-01-02", "2026-12-01", "2026-12-31", "2027-01-01", "9000-01-01" }.Select(Day));
        var days = new[] { 0, 1, 2, Day("2026-11-30"), Day("2026-12-01"), Day("2026-12-15"), Day("2026-12-31"), Day("2027-01-01"), Day("2027-01-02"), Day("9000-01-01"), Day("9000-01-02"), DateOnly.MaxValue.DayNumber };
        ShouldAgreeWithTheReference(model, plan, days.Select(d => new[] { Value.Of(FieldType.Date, d) }));
    }

    // ---- shared tails and truncation ---------------------------------------------------------------------------

    [Fact]
    public void Catch_all_rules_after_keyed_rules_are_one_shared_fallthrough_node()
    {
        var (model, plan) = Compile("""
            ruleset: Tail
            complete: false
            inputs: { command: string, args: string, user: string }
            outputs: { o: string }
            rules:
              - { id: rm, when: { command: rm, args: { contains: -rf } }, then: { o: deny } }
              - { id: git, when: { command: git, args: { prefix: push } }, then: { o: review } }
              - { id: ls, when: { command: ls, args: { contains: -R } }, then: { o: slow } }
              - { id: cat, when: { command: cat, args: { suffix: .key } }, then: { o: deny } }
              - { id: admin, when: { user: { suffix: -admin } }, then: { o: allow } }
              - { id: fallback, then: { o: default } }
            """);
        var root = plan.Nodes[0].ShouldBeOfType<DiscreteSwitch>();
        var tails = root.Targets.Select(t => plan.Nodes[t].ShouldBeOfType<Leaf>().Fallthrough).Distinct().ToList();
        var tail = tails.ShouldHaveSingleItem();
        tail.ShouldBeGreaterThanOrEqualTo(0);
        plan.Nodes[tail].ShouldBeOfType<Leaf>().Candidates.Select(c => model.Rules[c.Rule].Id).ShouldBe(new[] { "admin", "fallback" });
        root.Otherwise.ShouldBe(tail, "another command meets only the catch-alls: the same node");

        // Written once: no other node lists the catch-all rules.
        plan.Nodes.OfType<Leaf>().Where(l => l.Id != tail).SelectMany(l => l.Candidates).Select(c => model.Rules[c.Rule].Id)
            .ShouldNotContain(id => id == "admin" || id == "fallback");
        ShouldAgreeWithTheReference(model, plan, Inputs(model, command: new[] { "rm", "git", "ls", "cat", "vi" }, args: new[] { "-rf", "push", "-R", "a.key", "" }, user: new[] { "root-admin", "bob" }));
    }

    [Fact]
    public void A_tail_only_one_leaf_falls_through_to_is_put_back_into_that_leaf()
    {
        // A bool has no "other" class, so the catch-all follows the true leaf only (the false leaf ends in a rule that
        // surely holds): nothing shares the tail, and the leaf lists it itself.
        var (model, plan) = Compile("""
            ruleset: Unshared
            complete: false
            inputs: { b: bool, s: string }
            outputs: { o: int }
            rules:
              - { id: r0, when: { b: true, s: { suffix: a } }, then: { o: 0 } }
              - { id: r1, when: { b: false, s: { suffix: b } }, then: { o: 1 } }
              - { id: r2, when: { b: true, s: { suffix: c } }, then: { o: 2 } }
              - { id: r3, when: { b: false }, then: { o: 3 } }
              - { id: fallback, then: { o: 4 } }
            """);
        var root = plan.Nodes[0].ShouldBeOfType<DiscreteSwitch>();
        root.Keys.ShouldBe(new[] { Value.Bool(false), Value.Bool(true) });
        plan.Nodes.Count.ShouldBe(3, "the switch and two leaves: the tail node was merged away");
        var whenTrue = plan.Nodes[root.Targets[1]].ShouldBeOfType<Leaf>();
        whenTrue.Candidates.Select(c => c.Rule).ShouldBe(new[] { 0, 2, 4 });
        whenTrue.Fallthrough.ShouldBe(-1);
        plan.Nodes[root.Targets[0]].ShouldBeOfType<Leaf>().Candidates.Select(c => c.Rule).ShouldBe(new[] { 1, 3 });
        ShouldAgreeWithTheReference(model, plan, Product(new[] { Value.Bool(false), Value.Bool(true) }, new[] { "a", "b", "c", "d" }.Select(Value.String).ToArray()));
    }

    [Fact]
    public void First_wins_drops_the_rules_ranked_after_one_that_surely_holds()
    {
        var (model, plan) = Compile("""
            ruleset: Early
            complete: false
            inputs: { command: string }
            outputs: { o: int }
            rules:
              - { id: rm, when: { command: rm }, then: { o: 1 } }
              - { id: everything, then: { o: 2 } }
              - { id: ls, when: { command: ls }, then: { o: 3 } }
              - { id: cat, when: { command: cat }, then: { o: 4 } }
              - { id: git, when: { command: git }, then: { o: 5 } }
            """);
        var rules = plan.Nodes.OfType<Leaf>().SelectMany(l => l.Candidates).Select(c => model.Rules[c.Rule].Id).Distinct();
        rules.ShouldBe(new[] { "rm", "everything" }, ignoreOrder: true);
        ShouldAgreeWithTheReference(model, plan, Inputs(model, command: new[] { "rm", "ls", "cat", "git", "x" }));
    }

    [Fact]
    public void Collect_keeps_every_rule_that_can_hold_after_a_catch_all()
    {
        var (model, plan) = Compile("""
            ruleset: All
            hit: collect
            complete: false
            inputs: { command: string }
            outputs: { o: int }
            rules:
              - { id: rm, when: { command: rm }, then: { o: 1 } }
              - { id: everything, then: { o: 2 } }
              - { id: ls, when: { command: ls }, then: { o: 3 } }
              - { id: cat, when: { command: cat }, then: { o: 4 } }
              - { id: git, when: { command: git }, then: { o: 5 } }
            """);
        plan.Nodes.OfType<Leaf>().SelectMany(l => l.Candidates).Select(c => c.Rule).Distinct().ShouldBe(Enumerable.Range(0, 5), ignoreOrder: true);
        ShouldAgreeWithTheReference(model, plan, Inputs(model, command: new[] { "rm", "ls", "cat", "git", "x" }));
    }

    // ---- rank order --------------------------------------------------------------------------------------------

    [Fact]
    public void Priority_ranks_higher_priority_first_and_ties_go_to_the_earlier_rule()
    {
        var (model, _) = Compile("""
            ruleset: Prio
            hit: priority
            complete: false
            inputs: { x: int }
            outputs: { o: int }
            rules:
              - { id: p1, priority: 1, when: { x: { gt: 1 } }, then: { o: 0 } }
              - { id: p10a, priority: 10, when: { x: { gt: 2 } }, then: { o: 1 } }
              - { id: p5, priority: 5, when: { x: { gt: 3 } }, then: { o: 2 } }
              - { id: p10b, priority: 10, when: { x: { gt: 4 } }, then: { o: 3 } }
              - { id: p0, when: { x: { gt: 5 } }, then: { o: 4 } }
            """);
        var expected = new[] { "p10a", "p10b", "p5", "p1", "p0" };
        Planner.RankOrder(model).Select(r => model.Rules[r].Id).ShouldBe(expected);
        model.Hit.Info().InRankOrder(model.Rules).Select(r => r.Id).ShouldBe(expected);

        var linear = Planner.Build(model, budget: 0, CancellationToken.None);
        linear.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>().Candidates.Select(c => model.Rules[c.Rule].Id).ShouldBe(expected);
        ShouldAgreeWithTheReference(model, linear, Enumerable.Range(0, 8).Select(x => new[] { Value.Int(x) }));
    }

    [Fact]
    public void Output_priority_ranks_by_the_first_output_enum_order_then_file_order()
    {
        var (model, plan) = Compile("""
            ruleset: OutPrio
            hit: output-priority
            complete: false
            inputs: { user: string, risk: int }
            outputs: { decision: { enum: [deny, review, allow] } }
            rules:
              - { id: allow-all, then: { decision: allow } }
              - { id: review-risky, when: { risk: { gte: 50 } }, then: { decision: review } }
              - { id: review-new, when: { user: { prefix: new- } }, then: { decision: review } }
              - { id: deny-very-risky, when: { risk: { gte: 90 } }, then: { decision: deny } }
            """);
        var expected = new[] { "deny-very-risky", "review-risky", "review-new", "allow-all" };
        Planner.RankOrder(model).Select(r => model.Rules[r].Id).ShouldBe(expected);
        plan.Nodes.OfType<Leaf>().ShouldAllBe(leaf => IsInRankOrder(leaf, Planner.RankOrder(model)));
        ShouldAgreeWithTheReference(model, plan, Inputs(model, user: new[] { "new-bob", "bob" }, risk: new long[] { 10, 50, 95 }));
    }

    // ---- strategies under a budget -----------------------------------------------------------------------------

    [Fact]
    public void A_zero_budget_plans_one_leaf_checking_every_rule_in_rank_order()
    {
        var (model, _) = Compile(Grid);
        var plan = Planner.Build(model, budget: 0, CancellationToken.None);
        plan.Statistics.Strategy.ShouldBe(PlanStrategy.Linear);
        plan.Statistics.SwitchNodes.ShouldBe(0);
        var leaf = plan.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>();
        leaf.Candidates.Select(c => c.Rule).ShouldBe(Enumerable.Range(0, model.Rules.Count));
        leaf.Fallthrough.ShouldBe(-1);
        ShouldAgreeWithTheReference(model, plan, GridInputs(model));
    }

    [Fact]
    public void Budgets_between_a_single_switch_and_the_full_dag_plan_one_switch_over_leaves()
    {
        var (model, full) = Compile(Grid);
        full.Statistics.Strategy.ShouldBe(PlanStrategy.DecisionDag);
        Depth(full, 0).ShouldBe(3, "cmd, then user, then a leaf");

        var strategies = Enumerable.Range(0, 64).Select(b => (Budget: b, Plan: Planner.Build(model, b, CancellationToken.None))).ToList();
        strategies.Select(s => s.Plan.Statistics.Strategy).ShouldBe(strategies.Select(s => s.Plan.Statistics.Strategy).OrderBy(s => s, Comparer<PlanStrategy>.Create((a, b) => b.CompareTo(a))), "a larger budget never plans a smaller strategy");
        strategies[^1].Plan.Statistics.Strategy.ShouldBe(PlanStrategy.DecisionDag);

        var single = strategies.Where(s => s.Plan.Statistics.Strategy == PlanStrategy.SingleSwitch).Select(s => s.Plan).ToList();
        single.ShouldNotBeEmpty("some budget fits one switch but not the whole DAG");
        foreach (var plan in single)
        {
            var root = plan.Nodes[0].ShouldBeOfType<DiscreteSwitch>();
            root.Successors().ShouldAllBe(t => plan.Nodes[t] is Leaf);
            Depth(plan, 0).ShouldBe(2);
            ShouldAgreeWithTheReference(model, plan, GridInputs(model));
        }

        ShouldAgreeWithTheReference(model, full, GridInputs(model));
    }

    [Fact]
    public void Every_plan_is_a_dag_whose_statistics_count_its_nodes()
    {
        foreach (var yaml in new[] { Commands, Grid })
        {
            var (model, plan) = Compile(yaml);
            foreach (var budget in new long[] { 0, 20, Planner.DefaultBudget(model) })
            {
                var built = Planner.Build(model, budget, CancellationToken.None);
                ShouldBeWellFormed(model, built);
            }

            ShouldBeWellFormed(model, plan);
        }
    }

    // ---- the bug of ValueClassesTests, seen in the plan --------------------------------------------------------

    [Fact]
    public void A_value_between_far_apart_double_points_reaches_the_rule_that_holds_for_it()
    {
        var (model, plan) = Compile("""
            ruleset: Far
            complete: false
            inputs: { x: double }
            outputs: { o: int }
            rules:
              - { id: middle, when: { x: { between: [-1e308, 1e308] } }, then: { o: 1 } }
              - { id: above, when: { x: { gt: 1e308 } }, then: { o: 2 } }
              - { id: below, when: { x: { lt: -1e308 } }, then: { o: 3 } }
              - { id: top, when: { x: 1e308 }, then: { o: 4 } }
            """);
        plan.Nodes[0].ShouldBeOfType<RangeSwitch>();
        ShouldAgreeWithTheReference(model, plan, new[] { 0d, 1, -1, 1e308, -1e308, 1.5e308, -1.5e308 }.Select(v => new[] { Value.Dbl(v) }));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /// <summary>Two commands times four users: a DAG two switches deep (command, then user).</summary>
    private const string Grid = """
        ruleset: Grid
        complete: false
        inputs: { cmd: string, user: string }
        outputs: { o: int }
        rules:
          - { id: rm-alice, when: { cmd: rm, user: alice }, then: { o: 1 } }
          - { id: rm-bob, when: { cmd: rm, user: bob }, then: { o: 2 } }
          - { id: rm-carol, when: { cmd: rm, user: carol }, then: { o: 3 } }
          - { id: rm-dave, when: { cmd: rm, user: dave }, then: { o: 4 } }
          - { id: ls-alice, when: { cmd: ls, user: alice }, then: { o: 5 } }
          - { id: ls-bob, when: { cmd: ls, user: bob }, then: { o: 6 } }
          - { id: ls-carol, when: { cmd: ls, user: carol }, then: { o: 7 } }
          - { id: ls-dave, when: { cmd: ls, user: dave }, then: { o: 8 } }
        """;

    private static IEnumerable<Value[]> GridInputs(RuleSetModel model) =>
        Inputs(model, cmd: new[] { "rm", "ls", "vi" }, user: new[] { "alice", "bob", "carol", "dave", "eve" });

    private static (RuleSetModel Model, Plan Plan) Compile(string yaml)
    {
        var compiled = RuleFileCompiler.Compile(yaml, new BindOptions("Tests.Generated", "x.rules.yaml"), CancellationToken.None);
        compiled.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return (compiled.Model.ShouldNotBeNull(), compiled.Plan.ShouldNotBeNull());
    }

    private static long Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;

    /// <summary>Every combination of the given values of named fields (strings and ints); other fields hold their zero.</summary>
    private static IEnumerable<Value[]> Inputs(RuleSetModel model, string[]? user = null, string[]? command = null, string[]? args = null, string[]? cmd = null, long[]? risk = null)
    {
        var choices = model.Inputs.Select(field => field.Name switch
        {
            "user" when user is not null => user.Select(Value.String).ToArray(),
            "command" when command is not null => command.Select(Value.String).ToArray(),
            "args" when args is not null => args.Select(Value.String).ToArray(),
            "cmd" when cmd is not null => cmd.Select(Value.String).ToArray(),
            "risk" when risk is not null => risk.Select(Value.Int).ToArray(),
            _ => new[] { Value.Zero(field.Type) },
        }).ToArray();
        return Product(choices);
    }

    private static IEnumerable<Value[]> Product(params Value[][] choices)
    {
        IEnumerable<Value[]> result = new[] { Array.Empty<Value>() };
        foreach (var options in choices)
        {
            result = result.SelectMany(prefix => options.Select(option => prefix.Append(option).ToArray())).ToList();
        }

        return result;
    }

    /// <summary>
    /// Walks the plan as generated code does, checking each leaf candidate's remaining check with the reference
    /// evaluator, and compares the rule (first-wins) or rules (collect) with the reference's rule-by-rule answer.
    /// </summary>
    private static void ShouldAgreeWithTheReference(RuleSetModel model, Plan plan, IEnumerable<Value[]> inputs)
    {
        var reference = new ReferenceEvaluator(model);
        var collect = !model.Hit.Info().SingleResult;
        var count = 0;
        foreach (var input in inputs)
        {
            count++;
            var walked = Walk(model, plan, reference, input, collect);
            var what = string.Join(", ", model.Inputs.Select((f, i) => f.Name + ": " + input[i].ToYaml(f)));
            if (collect)
            {
                walked.ShouldBe(reference.HoldingRules(input), ignoreOrder: true, what);
            }
            else
            {
                var expected = reference.Evaluate(input).RuleIndex;
                (walked.Count == 0 ? -1 : walked[0]).ShouldBe(expected, what);
            }
        }

        count.ShouldBeGreaterThan(0);
    }

    private static List<int> Walk(RuleSetModel model, Plan plan, ReferenceEvaluator reference, Value[] input, bool collect)
    {
        var held = new List<int>();
        var node = 0;
        var steps = 0;
        while (node >= 0)
        {
            (++steps).ShouldBeLessThan(plan.Nodes.Count + 1, "a walk visits each node at most once");
            switch (plan.Nodes[node])
            {
                case DiscreteSwitch discrete:
                    var key = discrete.Keys.ToList().FindIndex(k => k.SameAs(input[discrete.Field]));
                    node = key >= 0 ? discrete.Targets[key] : discrete.Otherwise;
                    break;
                case RangeSwitch range:
                    node = range.ClassTargets[ClassOf(range.Points, input[range.Field])];
                    break;
                case Leaf leaf:
                    foreach (var candidate in leaf.Candidates)
                    {
                        if (candidate.Check is null || reference.Holds(candidate.Check, input))
                        {
                            held.Add(candidate.Rule);
                            if (!collect)
                            {
                                return held;
                            }
                        }
                    }

                    node = leaf.Fallthrough;
                    break;
                default:
                    throw new InvalidOperationException("unknown node");
            }
        }

        return held;
    }

    private static int ClassOf(IReadOnlyList<Value> points, Value value)
    {
        if (value.IsNaN)
        {
            return (2 * points.Count) + 1;
        }

        for (var i = 0; i < points.Count; i++)
        {
            var order = value.CompareNumber(points[i]);
            if (order <= 0)
            {
                return (2 * i) + (order == 0 ? 1 : 0);
            }
        }

        return 2 * points.Count;
    }

    /// <summary>The rules of every leaf reachable from <paramref name="id"/>, in walk order.</summary>
    private static List<int> RulesUnder(Plan plan, int id)
    {
        var seen = new HashSet<int>();
        var rules = new List<int>();
        void Visit(int node)
        {
            if (node < 0 || !seen.Add(node))
            {
                return;
            }

            if (plan.Nodes[node] is Leaf leaf)
            {
                rules.AddRange(leaf.Candidates.Select(c => c.Rule));
            }

            foreach (var next in plan.Nodes[node].Successors())
            {
                Visit(next);
            }
        }

        Visit(id);
        return rules;
    }

    private static bool IsInRankOrder(Leaf leaf, int[] rank)
    {
        var positions = leaf.Candidates.Select(c => Array.IndexOf(rank, c.Rule)).ToList();
        return positions.Zip(positions.Skip(1), (a, b) => a < b).All(x => x);
    }

    /// <summary>The most nodes on a path from <paramref name="id"/>, itself included.</summary>
    private static int Depth(Plan plan, int id) => 1 + plan.Nodes[id].Successors().Select(next => Depth(plan, next)).DefaultIfEmpty(0).Max();

    private static void ShouldBeWellFormed(RuleSetModel model, Plan plan)
    {
        var rank = Planner.RankOrder(model);
        for (var id = 0; id < plan.Nodes.Count; id++)
        {
            var node = plan.Nodes[id];
            node.Id.ShouldBe(id);
            node.Successors().ShouldAllBe(t => t >= 0 && t < plan.Nodes.Count);
            switch (node)
            {
                case DiscreteSwitch discrete:
                    discrete.Targets.Count.ShouldBe(discrete.Keys.Count);
                    discrete.Keys.Distinct().Count().ShouldBe(discrete.Keys.Count);
                    break;
                case RangeSwitch range:
                    range.ClassTargets.Count.ShouldBe((2 * range.Points.Count) + (model.Inputs[range.Field].Type == FieldType.Double ? 2 : 1));
                    range.Points.Zip(range.Points.Skip(1), (a, b) => a.CompareNumber(b) < 0).ShouldAllBe(ascending => ascending);
                    break;
                case Leaf leaf:
                    IsInRankOrder(leaf, rank).ShouldBeTrue($"leaf {id} lists its candidates in rank order");
                    break;
            }
        }

        // Acyclic: a depth-first walk never meets a node still on its stack.
        var state = new int[plan.Nodes.Count];
        void Visit(int node)
        {
            state[node].ShouldNotBe(1, "the plan has a cycle");
            if (state[node] == 2)
            {
                return;
            }

            state[node] = 1;
            foreach (var next in plan.Nodes[node].Successors())
            {
                Visit(next);
            }

            state[node] = 2;
        }

        Visit(0);
        state.ShouldAllBe(s => s == 2, "every node is reachable from the root");
        plan.Statistics.SwitchNodes.ShouldBe(plan.Nodes.Count(n => n is not Leaf));
        plan.Statistics.Leaves.ShouldBe(plan.Nodes.Count(n => n is Leaf));
        plan.Statistics.LeafChecks.ShouldBe(plan.Nodes.OfType<Leaf>().Sum(l => l.Candidates.Count(c => c.Check is not null)));
    }
}
