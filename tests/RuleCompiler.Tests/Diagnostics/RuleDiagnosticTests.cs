using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>RC2xxx for rules, outputs, hit policies, aggregates, test cases, and rule sets defined twice.</summary>
public sealed class RuleDiagnosticTests
{
    [Fact]
    public void Duplicate_rule_id_is_RC2019_at_the_second_id() => ShouldReport(
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
          - id: deny-rm
            when: { command: rmdir }
            then: { decision: deny }
        """,
        "RC2019",
        line: 10,
        column: 9,
        "'deny-rm'",
        "line 7");

    [Fact]
    public void Rule_id_with_a_space_is_RC2020_at_the_id() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2020",
        line: 7,
        column: 9,
        "'deny rm'",
        "letters, digits");

    [Fact]
    public void Rule_id_with_a_slash_is_RC2020_at_the_id() => ShouldReport(
        """
        ruleset: Mcp
        inputs:
          method: string
        outputs:
          allowed: bool
        rules:
          - id: tools/call
            when: { method: tools/call }
            then: { allowed: false }
        """,
        "RC2020",
        line: 7,
        column: 9,
        "'tools/call'");

    [Fact]
    public void Then_without_an_output_is_RC2021_at_the_then_mapping() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
          reason: string
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2021",
        line: 10,
        column: 11,
        "'reason'",
        "'deny-rm'");

    [Fact]
    public void Block_then_without_an_output_is_RC2021_at_its_first_key() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
          reason: string
        rules:
          - id: deny-rm
            when: { command: rm }
            then:
              decision: deny
        """,
        "RC2021",
        line: 11,
        column: 7,
        "'reason'",
        "'deny-rm'");

