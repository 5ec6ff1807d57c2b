using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>
/// RC3xxx, the guarantees of hit: unique and hit: any, reported at the later rule with an input that shows the
/// overlap; and RC4001, a failing rule-file test, reported at its case.
/// </summary>
public sealed class AnalysisDiagnosticTests
{
    private const string Triage = """
        ruleset: Triage
        hit: unique
        inputs:
          command: string
          risk: int
        outputs:
          decision: { enum: [deny, ask, allow] }
        rules:
          - id: risky
            when: { risk: { gte: 7 } }
            then: { decision: ask }
          - id: rm
            when: { command: rm }
            then: { decision: deny }
        complete: false
        """;

    private const string Uploads = """
        ruleset: Uploads
        hit: any
        inputs:
          path: string
          size: int
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: tmp-is-scratch
            when: { path: { prefix: /tmp/ } }
            then: { decision: allow }
          - id: too-big
            when: { size: { gt: 1000000 } }
            then: { decision: deny }
        complete: false
        """;

    private const string Levels = """
        ruleset: Alerts
        hit: unique
        inputs:
          level: { enum: [low, mid, high] }
          source: string
        outputs:
          page: bool
        rules:
          - id: quiet
            when: { level: [low, mid] }
            then: { page: false }
          - id: loud
            when: { all: [ { level: [mid, high] }, { not: { source: test } } ] }
            then: { page: true }
        complete: false
        """;

    [Fact]
    public void Overlapping_unique_rules_are_RC3001_at_the_later_rule() => ShouldReport(
        Triage,
        "RC3001",
        line: 12,
        column: 5,
        "'risky'",
        "'rm'",
        "for example for input { ");

    [Fact]
    public void Unique_overlap_witness_is_pasteable_yaml_for_which_both_rules_hold()
    {
        var overlap = ShouldReport(Triage, "RC3001", line: 12, column: 5);
        var witness = Witnesses.Of(overlap.Message);

        witness.ShouldContain("command: rm", Case.Sensitive);
        witness.ShouldMatch(@"risk: (7|8|9|[1-9][0-9]+)\b");
        BothRulesHold(Triage, "hit: unique", witness, "risky", "rm");
    }

    [Fact]
    public void Unique_rules_overlapping_on_an_enum_value_are_RC3001_with_that_value()
    {
        var overlap = ShouldReport(Levels, "RC3001", line: 12, column: 5, "'quiet'", "'loud'");
        var witness = Witnesses.Of(overlap.Message);

        witness.ShouldContain("level: mid", Case.Sensitive);
        BothRulesHold(Levels, "hit: unique", witness, "quiet", "loud");
    }

    [Fact]
    public void Any_rules_with_different_outputs_that_overlap_are_RC3003_at_the_later_rule()
    {
        var conflict = ShouldReport(Uploads, "RC3003", line: 12, column: 5, "'tmp-is-scratch'", "'too-big'", "for example for input { ");
        var witness = Witnesses.Of(conflict.Message);

        witness.ShouldContain("path: /tmp/", Case.Sensitive);
        BothRulesHold(Uploads, "hit: any", witness, "tmp-is-scratch", "too-big");
    }

    [Fact]
    public void Unique_overlap_witness_over_every_scalar_and_list_type_binds_back_to_an_input_for_which_both_rules_hold()
    {
        const string yaml = """
            ruleset: Mixed
            hit: unique
            inputs:
              command: string
              ratio: double
              price: decimal
              args: string-list
              big: long
            outputs:
              route: { enum: [fast, safe] }
            rules:
              - id: fast
                when: { command: { prefix: git }, ratio: { gt: 0.5 }, price: { lt: 1.25 }, args: { contains: -f }, big: { gt: 9223372036854775806 } }
                then: { route: fast }
              - id: safe
                when: { command: { ne: git }, ratio: { lt: 1 }, price: { gte: 1.2 }, args: { contains-any: [-f, --force] } }
                then: { route: safe }
            complete: false
            """;

        var overlap = ShouldReport(yaml, "RC3001", line: 15, column: 5, "'fast'", "'safe'");
        var witness = Witnesses.Of(overlap.Message);

        witness.ShouldContain("big: 9223372036854775807", Case.Sensitive);
        BothRulesHold(yaml, "hit: unique", witness, "fast", "safe");
    }

