using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>
/// RC3005–RC3011: what the analysis proves about the logic of a rule set, each at its rule with an input that shows
/// it; every example input is pasted back into the file as a test case and checked with the reference evaluator.
/// </summary>
public sealed class RuleLogicDiagnosticTests
{
    private const string Shell = """
        ruleset: Shell
        inputs:
          command: string
          args: string-list
          risk: int
        outputs:
          decision: { enum: [deny, ask, allow] }
        default: { decision: allow }
        rules:
          - id: deny-rm-recursive
            when: { command: rm, args: { contains-any: [-r, -R] } }
            then: { decision: deny }
          - id: ask-risky
            when: { risk: { gte: 5 } }
            then: { decision: ask }
          - id: ask-rm-r
            when: { command: rm, args: { contains: -r }, risk: { between: [0, 9] } }
            then: { decision: ask }
        """;

    [Fact]
    public void A_rule_that_earlier_rules_always_beat_is_RC3005_naming_them_with_an_input_where_one_fires()
    {
        var shadowed = ShouldReport(Shell, "RC3005", line: 16, column: 5, "Rule 'ask-rm-r' can never fire", "rule 'deny-rm-recursive' also holds and comes earlier in the file");

        var (model, input) = Witnesses.Bind(Shell, Witnesses.Of(shadowed.Message));
        var evaluator = new ReferenceEvaluator(model);
        evaluator.Holds(model.Rules.Single(r => r.Id == "ask-rm-r").When, input).ShouldBeTrue("the example must match the shadowed rule");
        model.Rules[evaluator.Evaluate(input).RuleIndex].Id.ShouldBe("deny-rm-recursive");
        shadowed.Message.ShouldContain("rule 'deny-rm-recursive' fires instead", Case.Sensitive);
    }

    [Fact]
    public void A_rule_covered_only_by_two_earlier_rules_together_is_RC3005_naming_both()
    {
        const string yaml = """
            ruleset: Tiers
            inputs:
              tier: { enum: [free, pro, team] }
              seats: int
            outputs:
              price: int
            default: { price: 0 }
            rules:
              - id: small
                when: { seats: { lt: 10 } }
                then: { price: 1 }
              - id: large
                when: { seats: { gte: 10 } }
                then: { price: 2 }
              - id: team
                when: { tier: team }
                then: { price: 3 }
            """;

        var shadowed = ShouldReport(yaml, "RC3005", line: 15, column: 5, "Rule 'team' can never fire", "one of the rules 'small' or 'large' also holds");
        var (model, input) = Witnesses.Bind(yaml, Witnesses.Of(shadowed.Message));
        new ReferenceEvaluator(model).Evaluate(input).RuleIndex.ShouldBeLessThan(2);
    }

    [Fact]
    public void Under_priority_a_rule_beaten_by_a_higher_priority_rule_is_RC3005_at_the_weaker_rule()
    {
        const string yaml = """
            ruleset: Access
            hit: priority
            inputs:
              role: { enum: [guest, admin] }
            outputs:
              allow: bool
            default: { allow: false }
            rules:
              - id: admins-maybe
                priority: 1
                when: { role: admin }
                then: { allow: true }
              - id: everyone-no
                priority: 5
                then: { allow: false }
            """;

        ShouldReport(yaml, "RC3005", line: 9, column: 5, "Rule 'admins-maybe' can never fire", "rule 'everyone-no' (priority 5) also holds and wins by priority", "give it a higher priority");
    }

    [Fact]
    public void Under_output_priority_a_rule_whose_output_always_loses_is_RC3005()
    {
        const string yaml = """
            ruleset: Guard
            hit: output-priority
            inputs:
              command: string
            outputs:
              decision: { enum: [deny, ask, allow] }
            default: { decision: allow }
            rules:
              - id: allow-git
                when: { command: { prefix: git } }
                then: { decision: allow }
              - id: ask-g
                when: { command: { prefix: g } }
                then: { decision: ask }
            """;

        var shadowed = ShouldReport(yaml, "RC3005", line: 9, column: 5, "Rule 'allow-git' can never fire", "rule 'ask-g' (decision: ask) also holds and wins by output priority");
        Witnesses.Of(shadowed.Message).ShouldStartWith("{ command: git");
    }

