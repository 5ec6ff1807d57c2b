using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// What the build proves about the logic of a rule set, each finding at its rule with an input that shows it:
/// rules that can never hold (RC3007), <c>unique</c> overlaps and <c>any</c> conflicts (RC3001–RC3004), rules that
/// can never fire because others always win (RC3005), inputs no rule matches (RC3006) and tests implied by the
/// rest of their condition (RC3008). Findings rest on <see cref="ConditionSolver"/>: "unknown" is never reported
/// as a finding. The whole analysis of a file is bounded by an <see cref="AnalysisBudget"/>; past it, RC3011 says
/// what was not checked.
/// </summary>
public sealed class RuleAnalysis
{
    private const int MaxNamedRules = 5;
    private const int MaxCoverMinimizations = 24;

    private readonly RuleSetModel _model;
    private readonly Predicates _predicates;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly AnalysisBudget _budget;
    private readonly ConditionSolver _solver;
    private readonly ReferenceEvaluator _evaluator;
    private readonly OverlapIndex _index;
    private readonly Value[]?[] _examples;
    private readonly bool[] _contradictory;

    private RuleAnalysis(RuleSetModel model, Predicates predicates, List<DiagnosticInfo> diagnostics, AnalysisBudget budget)
    {
        _model = model;
        _predicates = predicates;
        _diagnostics = diagnostics;
        _budget = budget;
        _solver = new ConditionSolver(model.Inputs, predicates, budget);
        _evaluator = new ReferenceEvaluator(model, predicates);
        _index = new OverlapIndex(model);
        _examples = new Value[]?[model.Rules.Count];
        _contradictory = new bool[model.Rules.Count];
    }

    /// <summary>
    /// Runs every check on <paramref name="model"/>, adding its findings to <paramref name="diagnostics"/>. Returns
    /// false when a test can never hold (RC2018): the file is wrong in one place, and nothing else is checked.
    /// </summary>
    public static bool Run(RuleSetModel model, Predicates predicates, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken) =>
        Run(model, predicates, diagnostics, new AnalysisBudget(AnalysisBudget.DefaultTotal, cancellationToken));

    /// <inheritdoc cref="Run(RuleSetModel, Predicates, List{DiagnosticInfo}, CancellationToken)"/>
    public static bool Run(RuleSetModel model, Predicates predicates, List<DiagnosticInfo> diagnostics, AnalysisBudget budget)
    {
        var analysis = new RuleAnalysis(model, predicates, diagnostics, budget);
        if (analysis.FindImpossibleTests())
        {
            return false;
        }

        var count = model.Rules.Count;
        var passes = new Pass[]
        {
            new("checking whether rule '{0}' can hold", "the rules after it, shadowing, gaps and redundant tests", count, analysis.CheckCanHold),
            new("comparing rule '{0}' with the rules before it", "the rules after it, shadowing, gaps and redundant tests", count, analysis.CheckPolicy),
            new("checking whether rule '{0}' can fire", "the rules after it, gaps and redundant tests", count, analysis.CheckShadowed),
            new("looking for inputs that no rule matches", "gaps and redundant tests", 1, _ => analysis.CheckGaps()),
            new("checking the tests of rule '{0}' for redundancy", "the rules after it", count, analysis.CheckRedundantTests),
        };

        foreach (var pass in passes)
        {
            for (var step = 0; step < pass.Steps; step++)
            {
                if (!pass.Check(step) || budget.Exhausted)
                {
                    var doing = string.Format(CultureInfo.InvariantCulture, pass.Doing, pass.Steps == count ? model.Rules[step].Id : string.Empty);
                    analysis.Report(DiagnosticCatalog.AnalysisCapped.At(model.NameSpan, budget.Total.ToString("N0", CultureInfo.InvariantCulture), doing, pass.Skipped));
                    return true;
                }
            }
        }

        return true;
    }