    [Fact]
    public void Any_conflict_witness_with_quotes_and_backslashes_binds_back_to_an_input_for_which_both_rules_hold()
    {
        const string yaml = """
            ruleset: Quoting
            hit: any
            inputs:
              command: string
              flag: bool
              level: { enum: [low, mid, high] }
            outputs:
              decision: { enum: [deny, allow] }
            rules:
              - id: quoted-or-flagged
                when: { any: [ { command: "say \"hi\" \\ bye" }, { flag: true } ] }
                then: { decision: allow }
              - id: quoted-and-not-low
                when: { not: { level: low }, command: "say \"hi\" \\ bye" }
                then: { decision: deny }
            complete: false
            """;

        var conflict = ShouldReport(yaml, "RC3003", line: 13, column: 5, "'quoted-or-flagged'", "'quoted-and-not-low'");
        var witness = Witnesses.Of(conflict.Message);

        BothRulesHold(yaml, "hit: any", witness, "quoted-or-flagged", "quoted-and-not-low");
    }

    [Fact]
    public void Overlapping_any_rules_with_equal_outputs_are_no_conflict()
    {
        var run = GeneratorHarness.Run(new RuleFile(FileName, Uploads.Replace("then: { decision: allow }", "then: { decision: deny }")));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.ShouldHaveSingleItem();
    }

    [Fact]
    public void Exclusive_unique_rules_are_no_overlap()
    {
        var run = GeneratorHarness.Run(new RuleFile(FileName, Triage.Replace("{ command: rm }", "{ command: rm, risk: { lt: 7 } }")));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.ShouldHaveSingleItem();
    }

    [Fact]
    public void Unique_rules_on_suffix_and_regex_are_RC3002_warning_at_the_later_rule() => ShouldReport(
        """
        ruleset: Scripts
        hit: unique
        inputs:
          command: string
        outputs:
          kind: { enum: [shell, remove] }
        rules:
          - id: shell-script
            when: { command: { suffix: .sh } }
            then: { kind: shell }
          - id: remove
            when: { command: { regex: "^rm( |$)" } }
            then: { kind: remove }
        complete: false
        """,
        "RC3002",
        line: 11,
        column: 5,
        "'shell-script'",
        "'remove'",
        "regex");

    [Fact]
    public void Unique_rules_with_hundreds_of_alternatives_are_still_proven_exclusive_without_RC3002()
    {
        // 'wide' has 2^9 = 512 alternatives once its any's are multiplied out; the solver never multiplies them out.
        var run = GeneratorHarness.Run(new RuleFile(FileName,
            """
            ruleset: Wide
            hit: unique
            inputs:
              f0: int
              f1: int
              f2: int
              f3: int
              f4: int
              f5: int
              f6: int
              f7: int
              f8: int
            outputs:
              route: { enum: [wide, narrow] }
            rules:
              - id: wide
                when:
                  all:
                    - any: [ { f0: 1 }, { f0: 2 } ]
                    - any: [ { f1: 1 }, { f1: 2 } ]
                    - any: [ { f2: 1 }, { f2: 2 } ]
                    - any: [ { f3: 1 }, { f3: 2 } ]
                    - any: [ { f4: 1 }, { f4: 2 } ]
                    - any: [ { f5: 1 }, { f5: 2 } ]
                    - any: [ { f6: 1 }, { f6: 2 } ]
                    - any: [ { f7: 1 }, { f7: 2 } ]
                    - any: [ { f8: 1 }, { f8: 2 } ]
                then: { route: wide }
              - id: narrow
                when: { f0: { gt: 5 } }
                then: { route: narrow }
            complete: false
            """));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.ShouldHaveSingleItem();
    }