    [Fact]
    public void A_rule_that_only_partly_overlaps_earlier_rules_is_no_RC3005()
    {
        var run = GeneratorHarness.Run(new RuleFile(FileName, Shell.Replace("args: { contains: -r }", "args: { contains: -f }")));

        run.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_rule_set_without_default_that_misses_some_inputs_is_RC3006_with_an_input_no_rule_matches()
    {
        const string yaml = """
            ruleset: Router
            inputs:
              capability: { enum: [code, review, deploy] }
              urgent: bool
            outputs:
              agent: string
            rules:
              - id: coder
                when: { capability: code }
                then: { agent: coder }
              - id: reviewer
                when: { capability: review }
                then: { agent: reviewer }
              - id: urgent-deploy
                when: { capability: deploy, urgent: true }
                then: { agent: pager }
            """;

        var gap = ShouldReport(yaml, "RC3006", line: 1, column: 10, "{ capability: deploy, urgent: false }", "'complete: false'");
        var (model, input) = Witnesses.Bind(yaml, Witnesses.Of(gap.Message));
        new ReferenceEvaluator(model).Evaluate(input).Matched.ShouldBeFalse();
    }

    [Fact]
    public void Complete_false_or_a_default_or_a_catch_all_rule_silences_RC3006()
    {
        const string yaml = """
            ruleset: Router
            inputs:
              capability: { enum: [code, deploy] }
            outputs:
              agent: string
            rules:
              - id: coder
                when: { capability: code }
                then: { agent: coder }
            """;

        GeneratorHarness.Run(new RuleFile(FileName, yaml)).Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("RC3006");
        GeneratorHarness.Run(new RuleFile(FileName, yaml + "\ncomplete: false\n")).Diagnostics.ShouldBeEmpty();
        GeneratorHarness.Run(new RuleFile(FileName, yaml + "\ndefault: { agent: nobody }\n")).Diagnostics.ShouldBeEmpty();
        GeneratorHarness.Run(new RuleFile(FileName, yaml.Replace("capability: code", "capability: [code, deploy]"))).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Rules_that_cover_every_enum_value_and_both_bools_are_no_RC3006()
    {
        const string yaml = """
            ruleset: Matrix
            inputs:
              level: { enum: [low, high] }
              flag: bool
              n: int
            outputs:
              cell: int
            rules:
              - { id: a, when: { level: low, flag: true }, then: { cell: 1 } }
              - { id: b, when: { level: low, flag: false, n: { lt: 0 } }, then: { cell: 2 } }
              - { id: c, when: { level: low, n: { gte: 0 } }, then: { cell: 3 } }
              - { id: d, when: { level: high }, then: { cell: 4 } }
            """;

        GeneratorHarness.Run(new RuleFile(FileName, yaml)).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Complete_must_be_a_bool_RC2013()
    {
        ShouldReport(
            """
            ruleset: Router
            complete: maybe
            inputs: { capability: string }
            outputs: { agent: string }
            rules:
              - { id: any, then: { agent: x } }
            """,
            "RC2013",
            line: 2,
            column: 11,
            "'maybe'",
            "'complete'");
    }

    [Fact]
    public void A_rule_whose_nested_tests_contradict_each_other_is_RC3007_error_and_generates_nothing() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
          risk: int
        outputs:
          decision: { enum: [deny, allow] }
        default: { decision: allow }
        rules:
          - id: never
            when:
              risk: { gt: 5 }
              any:
                - { risk: { lt: 3 } }
                - all: [ { command: rm }, { not: { command: { prefix: r } } } ]
            then: { decision: deny }
        """,
        "RC3007",
        line: 9,
        column: 5,
        "Rule 'never' can never hold",
        "'risk'",
        "'command'");

    // A contradiction wholly inside one all: list, each entry satisfiable alone, was once missed: the rule looked like
    // one flat mapping of fields, which the binder had checked mapping by mapping.
    [Theory]
    [InlineData("all: [ { risk: { gt: 5 } }, { risk: { lt: 3 } } ]")]
    [InlineData("all: [ { command: rm }, { command: ls } ]")]
    [InlineData("all: [ { all: [ { risk: { gte: 10 } } ] }, { risk: 2 } ]")]
    [InlineData("any: [ { all: [ { risk: 1 }, { risk: 2 } ] }, { all: [ { command: { prefix: r } }, { command: ls } ] } ]")]
    [InlineData("not: { any: [ { risk: { gt: 1 } }, { risk: { lte: 1 } } ] }")]
    [InlineData("risk: { gt: 5 }\n      all: [ { risk: { lt: 3 } } ]")]
    public void A_contradiction_anywhere_in_all_any_or_not_is_RC3007(string condition) => ShouldReport(
        $$"""
        ruleset: Shell
        inputs:
          command: string
          risk: int
        outputs:
          decision: { enum: [deny, allow] }
        default: { decision: allow }
        rules:
          - id: never
            when:
              {{condition}}
            then: { decision: deny }
        """,
        "RC3007",
        line: 9,
        column: 5,
        "Rule 'never' can never hold");

    [Fact]
    public void A_test_implied_by_the_rest_of_its_condition_is_RC3008_information_at_that_test()
    {
        const string yaml = """
            ruleset: Shell
            inputs:
              command: string
              risk: int
            outputs:
              decision: { enum: [deny, allow] }
            default: { decision: allow }
            rules:
              - id: risky-rm
                when: { command: rm, risk: { gt: 7, gte: 5 } }
                then: { decision: deny }
            """;

        var redundant = ShouldReport(yaml, "RC3008", line: 10, column: 46, "The test 'gte' on 'risk' in rule 'risky-rm' is implied by the rest of its condition");
        redundant.Severity.ShouldBe(Microsoft.CodeAnalysis.DiagnosticSeverity.Info);
    }

    [Fact]
    public void A_test_that_holds_for_every_value_is_RC3008_information() => ShouldReport(
        """
        ruleset: Tiers
        inputs:
          tier: { enum: [free, pro] }
          seats: int
        outputs:
          price: int
        default: { price: 0 }
        rules:
          - id: big
            when: { tier: [free, pro], seats: { gt: 100 } }
            then: { price: 9 }
        """,
        "RC3008",
        line: 10,
        column: 19,
        "The test 'in' on 'tier' in rule 'big' holds for every value");

    [Fact]
    public void Tests_that_each_narrow_the_condition_are_no_RC3008()
    {
        var run = GeneratorHarness.Run(new RuleFile(FileName, Shell));

        run.Messages.Where(m => m.Id == "RC3008").ShouldBeEmpty();
    }

    [Fact]
    public void A_rule_no_test_case_exercises_is_RC3009_information_and_the_file_gets_an_RC3010_summary()
    {
        var yaml = Shell + "\n" + """
            tests:
              - input: { command: rm, args: [-r] }
                rule: deny-rm-recursive
              - input: { command: rm, args: [-R], risk: 7 }
                rule: deny-rm-recursive
            """;

        var run = GeneratorHarness.Run(new RuleFile(FileName, yaml));
        var messages = run.Messages.Select(RuleFileDiagnostics.ToReported).ToList();

        var uncovered = messages.Where(m => m.Id == "RC3009").ToList();
        uncovered.Select(m => m.Message).ShouldBe(new[]
        {
            "Rule 'ask-risky' is not exercised by the file's 'tests:' (no case makes it fire). Add a case whose input it matches.",
            "Rule 'ask-rm-r' is not exercised by the file's 'tests:' (no case makes it fire). Add a case whose input it matches.",
        });
        uncovered.Select(m => (m.Line, m.Column)).ShouldBe(new[] { (13, 5), (16, 5) });
        var summary = messages.Where(m => m.Id == "RC3010").ShouldHaveSingleItem();
        summary.Message.ShouldBe("Rule coverage: 1 of 3 rules are exercised by the file's 'tests:' (33 %).");
        (summary.Line, summary.Column).ShouldBe((1, 10));
    }

    [Fact]
    public void RC3009_names_the_first_hundred_untested_rules_and_RC3010_counts_the_rest()
    {
        var rules = string.Concat(Enumerable.Range(0, 150).Select(i => $"  - {{ id: r{i}, when: {{ code: {i} }}, then: {{ decision: deny }} }}\n"));
        var yaml = "ruleset: Table\ninputs: { code: int }\noutputs: { decision: { enum: [deny] } }\nrules:\n" + rules
            + "tests:\n  - input: { code: 7 }\n    rule: r7\n";

        var messages = GeneratorHarness.Run(new RuleFile("rules/table.rules.yaml", yaml)).Messages.Select(RuleFileDiagnostics.ToReported).ToList();

        var uncovered = messages.Where(m => m.Id == "RC3009").ToList();
        uncovered.Count.ShouldBe(RuleCoverage.MaxListedRules);
        uncovered[0].Message.ShouldStartWith("Rule 'r0' ");
        uncovered[^1].Message.ShouldStartWith("Rule 'r100' ", customMessage: "r7 is tested, so the hundredth untested rule is r100");
        messages.Where(m => m.Id == "RC3010").ShouldHaveSingleItem().Message.ShouldBe(
            "Rule coverage: 1 of 150 rules are exercised by the file's 'tests:' (0 %). RC3009 names the first 100 of the 149 rules that are not.");
    }

    [Fact]
    public void With_RuleCompilerRequireRuleCoverage_RC3009_is_a_warning()
    {
        var unshadowed = Shell.Replace("args: { contains: -r }", "args: { contains: -f }");
        var driver = GeneratorHarness.NewDriver(new[] { new RuleFile(FileName, unshadowed) }, buildProperties: new Dictionary<string, string> { ["RuleCompilerRequireRuleCoverage"] = "true" });
        var run = GeneratorHarness.Run(driver, GeneratorHarness.NewCompilation());

        run.Diagnostics.Where(d => d.Id == "RC3009").Count().ShouldBe(3);
        run.Diagnostics.ShouldAllBe(d => d.Id == "RC3009" && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        run.Sources.ShouldHaveSingleItem("coverage warnings do not stop generation");
    }

    [Fact]
    public void Analysis_past_its_budget_stops_with_RC3011_information_and_the_file_still_generates()
    {
        var file = RuleFileWriter.Ranges(400, seed: 7, "first");
        var run = GeneratorHarness.Run(file);

        var capped = run.Messages.Select(RuleFileDiagnostics.ToReported).Where(m => m.Id == "RC3011").ShouldHaveSingleItem();
        capped.Message.ShouldContain("stopped at its budget of 20,000,000 steps", Case.Sensitive);
        capped.Message.ShouldContain("were not checked", Case.Sensitive);
        run.Errors.ShouldBeEmpty();
        run.Sources.ShouldHaveSingleItem();
    }
}