    /// <summary>One kind of check, run for each rule (or once); false from <see cref="Check"/> means the budget ran out.</summary>
    private sealed record Pass(string Doing, string Skipped, int Steps, Func<int, bool> Check);

    private void Report(DiagnosticInfo diagnostic) => _diagnostics.Add(diagnostic);

    private RuleModel Rule(int index) => _model.Rules[index];

    private HitPolicyInfo Policy => _model.Hit.Info();

    /// <summary>
    /// RC3007: a rule no input satisfies. A rule whose tests on each field sit in one operator mapping (or are one
    /// test) holds exactly when each of those holds alone, which <see cref="FindImpossibleTests"/> checked; any other
    /// rule (tests on one field spread over several mappings, or under all / any / not) needs the solver.
    /// </summary>
    private bool CheckCanHold(int rule)
    {
        if (_contradictory[rule] || IsFlat(Rule(rule).When))
        {
            return true;
        }

        var result = _solver.Solve(new Constraint(Rule(rule).When, Holds: true));
        _examples[rule] = result.Witness;
        if (result.Answer == Satisfiability.Unsatisfiable)
        {
            _contradictory[rule] = true;
            var fields = string.Join(", ", Rule(rule).When.Tests().Select(t => "'" + _model.Inputs[t.Field].Name + "'").Distinct());
            Report(DiagnosticCatalog.ContradictoryRule.At(Rule(rule).Span, Rule(rule).Id, "its tests on " + fields + " contradict each other"));
        }

        return !_budget.Exhausted;
    }

    /// <summary>
    /// RC2018: an operator mapping (<c>{ gt: 5, lt: 3 }</c>) or a single test that no value of its field satisfies,
    /// at the mapping. Such a mistake is in one place of the file, so it is an error there, before any other analysis.
    /// </summary>
    private bool FindImpossibleTests()
    {
        var found = false;
        foreach (var rule in _model.Rules)
        {
            _budget.CancellationToken.ThrowIfCancellationRequested();
            foreach (var group in MappingGroups(rule.When))
            {
                // Each on a budget of its own, as a check of one place in the file: it never uses up the file's.
                var tests = group.ToList();
                var solver = new ConditionSolver(_model.Inputs, _predicates, new AnalysisBudget(AnalysisBudget.PerQuery, _budget.CancellationToken));
                if (solver.Solve(new Constraint(new AllCondition(tests.ToEquatableArray<Condition>()), Holds: true)).Answer == Satisfiability.Unsatisfiable)
                {
                    var field = _model.Inputs[tests[0].Field];
                    var where = tests[0].Mapping == default ? tests[0].Span : tests[0].Mapping;
                    Report(DiagnosticCatalog.ImpossibleTest.At(where, field.Name, $"no {field.Type.YamlName()} value satisfies {ConditionYaml.Operators(tests, field)}"));
                    _contradictory[rule.Index] = true;
                    found = true;
                }
            }
        }

        return found;
    }

    /// <summary>The tests of a condition grouped by the operator mapping they were written in (a shorthand test alone).</summary>
    private static IEnumerable<IGrouping<(int Field, SourceSpan Mapping, SourceSpan Span), TestCondition>> MappingGroups(Condition condition) =>
        condition.Tests().GroupBy(test => (test.Field, test.Mapping, test.Mapping == default ? test.Span : default));