    [Fact]
    public void Any_rules_on_glob_and_regex_with_different_outputs_are_RC3004_warning_at_the_later_rule() => ShouldReport(
        """
        ruleset: Scripts
        hit: any
        inputs:
          command: string
        outputs:
          decision: { enum: [ask, deny] }
        rules:
          - id: scripts-ask
            when: { command: { glob: "*.sh" } }
            then: { decision: ask }
          - id: sudo-denied
            when: { command: { regex: "^sudo " } }
            then: { decision: deny }
        complete: false
        """,
        "RC3004",
        line: 11,
        column: 5,
        "'scripts-ask'",
        "'sudo-denied'",
        "glob");

    [Fact]
    public void Failing_expect_is_RC4001_at_the_test_case() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        default: { decision: allow }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        tests:
          - name: rm is denied
            input: { command: rm }
            expect: { decision: deny }
          - name: rmdir is denied
            input: { command: rmdir }
            expect: { decision: deny }
        """,
        "RC4001",
        line: 15,
        column: 5,
        "'rmdir is denied'",
        "expected { decision: deny }",
        "got { decision: allow }",
        "no rule fired");

    [Fact]
    public void Failing_rule_expectation_of_an_unnamed_flow_case_is_RC4001_at_the_case() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
          - id: allow-rest
            then: { decision: allow }
        tests:
          - { input: { command: rm }, rule: deny-rm }
          - { input: { command: rm -rf }, rule: deny-rm }
        """,
        "RC4001",
        line: 14,
        column: 5,
        "'#2'",
        "rule deny-rm",
        "rule allow-rest");

    [Fact]
    public void Failing_collect_rules_expectation_is_RC4001_at_the_test_case() => ShouldReport(
        """
        ruleset: Audit
        hit: collect
        inputs:
          method: string
        outputs:
          tag: string
        rules:
          - id: log-all
            then: { tag: all }
          - id: log-tools
            when: { method: tools/call }
            then: { tag: tools }
        tests:
          - name: listing tools is logged as a tool call
            input: { method: tools/list }
            rules: [log-all, log-tools]
        """,
        "RC4001",
        line: 14,
        column: 5,
        "'listing tools is logged as a tool call'",
        "rules [log-all, log-tools]",
        "rules [log-all]");

    [Fact]
    public void Failing_aggregate_expectation_is_RC4001_at_the_test_case() => ShouldReport(
        """
        ruleset: Cost
        hit: collect
        aggregate: sum
        inputs:
          premium: bool
        outputs:
          cents: int
        rules:
          - id: base
            then: { cents: 10 }
          - id: premium
            when: { premium: true }
            then: { cents: 5 }
        tests:
          - name: premium adds five
            input: { premium: true }
            expect: { cents: 16 }
        """,
        "RC4001",
        line: 15,
        column: 5,
        "'premium adds five'",
        "{ cents: 16 }",
        "{ cents: 15 }");

    private static void BothRulesHold(string yaml, string policyLine, string witness, string firstRule, string secondRule)
    {
        var (model, input) = Witnesses.Bind(yaml, witness);
        var evaluator = new ReferenceEvaluator(model);

        evaluator.Holds(model.Rules.Single(r => r.Id == firstRule).When, input).ShouldBeTrue($"'{firstRule}' does not hold for {witness}");
        evaluator.Holds(model.Rules.Single(r => r.Id == secondRule).When, input).ShouldBeTrue($"'{secondRule}' does not hold for {witness}");
        model.Hit.ShouldNotBe(RuleCompiler.Language.Model.HitPolicy.First, $"the file's own policy ({policyLine}) is kept");
    }
}
