using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Tests.Hardening;

/// <summary>
/// The analysis never reports a false finding: on random rule sets, every finding is checked against the reference
/// evaluator on its own example input and on thousands of seeded inputs (a rule said never to hold never holds, a
/// rule said never to fire never fires, a test said redundant never changes its condition's answer).
/// </summary>
public sealed class AnalysisSoundnessTests
{
    private const int Sets = 120;
    private const int InputsPerSet = 1_500;

    private readonly ITestOutputHelper _output;

    public AnalysisSoundnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_finding_on_random_rule_sets_is_confirmed_by_the_reference_evaluator()
    {
        var confirmed = new SortedDictionary<string, int>();
        for (var seed = 1; seed <= Sets; seed++)
        {
            var set = RandomRuleSet.Create(seed, 2 + (seed * 7 % 25));
            var yaml = set.Yaml();
            var model = Witnesses.BindOnly(yaml).ShouldNotBeNull();
            var findings = new List<DiagnosticInfo>();
            RuleAnalysis.Run(model, new Predicates(), findings, CancellationToken.None);
            // The analysis reasons about the language's values: an enum input takes its declared values (an int cast to
            // an undeclared one is the caller's mistake, which generated code and the reference still agree on).
            var rows = new InputGenerator(model, seed).Rows(InputsPerSet).Where(row => model.Inputs.All(input => IsDeclared(input, row[input.Index]))).ToList();
            var evaluator = new ReferenceEvaluator(model);
            foreach (var finding in findings)
            {
                var context = $"seed {seed}: {finding}\n{yaml}";
                Confirm(model, yaml, evaluator, rows, finding, context);
                confirmed[finding.Id] = confirmed.TryGetValue(finding.Id, out var count) ? count + 1 : 1;
            }
        }

        _output.WriteLine("confirmed findings: " + string.Join(", ", confirmed.Select(pair => $"{pair.Key} x{pair.Value}")));
        foreach (var id in new[] { "RC3005", "RC3006", "RC3007", "RC3008" })
        {
            confirmed.ShouldContainKey(id, "random rule sets should give every kind of finding, or this test checks nothing of it");
        }
    }

    private static bool IsDeclared(FieldModel input, Value value) =>
        input.Type != FieldType.Enum || (value.Integer >= 0 && value.Integer < input.EnumValues.Count);

    private static void Confirm(RuleSetModel model, string yaml, ReferenceEvaluator evaluator, List<Value[]> rows, DiagnosticInfo finding, string context)
    {
        int RuleIndex(string id) => model.Rules.Single(rule => rule.Id == id).Index;

        switch (finding.Id)
        {
            case "RC3007":
                var never = model.Rules[RuleIndex(finding.Arguments[0])];
                rows.ShouldAllBe(row => !evaluator.Holds(never.When, row), context);
                break;
            case "RC3005":
                var shadowed = RuleIndex(finding.Arguments[0]);
                rows.ShouldAllBe(row => evaluator.Winner(row) != shadowed, context);
                var (_, example) = Witnesses.Bind(yaml, Witnesses.Of(finding.Message));
                evaluator.Holds(model.Rules[shadowed].When, example).ShouldBeTrue(context);
                evaluator.Winner(example).ShouldBe(RuleIndex(finding.Arguments[3]), context);
                break;
            case "RC3006":
                var (_, unmatched) = Witnesses.Bind(yaml, Witnesses.Of(finding.Message));
                evaluator.HoldingRules(unmatched).ShouldBeEmpty(context);
                break;
            case "RC3008":
                var rule = model.Rules[RuleIndex(finding.Arguments[2])];
                var test = rule.When.Tests().Single(t => t.Span == finding.Span);
                var without = rule.When.Replace(test, AllCondition.Always);
                rows.ShouldAllBe(row => evaluator.Holds(rule.When, row) == evaluator.Holds(without, row), context);
                break;
            case "RC3001":
            case "RC3003":
                var (_, both) = Witnesses.Bind(yaml, Witnesses.Of(finding.Message));
                evaluator.Holds(model.Rules[RuleIndex(finding.Arguments[0])].When, both).ShouldBeTrue(context);
                evaluator.Holds(model.Rules[RuleIndex(finding.Arguments[1])].When, both).ShouldBeTrue(context);
                break;
            case "RC3002":
            case "RC3004":
            case "RC3011":
                break;
            default:
                throw new ShouldAssertException("unexpected finding " + context);
        }
    }
}