    /// <summary>
    /// RC3001–RC3004: pairs that <c>unique</c> or <c>any</c> forbids, reported at the later rule: its first overlap
    /// with an earlier rule, or else the first pair the analysis cannot decide.
    /// </summary>
    private bool CheckPolicy(int later)
    {
        if (!(Policy.ForbidsOverlap || Policy.RequiresEqualOutputs) || _contradictory[later])
        {
            return true;
        }

        DiagnosticInfo? undecided = null;
        foreach (var earlier in _index.MayOverlap(later).TakeWhile(other => other < later))
        {
            var (first, second) = (Rule(earlier), Rule(later));
            if (_contradictory[earlier] || (Policy.RequiresEqualOutputs && OutputValue.AllSame(first.Then, second.Then)))
            {
                continue;
            }

            var result = _solver.Solve(new Constraint(first.When, true), new Constraint(second.When, true));
            var unique = Policy.ForbidsOverlap;
            if (result.Answer == Satisfiability.Satisfiable)
            {
                // One overlap per rule: the earliest. Fixing it shows the next; a flood of pairs helps nobody.
                var yaml = WitnessYaml.Of(_model, result.Witness!, first.When, second.When);
                Report((unique ? DiagnosticCatalog.UniqueOverlap : DiagnosticCatalog.AnyConflict).At(second.Span, first.Id, second.Id, yaml));
                return !_budget.Exhausted;
            }

            if (result.Answer == Satisfiability.Unknown && undecided is null)
            {
                undecided = (unique ? DiagnosticCatalog.UniqueUndecided : DiagnosticCatalog.AnyUndecided).At(second.Span, first.Id, second.Id, result.WhyUnknown!);
            }

            if (_budget.Exhausted)
            {
                return false;
            }
        }

        if (undecided is not null)
        {
            Report(undecided);
        }

        return true;
    }

    /// <summary>RC3005: the rules that beat this one, by the hit policy, hold for every input it matches.</summary>
    private bool CheckShadowed(int rule)
    {
        if (!Policy.SingleResult || Policy.ForbidsOverlap || Policy.RequiresEqualOutputs || _contradictory[rule])
        {
            return true;
        }

        var beating = _index.MayOverlap(rule).Where(other => Beats(other, rule) && !_contradictory[other]).ToList();
        if (beating.Count == 0)
        {
            return true;
        }

        // An input on which the rule holds and none of the rules that beat it does proves that it can fire. Its own
        // example usually is one: this settles most rules of a large set without the solver weighing every rule at once.
        if (Example(rule) is { } firing && !beating.Any(other => _evaluator.Holds(Rule(other).When, firing)))
        {
            return !_budget.Exhausted;
        }

        if (!_solver.IsUnsatisfiable(Covering(rule, beating)))
        {
            return !_budget.Exhausted;
        }

        var cover = Minimize(rule, beating);
        var example = Example(rule);
        if (example is null)
        {
            return !_budget.Exhausted;
        }

        var winner = _evaluator.Winner(example);
        var yaml = WitnessYaml.Of(_model, example, Rule(rule).When, Rule(winner).When);
        Report(DiagnosticCatalog.ShadowedRule.At(Rule(rule).Span, Rule(rule).Id, DescribeCover(cover), yaml, Rule(winner).Id, Advice()));
        return !_budget.Exhausted;
    }

    private List<Constraint> Covering(int rule, IEnumerable<int> others) =>
        others.Select(other => new Constraint(Rule(other).When, Holds: false)).Prepend(new Constraint(Rule(rule).When, Holds: true)).ToList();

    /// <summary>Drops covering rules the cover does not need, so the message names the ones that matter.</summary>
    private List<int> Minimize(int rule, List<int> cover)
    {
        var needed = new List<int>(cover);
        var tries = 0;
        for (var i = needed.Count - 1; i >= 0 && tries < MaxCoverMinimizations && needed.Count > 1; i--, tries++)
        {
            var without = needed.Where((_, position) => position != i).ToList();
            if (_solver.IsUnsatisfiable(Covering(rule, without)))
            {
                needed = without;
            }
        }

        return needed;
    }

    /// <summary>Whether rule <paramref name="other"/> wins over <paramref name="rule"/> whenever both hold.</summary>
    private bool Beats(int other, int rule) => Policy.Outranks(Rule(other), Rule(rule));

