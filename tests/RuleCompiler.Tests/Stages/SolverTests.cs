using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Stages;

/// <summary>
/// The solver's model (<see cref="SolveResult"/>), asked directly: a witness that really satisfies the constraints
/// (checked with the reference evaluator, never with the solver), proofs that no input exists for the tests the
/// analysis decides, and "unknown", never a false proof, for the tests it does not decide or past its budget.
/// Each constraint is "rule r holds" (or fails), so every rule here binds on its own; only their combination is in question.
/// </summary>
public sealed class SolverTests
{
    // ---- integers ----------------------------------------------------------------------------------------------

    [Fact]
    public void Int_gt_5_and_lt_3_is_proven_unsatisfiable()
    {
        var query = Query("x: int", "{ x: { gt: 5 } }", "{ x: { lt: 3 } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
        query.Solver().IsUnsatisfiable(query.Holds(0), query.Holds(1)).ShouldBeTrue();
    }

    [Fact]
    public void Int_gt_5_and_lt_7_has_exactly_the_witness_6()
    {
        var query = Query("x: int", "{ x: { gt: 5 } }", "{ x: { lt: 7 } }");
        var witness = query.Solve(Holds(0), Holds(1)).ShouldBeSatisfiable();
        witness[0].Integer.ShouldBe(6);
    }

    [Fact]
    public void Int_gt_5_and_lte_5_touch_but_do_not_overlap()
    {
        var query = Query("x: int", "{ x: { gt: 5 } }", "{ x: { lte: 5 } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
        query.Solve(Holds(0), Fails(1)).ShouldBeSatisfiable()[0].Integer.ShouldBeGreaterThan(5);
    }

    [Fact]
    public void Nothing_is_greater_than_int_MaxValue_but_a_long_is()
    {
        Query("x: int", "{ x: { gt: 2147483647 } }").Solve(Holds(0)).ShouldBeUnsatisfiable();
        Query("x: int", "{ x: { lt: -2147483648 } }").Solve(Holds(0)).ShouldBeUnsatisfiable();
        Query("x: long", "{ x: { gt: 2147483647 } }").Solve(Holds(0)).ShouldBeSatisfiable()[0].Integer.ShouldBeGreaterThan(int.MaxValue);
    }

    [Fact]
    public void Int_max_value_is_the_only_witness_of_gte_max_value()
    {
        Query("x: int", "{ x: { gte: 2147483647 } }").Solve(Holds(0)).ShouldBeSatisfiable()[0].Integer.ShouldBe(int.MaxValue);
        Query("x: int", "{ x: { lte: -2147483648 } }").Solve(Holds(0)).ShouldBeSatisfiable()[0].Integer.ShouldBe(int.MinValue);
    }

    [Fact]
    public void A_range_that_excludes_every_listed_value_still_has_a_witness_between_them()
    {
        // between [1, 4] but not 1, 2 or 4: only 3 is left.
        var query = Query("x: int", "{ x: { between: [1, 4] } }", "{ x: [1, 2, 4] }");
        query.Solve(Holds(0), Fails(1)).ShouldBeSatisfiable()[0].Integer.ShouldBe(3);
        var full = Query("x: int", "{ x: { between: [1, 4] } }", "{ x: [1, 2, 3, 4] }");
        full.Solve(Holds(0), Fails(1)).ShouldBeUnsatisfiable();
    }

    [Fact]
    public void Constraints_on_two_fields_are_solved_together()
    {
        var query = Query("x: int\n  y: int", "{ x: { gt: 10 }, y: { lt: 0 } }", "{ any: [ { x: { lte: 10 } }, { y: { gte: 0 } } ] }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
        var witness = query.Solve(Holds(0), Fails(1)).ShouldBeSatisfiable();
        witness[0].Integer.ShouldBeGreaterThan(10);
        witness[1].Integer.ShouldBeLessThan(0);
    }

    // ---- enums and bools ---------------------------------------------------------------------------------------

    [Fact]
    public void Enum_in_and_not_in_the_same_values_exclude_each_other()
    {
        var query = Query("e: { enum: [a, b, c] }", "{ e: { in: [a, b] } }", "{ e: { not-in: [a, b] } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
    }

    [Fact]
    public void An_enum_in_list_covering_every_value_cannot_fail()
    {
        var covering = Query("e: { enum: [a, b, c] }", "{ e: { in: [a, b, c] } }");
        covering.Solve(Fails(0)).ShouldBeUnsatisfiable();
    }

    [Fact]
    public void An_enum_in_list_missing_one_value_fails_for_exactly_that_value()
    {
        var query = Query("e: { enum: [a, b, c] }", "{ e: { in: [a, c] } }");
        query.Solve(Fails(0)).ShouldBeSatisfiable()[0].ShouldBe(Value.Enum(1));
    }

    [Fact]
    public void Bool_eq_true_and_eq_false_exclude_each_other()
    {
        var query = Query("b: bool", "{ b: true }", "{ b: false }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
        query.Solve(Fails(0), Fails(1)).ShouldBeUnsatisfiable();
        query.Solve(Holds(0), Fails(1)).ShouldBeSatisfiable()[0].ShouldBe(Value.Bool(true));
    }

    // ---- strings -----------------------------------------------------------------------------------------------

    [Fact]
    public void String_eq_and_a_prefix_it_does_not_start_with_exclude_each_other()
    {
        var query = Query("s: string", "{ s: git push }", "{ s: { prefix: rm } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
    }

    [Fact]
    public void String_eq_and_a_prefix_it_starts_with_overlap_at_the_literal()
    {
        var query = Query("s: string", "{ s: rm -rf }", "{ s: { prefix: rm } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeSatisfiable()[0].AsString.ShouldBe("rm -rf");
    }

    [Fact]
    public void Two_prefixes_that_diverge_exclude_each_other_and_nested_prefixes_leave_a_gap()
    {
        Query("s: string", "{ s: { prefix: ab } }", "{ s: { prefix: ac } }").Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();

        // starts with "a", not with "ab", and is not "a" itself: "a" followed by anything but "b".
        var nested = Query("s: string", "{ s: { prefix: a } }", "{ s: { prefix: ab } }", "{ s: a }");
        var witness = nested.Solve(Holds(0), Fails(1), Fails(2)).ShouldBeSatisfiable()[0].AsString;
        witness.ShouldStartWith("a");
        witness.ShouldNotStartWith("ab");
        witness.ShouldNotBe("a");
    }

    [Fact]
    public void A_prefix_that_must_fail_for_every_string_starting_with_it_is_unsatisfiable()
    {
        // "rm" must hold as a prefix and "r" must not: impossible.
        Query("s: string", "{ s: { prefix: rm } }", "{ s: { prefix: r } }").Solve(Holds(0), Fails(1)).ShouldBeUnsatisfiable();
    }

    [Fact]
    public void String_not_in_every_literal_still_leaves_other_strings()
    {
        var query = Query("s: string", "{ s: [a, b, c] }");
        var witness = query.Solve(Fails(0)).ShouldBeSatisfiable()[0].AsString;
        new[] { "a", "b", "c" }.ShouldNotContain(witness);
    }

    // ---- string lists ------------------------------------------------------------------------------------------

    [Fact]
    public void List_contains_all_and_not_contains_one_of_them_exclude_each_other()
    {
        var query = Query("tags: string-list", "{ tags: { contains-all: [a, b] } }", "{ tags: { not-contains: a } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
    }

    [Fact]
    public void List_contains_all_and_not_contains_another_element_have_a_witness_with_both_and_without_it()
    {
        var query = Query("tags: string-list", "{ tags: { contains-all: [a, b] } }", "{ tags: { not-contains: c } }");
        var items = query.Solve(Holds(0), Holds(1)).ShouldBeSatisfiable()[0].Items;
        items.ShouldContain("a");
        items.ShouldContain("b");
        items.ShouldNotContain("c");
    }

    [Fact]
    public void An_empty_list_contains_nothing_and_contains_any_needs_one_of_its_elements()
    {
        Query("tags: string-list", "{ tags: { empty: true } }", "{ tags: { contains: a } }").Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
        Query("tags: string-list", "{ tags: { contains-any: [a, b] } }", "{ tags: { contains: a } }", "{ tags: { contains: b } }")
            .Solve(Holds(0), Fails(1), Fails(2)).ShouldBeUnsatisfiable();
        Query("tags: string-list", "{ tags: { empty: false } }", "{ tags: { contains-any: [a, b] } }")
            .Solve(Holds(0), Fails(1)).ShouldBeSatisfiable()[0].Items.ShouldNotBeEmpty();
    }

    // ---- dates -------------------------------------------------------------------------------------------------

    [Fact]
    public void Date_ranges_that_do_not_meet_exclude_each_other()
    {
        var query = Query("day: date", "{ day: { between: [2026-12-01, 2026-12-31] } }", "{ day: { lt: 2026-12-01 } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
    }

    [Fact]
    public void Date_ranges_that_share_one_day_have_that_day_as_witness()
    {
        var query = Query("day: date", "{ day: { between: [2026-12-01, 2026-12-31] } }", "{ day: { gt: 2026-12-30 } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeSatisfiable()[0].Integer.ShouldBe(Day("2026-12-31"));
    }

    [Fact]
    public void No_date_comes_after_9999_12_31_or_before_0001_01_01()
    {
        Query("day: date", "{ day: { gt: 9999-12-31 } }").Solve(Holds(0)).ShouldBeUnsatisfiable();
        Query("day: date", "{ day: { lt: 0001-01-01 } }").Solve(Holds(0)).ShouldBeUnsatisfiable();
        Query("day: date", "{ day: { gte: 9999-12-31 } }").Solve(Holds(0)).ShouldBeSatisfiable()[0].Integer.ShouldBe(DateOnly.MaxValue.DayNumber);
    }

    // ---- decimals and doubles ----------------------------------------------------------------------------------

    [Fact]
    public void Decimal_ranges_are_dense_and_an_open_gap_has_a_witness()
    {
        var query = Query("d: decimal", "{ d: { gt: 0.1 } }", "{ d: { lt: 0.2 } }");
        var witness = query.Solve(Holds(0), Holds(1)).ShouldBeSatisfiable()[0].Decimal;
        witness.ShouldBeGreaterThan(0.1m);
        witness.ShouldBeLessThan(0.2m);
        Query("d: decimal", "{ d: { gt: 1.5 } }", "{ d: { lte: 1.5 } }").Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
    }

    [Fact]
    public void A_double_that_is_neither_above_nor_at_or_below_zero_is_NaN()
    {
        var query = Query("x: double", "{ x: { gt: 0 } }", "{ x: { lte: 0 } }");
        query.Solve(Holds(0), Holds(1)).ShouldBeUnsatisfiable();
        double.IsNaN(query.Solve(Fails(0), Fails(1)).ShouldBeSatisfiable()[0].Real).ShouldBeTrue();
    }

    // ---- tests the analysis does not decide --------------------------------------------------------------------

    public static IEnumerable<object[]> UndecidableButExclusive => new[]
    {
        // Each pair truly excludes each other, but only through a test the representatives do not follow.
        new object[] { "{ s: { suffix: ab } }", "{ s: { suffix: b } }", false },
        new object[] { "{ s: { regex: '^a' } }", "{ s: { prefix: b } }", true },
        new object[] { "{ s: { contains: xyz } }", "{ s: { contains: y } }", false },
        new object[] { "{ s: { suffix: ab } }", "{ s: { suffix: AB, ignore-case: true } }", false },
        new object[] { "{ s: { glob: 'a*' } }", "{ s: { prefix: a } }", false },
    };

    [Theory]
    [MemberData(nameof(UndecidableButExclusive))]
    public void Undecidable_tests_that_exclude_each_other_are_unknown_never_a_proof(string first, string second, bool secondHolds)
    {
        var query = Query("s: string", first, second);
        var result = query.Solve(Holds(0), secondHolds ? Holds(1) : Fails(1));
        result.Answer.ShouldBe(Satisfiability.Unknown);
        result.Witness.ShouldBeNull();
        result.WhyUnknown.ShouldNotBeNullOrEmpty();
        query.Solver().IsUnsatisfiable(query.Holds(0), secondHolds ? query.Holds(1) : query.Fails(1)).ShouldBeFalse();
    }

    [Fact]
    public void Ignore_case_is_named_as_what_the_analysis_cannot_decide()
    {
        var query = Query("s: string", "{ s: { eq: a, ignore-case: true } }", "{ s: [a, A] }");
        var result = query.Solve(Holds(0), Fails(1));
        result.Answer.ShouldBe(Satisfiability.Unknown);
        result.WhyUnknown.ShouldNotBeNull().ShouldContain("ignore-case");
        result.WhyUnknown.ShouldContain("'s'");
    }

    public static IEnumerable<object[]> UndecidableButSatisfiable => new[]
    {
        // Each set has a known input that satisfies it (checked below by the reference evaluator): the solver may
        // find a witness or give up, but it must never claim no input exists.
        new object[] { new[] { "{ s: { regex: '^rm\\s+-rf' } }" }, "rm -rf" },
        new object[] { new[] { "{ s: { prefix: a } }", "{ s: { suffix: .txt } }" }, "a.txt" },
        new object[] { new[] { "{ s: { glob: '*.log' } }", "{ s: { contains: err } }" }, "err.log" },
        new object[] { new[] { "{ s: { eq: ABC, ignore-case: true } }", "{ s: { prefix: a } }" }, "abc" },
        new object[] { new[] { "{ s: { contains: b } }", "{ s: { suffix: c } }", "{ s: { prefix: a } }" }, "abc" },
        new object[] { new[] { "{ tags: { contains: X, ignore-case: true } }", "{ tags: { not-contains: X } }" }, "x" },
    };

    [Theory]
    [MemberData(nameof(UndecidableButSatisfiable))]
    public void Undecidable_tests_with_a_known_witness_are_never_called_unsatisfiable(string[] rules, string known)
    {
        var query = Query("s: string\n  tags: string-list", rules);
        var constraints = Enumerable.Range(0, rules.Length).Select(Holds).ToArray();
        var knownInput = new[] { Value.String(known), Value.List(new[] { known }.ToEquatableArray()) };
        query.AllHold(constraints, knownInput).ShouldBeTrue("the known input satisfies the constraints");

        var result = query.Solve(constraints);
        result.Answer.ShouldNotBe(Satisfiability.Unsatisfiable);
        query.Solver().IsUnsatisfiable(constraints.Select(c => query.Constraint(c)).ToArray()).ShouldBeFalse();
    }

    [Fact]
    public void A_regex_witness_is_found_among_the_guesses_and_really_matches()
    {
        var query = Query("s: string", "{ s: { regex: '^deploy-\\d+$' } }", "{ s: { prefix: deploy- } }");
        var witness = query.Solve(Holds(0), Holds(1)).ShouldBeSatisfiable();
        witness[0].AsString.ShouldStartWith("deploy-");
    }

    // ---- the budget --------------------------------------------------------------------------------------------

    [Fact]
    public void An_exhausted_file_budget_answers_unknown_even_for_a_decidable_query()
    {
        var query = Query("x: int", "{ x: { gt: 5 } }", "{ x: { lt: 7 } }");
        var tiny = new ConditionSolver(query.Model.Inputs, new Predicates(), new AnalysisBudget(1, CancellationToken.None));
        var result = tiny.Solve(query.Holds(0), query.Holds(1));
        result.Answer.ShouldBe(Satisfiability.Unknown);
        result.Witness.ShouldBeNull();
        result.WhyUnknown.ShouldNotBeNull().ShouldContain("steps");

        var unsat = new ConditionSolver(query.Model.Inputs, new Predicates(), new AnalysisBudget(1, CancellationToken.None));
        unsat.IsUnsatisfiable(query.Holds(0), query.Fails(0)).ShouldBeFalse("no proof can come out of a search that ran out of budget");
    }

    [Fact]
    public void A_query_past_the_per_query_budget_is_unknown_and_the_same_query_on_fewer_fields_is_proven()
    {
        // Every x_i is 1 or 2, and some x_i is 3: impossible, but each x_i doubles the search before it fails.
        Exclusive(fields: 4).ShouldBe(Satisfiability.Unsatisfiable);
        Exclusive(fields: 24).ShouldBe(Satisfiability.Unknown);

        static Satisfiability Exclusive(int fields)
        {
            var names = Enumerable.Range(0, fields).Select(i => "x" + i).ToList();
            var inputs = string.Join("\n  ", names.Select(n => n + ": int"));
            var query = Query(inputs, "{ " + string.Join(", ", names.Select(n => n + ": [1, 2]")) + " }", "{ any: [" + string.Join(", ", names.Select(n => "{ " + n + ": 3 }")) + "] }");
            var budget = new AnalysisBudget(AnalysisBudget.DefaultTotal, CancellationToken.None);
            var result = new ConditionSolver(query.Model.Inputs, new Predicates(), budget).Solve(query.Holds(0), query.Holds(1));
            budget.Used.ShouldBeLessThanOrEqualTo(AnalysisBudget.PerQuery + 1_000, "a query stops near its share");
            return result.Answer;
        }
    }

    [Fact]
    public void A_cancelled_search_throws_rather_than_answering()
    {
        var query = Query("x: int\n  y: int", "{ x: [1, 2], y: [1, 2] }", "{ any: [ { x: 3 }, { y: 3 } ] }");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var solver = new ConditionSolver(query.Model.Inputs, new Predicates(), new AnalysisBudget(AnalysisBudget.DefaultTotal, cancelled.Token));
        Should.Throw<OperationCanceledException>(() => solver.Solve(query.Holds(0), query.Holds(1)));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static (int Rule, bool Holds) Holds(int rule) => (rule, true);

    private static (int Rule, bool Holds) Fails(int rule) => (rule, false);

    private static long Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber;

    /// <summary>A rule set of one rule per condition, bound without the analysis (which would reject a rule that never holds).</summary>
    private static SolverQuery Query(string inputs, params string[] conditions)
    {
        var rules = string.Join("\n", conditions.Select((c, i) => $"  - {{ id: r{i}, when: {c}, then: {{ o: {i} }} }}"));
        var text = $"ruleset: T\ncomplete: false\ninputs:\n  {inputs}\noutputs: {{ o: int }}\nrules:\n{rules}\n";
        var diagnostics = new List<DiagnosticInfo>();
        var root = YamlReader.Read(text, ReaderLimits.Default, diagnostics, CancellationToken.None);
        var model = root is null ? null : Binder.Bind(root, new BindOptions("Tests.Generated", "x.rules.yaml"), diagnostics, CancellationToken.None);
        diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return new SolverQuery(model.ShouldNotBeNull());
    }

    private sealed class SolverQuery
    {
        private readonly ReferenceEvaluator _reference;

        public SolverQuery(RuleSetModel model)
        {
            Model = model;
            _reference = new ReferenceEvaluator(model);
        }

        public RuleSetModel Model { get; }

        public ConditionSolver Solver() => new(Model.Inputs, new Predicates(), new AnalysisBudget(AnalysisBudget.DefaultTotal, CancellationToken.None));

        public Constraint Constraint((int Rule, bool Holds) c) => new(Model.Rules[c.Rule].When, c.Holds);

        public Constraint Holds(int rule) => Constraint((rule, true));

        public Constraint Fails(int rule) => Constraint((rule, false));

        public bool AllHold(IEnumerable<(int Rule, bool Holds)> constraints, IReadOnlyList<Value> input) =>
            constraints.All(c => _reference.Holds(Model.Rules[c.Rule].When, input) == c.Holds);

        /// <summary>Solves, and checks any witness with the reference evaluator, not the solver.</summary>
        public Checked Solve(params (int Rule, bool Holds)[] constraints)
        {
            var result = Solver().Solve(constraints.Select(Constraint).ToArray());
            if (result.Answer == Satisfiability.Satisfiable)
            {
                var witness = result.Witness.ShouldNotBeNull();
                witness.Length.ShouldBe(Model.Inputs.Count);
                for (var i = 0; i < witness.Length; i++)
                {
                    witness[i].Type.ShouldBe(Model.Inputs[i].Type);
                }

                AllHold(constraints, witness).ShouldBeTrue("the witness satisfies every constraint by the reference evaluator");
            }

            return new Checked(result);
        }
    }

    private sealed class Checked
    {
        public Checked(SolveResult result) => Result = result;

        public SolveResult Result { get; }

        public Satisfiability Answer => Result.Answer;

        public Value[]? Witness => Result.Witness;

        public string? WhyUnknown => Result.WhyUnknown;

        public Value[] ShouldBeSatisfiable()
        {
            Result.Answer.ShouldBe(Satisfiability.Satisfiable, Result.WhyUnknown);
            return Result.Witness!;
        }

        public void ShouldBeUnsatisfiable()
        {
            Result.Answer.ShouldBe(Satisfiability.Unsatisfiable);
            Result.Witness.ShouldBeNull();
        }
    }
}