    [Fact]
    public void Default_without_an_output_is_RC2021_at_the_default_mapping() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
          reason: string
        default: { decision: allow }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny, reason: no rm }
        """,
        "RC2021",
        line: 7,
        column: 10,
        "'reason'",
        "'default'");

    [Fact]
    public void Misspelt_output_in_then_is_RC2022_at_the_name() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decison: deny }
        """,
        "RC2022",
        line: 9,
        column: 13,
        "'decison'",
        "decision");

    [Fact]
    public void Misspelt_output_in_expect_is_RC2022_at_the_name() => ShouldReport(
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
        tests:
          - input: { command: rm }
            expect: { decison: deny }
        """,
        "RC2022",
        line: 12,
        column: 15,
        "'decison'",
        "decision");

    [Fact]
    public void Priority_with_the_first_policy_is_RC2023_at_the_priority_key() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            priority: 10
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2023",
        line: 8,
        column: 5,
        "'first'",
        "'hit: priority'");

    [Fact]
    public void Priority_with_the_output_priority_policy_is_RC2023_at_the_priority_key() => ShouldReport(
        """
        ruleset: Shell
        hit: output-priority
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
          - id: allow-ls
            priority: 5
            when: { command: ls }
            then: { decision: allow }
        """,
        "RC2023",
        line: 12,
        column: 5,
        "'output-priority'");

    [Fact]
    public void Output_priority_with_a_string_first_output_is_RC2024_at_that_output() => ShouldReport(
        """
        ruleset: Shell
        hit: output-priority
        inputs:
          command: string
        outputs:
          reason: string
          decision: { enum: [deny, ask, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { reason: no rm, decision: deny }
        """,
        "RC2024",
        line: 6,
        column: 3,
        "'reason'",
        "string",
        "first output an enum");

    [Fact]
    public void Default_with_plain_collect_is_RC2025_at_the_default_key() => ShouldReport(
        """
        ruleset: Audit
        hit: collect
        inputs:
          method: string
        outputs:
          tag: string
        default: { tag: none }
        rules:
          - id: log-all
            then: { tag: all }
        """,
        "RC2025",
        line: 7,
        column: 1,
        "'default'",
        "'aggregate'");

    [Fact]
    public void Average_aggregate_is_RC2026_at_the_aggregate() => ShouldReport(
        """
        ruleset: Cost
        hit: collect
        aggregate: average
        inputs:
          model: string
        outputs:
          cents: int
        rules:
          - id: base
            then: { cents: 1 }
        """,
        "RC2026",
        line: 3,
        column: 12,
        "'average'",
        "sum, min, max or count");

    [Fact]
    public void Aggregate_without_collect_is_RC2026_at_the_aggregate() => ShouldReport(
        """
        ruleset: Cost
        aggregate: sum
        inputs:
          model: string
        outputs:
          cents: int
        rules:
          - id: base
            then: { cents: 1 }
        """,
        "RC2026",
        line: 2,
        column: 12,
        "'hit: collect'");

    [Fact]
    public void Sum_of_a_string_output_is_RC2026_at_the_aggregate() => ShouldReport(
        """
        ruleset: Cost
        hit: collect
        aggregate: sum
        inputs:
          model: string
        outputs:
          tier: string
        rules:
          - id: base
            then: { tier: basic }
        """,
        "RC2026",
        line: 3,
        column: 12,
        "exactly one output",
        "int, long, decimal or double");

    [Fact]
    public void Sum_over_two_outputs_is_RC2026_at_the_aggregate() => ShouldReport(
        """
        ruleset: Cost
        hit: collect
        aggregate: sum
        inputs:
          model: string
        outputs:
          cents: int
          calls: int
        rules:
          - id: base
            then: { cents: 1, calls: 1 }
        """,
        "RC2026",
        line: 3,
        column: 12,
        "exactly one output");

    [Fact]
    public void Test_case_that_checks_nothing_is_RC2034_at_the_case() => ShouldReport(
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
        tests:
          - name: rm is denied
            input: { command: rm }
        """,
        "RC2034",
        line: 11,
        column: 5,
        "'expect', 'rule' or 'rules'");

    [Fact]
    public void Test_case_naming_a_missing_rule_is_RC2034_at_the_rule_id() => ShouldReport(
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
        tests:
          - input: { command: rm }
            rule: deny-rmm
        """,
        "RC2034",
        line: 12,
        column: 11,
        "'deny-rmm'",
        "no rule of this file");

    [Fact]
    public void Rules_list_without_collect_is_RC2034_at_the_list() => ShouldReport(
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
        tests:
          - input: { command: rm }
            rules: [deny-rm]
        """,
        "RC2034",
        line: 12,
        column: 12,
        "'hit: collect'",
        "'rule:'");

    [Fact]
    public void Expect_with_plain_collect_is_RC2034_at_the_expectation() => ShouldReport(
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
        tests:
          - input: { method: ls }
            expect: { tag: all }
        """,
        "RC2034",
        line: 12,
        column: 13,
        "'rules: [...]'");

    [Fact]
    public void Rule_id_expectation_with_collect_is_RC2034_at_the_rule_id() => ShouldReport(
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
        tests:
          - input: { method: ls }
            rule: log-all
        """,
        "RC2034",
        line: 12,
        column: 11,
        "'rules: [...]'");

    [Fact]
    public void Collect_rules_list_naming_a_missing_rule_is_RC2034_at_that_id() => ShouldReport(
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
          - input: { method: tools/call }
            rules: [log-all, log-tool]
        """,
        "RC2034",
        line: 15,
        column: 22,
        "'log-tool'");

    [Fact]
    public void Same_rule_set_in_two_files_is_RC2035_at_the_later_file_which_generates_nothing()
    {
        const string first = """
            ruleset: Shell
            namespace: Acme.Safety
            inputs:
              command: string
            outputs:
              decision: { enum: [deny, allow] }
            default: { decision: allow }
            rules:
              - id: deny-rm
                when: { command: rm }
                then: { decision: deny }
            """;
        const string second = """
            # A stricter variant, copied from a.rules.yaml.
            namespace: Acme.Safety
            ruleset: Shell
            inputs:
              command: string
            outputs:
              decision: { enum: [deny, allow] }
            rules:
              - id: deny-all
                then: { decision: deny }
            """;

        // Given in reverse order: the clash is decided by path order, not by the order files reach the generator.
        var run = GeneratorHarness.Run(new RuleFile("rules/b.rules.yaml", second), new RuleFile("rules/a.rules.yaml", first));
        var all = Of(run);
        var listing = Listing(all);
        ShouldBeWellFormed(all, new Dictionary<string, string> { [FullPath("rules/a.rules.yaml")] = first, [FullPath("rules/b.rules.yaml")] = second });

        var clash = all.ShouldHaveSingleItem(listing);
        clash.Id.ShouldBe("RC2035");
        clash.Path.ShouldBe(FullPath("rules/b.rules.yaml"));
        clash.Message.ShouldContain("'Acme.Safety.Shell'", Case.Sensitive);
        clash.Message.ShouldContain("a.rules.yaml", Case.Sensitive);
        var source = run.Sources.ShouldHaveSingleItem("the first file by path still generates");
        source.SourceText.ToString().ShouldContain("\"deny-rm\"");
        source.SourceText.ToString().ShouldNotContain("\"deny-all\"");
        (clash.Line, clash.Column).ShouldBe((3, 10), "RC2035 belongs at the second file's 'ruleset' value;" + listing);
    }

    [Fact]
    public void Same_rule_set_name_in_two_namespaces_is_no_clash()
    {
        const string template = """
            ruleset: Shell
            namespace: NAMESPACE
            inputs:
              command: string
            outputs:
              decision: { enum: [deny, allow] }
            default: { decision: allow }
            rules:
              - id: deny-rm
                when: { command: rm }
                then: { decision: deny }
            """;

        var run = GeneratorHarness.Run(
            new RuleFile("rules/a.rules.yaml", template.Replace("NAMESPACE", "Acme.Safety")),
            new RuleFile("rules/b.rules.yaml", template.Replace("NAMESPACE", "Acme.Audit")));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.Length.ShouldBe(2);
    }

    [Fact]
    public void Same_rule_set_in_the_default_namespace_twice_is_RC2035()
    {
        const string text = """
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
            """;

        var run = GeneratorHarness.Run(new RuleFile("rules/shell.rules.yaml", text), new RuleFile("rules/shell-copy.rules.yml", text));
        var clash = Of(run).ShouldHaveSingleItem();

        clash.Id.ShouldBe("RC2035");
        clash.Path.ShouldBe(FullPath("rules/shell.rules.yaml"), "'shell-copy.rules.yml' sorts before 'shell.rules.yaml' ordinally");
        clash.Message.ShouldContain("'" + GeneratorHarness.RootNamespace + ".Shell'", Case.Sensitive);
        run.Sources.Length.ShouldBe(1);
        run.Sources.Single().SourceText.ToString().ShouldContain("namespace " + GeneratorHarness.RootNamespace);
    }
}