    private string DescribeCover(List<int> cover)
    {
        var names = cover.Take(MaxNamedRules).Select(index => $"'{Rule(index).Id}'" + Policy.RankNote(_model, Rule(index))).ToList();
        if (cover.Count > MaxNamedRules)
        {
            names.Add($"{cover.Count - MaxNamedRules} more");
        }

        var list = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];
        return (cover.Count == 1 ? "rule " : "one of the rules ") + list + " also holds and " + Policy.WhyWins;
    }

    private string Advice() => Policy.Advice;

    /// <summary>An input the rule matches: found when its condition was checked, else now.</summary>
    private Value[]? Example(int rule)
    {
        if (_examples[rule] is null)
        {
            _examples[rule] = _solver.Solve(new Constraint(Rule(rule).When, Holds: true)).Witness;
        }

        return _examples[rule];
    }

    /// <summary>RC3006: with no <c>default</c>, an input that no rule matches gets zero outputs, usually by mistake.</summary>
    private bool CheckGaps()
    {
        if (_model.Default is not null || !_model.Complete || !Policy.SingleResult)
        {
            return true;
        }

        var result = _solver.Solve(_model.Rules.Select(rule => new Constraint(rule.When, Holds: false)).ToList());
        if (result.Answer == Satisfiability.Satisfiable)
        {
            var yaml = WitnessYaml.Of(_model, result.Witness!, _model.Rules.Select(rule => rule.When).ToArray());
            Report(DiagnosticCatalog.Gap.At(_model.NameSpan, yaml));
        }

        return !_budget.Exhausted;
    }

    /// <summary>RC3008: a test whose removal leaves the condition equivalent (proven both ways).</summary>
    private bool CheckRedundantTests(int rule)
    {
        var when = Rule(rule).When;
        if (_contradictory[rule])
        {
            return true;
        }

        foreach (var test in when.Tests())
        {
            // In one mapping of fields, a test alone on its field is redundant exactly when it always holds.
            if (IsFlat(when) && when.Tests().Count(t => t.Field == test.Field) == 1)
            {
                if (IsTautology(test))
                {
                    Report(DiagnosticCatalog.RedundantTest.At(test.Span, test.Operator.YamlName(), _model.Inputs[test.Field].Name, Rule(rule).Id, "holds for every value"));
                }

                continue;
            }

            var without = when.Replace(test, AllCondition.Always);
            if (_solver.IsUnsatisfiable(new Constraint(without, true), new Constraint(when, false))
                && _solver.IsUnsatisfiable(new Constraint(when, true), new Constraint(without, false)))
            {
                Report(DiagnosticCatalog.RedundantTest.At(test.Span, test.Operator.YamlName(), _model.Inputs[test.Field].Name, Rule(rule).Id, "is implied by the rest of its condition"));
            }

            if (_budget.Exhausted)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the test holds for every value of its field: an <c>in</c> listing every enum value, <c>gte</c> the type's minimum…</summary>
    private bool IsTautology(TestCondition test)
    {
        var field = _model.Inputs[test.Field];
        var kind = field.Type.Info().Kind;
        if (kind is ValueKind.Text or ValueKind.TextList || !Representatives.IsDecidable(test, field.Type))
        {
            // Of string tests only prefix "" holds for every string; no list test holds for every list.
            return kind == ValueKind.Text && test is { Operator: TestOperator.Prefix } && test.Operands[0].AsString.Length == 0;
        }

        return Representatives.Of(field, new[] { test }).All(value => _predicates.Holds(test, value));
    }

    /// <summary>
    /// Tests joined by <c>all</c> only (no any / not), each field's tests in one operator mapping or a single test:
    /// the condition holds exactly when each field's mapping holds alone.
    /// </summary>
    private static bool IsFlat(Condition condition) =>
        IsConjunction(condition) && MappingGroups(condition).GroupBy(group => group.Key.Field).All(groups => groups.Count() == 1);

    private static bool IsConjunction(Condition condition) => condition switch
    {
        TestCondition => true,
        AllCondition all => all.Items.All(IsConjunction),
        _ => false,
    };
}
