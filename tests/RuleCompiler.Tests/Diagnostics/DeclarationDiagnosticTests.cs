using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>RC2xxx for the shape of a rule set: keys, names, namespaces, fields, types, enums, hit policy, generated names.</summary>
public sealed class DeclarationDiagnosticTests
{
    [Fact]
    public void Unknown_key_in_a_rule_is_RC2001_at_the_key() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            wen: { command: rm }
            then: { decision: deny }
        """,
        "RC2001",
        line: 8,
        column: 5,
        "'wen'",
        "a rule",
        "when");

    [Fact]
    public void Misspelt_top_level_key_is_RC2001_at_the_key() => ShouldReport(
        """
        ruleset: Shell
        namspace: Acme.Safety
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2001",
        line: 2,
        column: 1,
        "'namspace'",
        "namespace");

    [Fact]
    public void Unknown_key_in_a_test_case_is_RC2001_at_the_key() => ShouldReport(
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
          - inputs: { command: rm }
            expect: { decision: deny }
        """,
        "RC2001",
        line: 11,
        column: 5,
        "'inputs'",
        "a test case",
        "input");

    [Fact]
    public void Unknown_key_in_a_long_form_type_is_RC2001_at_the_key() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
          risk: { type: int, descripton: "0 to 10" }
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2001",
        line: 4,
        column: 22,
        "'descripton'",
        "description");

    [Fact]
    public void Missing_rules_is_RC2002_at_the_rule_set() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        """,
        "RC2002",
        line: 1,
        column: 1,
        "'rules'");

    [Fact]
    public void Rule_without_then_is_RC2002_at_the_rule() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
        """,
        "RC2002",
        line: 7,
        column: 5,
        "'then'",
        "'deny-rm'");

    [Fact]
    public void Rule_without_id_is_RC2002_at_the_rule() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - when: { command: rm }
            then: { decision: deny }
        """,
        "RC2002",
        line: 7,
        column: 5,
        "'id'");

    [Fact]
    public void Inputs_written_as_a_sequence_is_RC2003_at_the_sequence() => ShouldReport(
        """
        ruleset: Shell
        inputs: [command, risk]
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: allow-all
            then: { decision: allow }
        """,
        "RC2003",
        line: 2,
        column: 9,
        "'inputs'",
        "a mapping of field name to type");

    [Fact]
    public void Rules_written_as_a_mapping_is_RC2003_at_the_mapping() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          id: deny-rm
          then: { decision: deny }
        """,
        "RC2003",
        line: 7,
        column: 3,
        "'rules'",
        "a sequence of rules");

    [Fact]
    public void Top_level_key_without_colon_is_RC2003_at_the_root() => ShouldReport(
        """
        ruleset Shell
        """,
        "RC2003",
        line: 1,
        column: 1,
        "A rule file",
        "a mapping");

    [Fact]
    public void Then_written_as_a_bare_value_is_RC2003_at_the_value() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: deny
        """,
        "RC2003",
        line: 9,
        column: 11,
        "'then' of rule 'deny-rm'",
        "mapping");

    [Fact]
    public void Type_with_both_type_and_enum_is_RC2003_at_the_type() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          level: { type: string, enum: [low, high] }
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: allow-all
            then: { decision: allow }
        """,
        "RC2003",
        line: 3,
        column: 10,
        "'level'",
        "exactly one");

    [Fact]
    public void Keyword_as_rule_set_name_is_RC2004_at_the_name() => ShouldReport(
        """
        ruleset: class
        inputs: { x: int }
        outputs: { y: int }
        rules:
          - id: a
            then: { y: 1 }
        """,
        "RC2004",
        line: 1,
        column: 10,
        "'class'",
        "keyword");

    [Fact]
    public void Kebab_case_rule_set_name_is_RC2004_at_the_name() => ShouldReport(
        """
        description: Guards shell commands.
        ruleset: shell-guard
        inputs: { x: int }
        outputs: { y: int }
        rules:
          - id: a
            then: { y: 1 }
        """,
        "RC2004",
        line: 2,
        column: 10,
        "'shell-guard'",
        "C# identifier");

    [Fact]
    public void Namespace_with_an_empty_part_is_RC2005_at_the_namespace() => ShouldReport(
        """
        ruleset: Shell
        namespace: Acme..Safety
        inputs: { x: int }
        outputs: { y: int }
        rules:
          - id: a
            then: { y: 1 }
        """,
        "RC2005",
        line: 2,
        column: 12,
        "'Acme..Safety'",
        "dot-separated identifiers");

    [Fact]
    public void Namespace_with_a_keyword_part_is_RC2005_at_the_namespace() => ShouldReport(
        """
        ruleset: Shell
        namespace: Acme.event.Rules
        inputs: { x: int }
        outputs: { y: int }
        rules:
          - id: a
            then: { y: 1 }
        """,
        "RC2005",
        line: 2,
        column: 12,
        "'Acme.event.Rules'");

    [Fact]
    public void Field_name_with_a_space_is_RC2006_at_the_name() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
          risk score: int
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2006",
        line: 4,
        column: 3,
        "'risk score'",
        "start with a letter");

    [Fact]
    public void Field_name_starting_with_a_digit_is_RC2006_at_the_name() => ShouldReport(
        """
        ruleset: Login
        inputs:
          user: string
          2fa: bool
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-root
            when: { user: root }
            then: { decision: deny }
        """,
        "RC2006",
        line: 4,
        column: 3,
        "'2fa'");

    [Fact]
    public void Snake_and_kebab_spellings_of_one_input_are_RC2007_at_the_second() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          risk_score: int
          risk-score: int
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: allow-all
            then: { decision: allow }
        """,
        "RC2007",
        line: 4,
        column: 3,
        "'risk_score'",
        "'risk-score'",
        "'RiskScore'");

    [Fact]
    public void Camel_and_snake_spellings_of_one_output_are_RC2007_at_the_second() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          maxTokens: int
          max_tokens: int
        rules:
          - id: all
            then: { maxTokens: 1 }
        """,
        "RC2007",
        line: 6,
        column: 3,
        "'maxTokens'",
        "'max_tokens'",
        "'MaxTokens'");

    [Fact]
    public void Input_named_any_is_RC2008_at_the_name() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
          any: bool
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2008",
        line: 4,
        column: 3,
        "'any'",
        "Rename the input");

    [Fact]
    public void Input_named_not_is_RC2008_at_the_name() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          not: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: allow-all
            then: { decision: allow }
        """,
        "RC2008",
        line: 3,
        column: 3,
        "'not'");

    [Fact]
    public void Type_integer_is_RC2009_at_the_type_name() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
          risk: integer
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2009",
        line: 4,
        column: 9,
        "'integer'",
        "int, long");

    [Fact]
    public void Long_form_type_float_is_RC2009_at_the_type_name() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
          score: { type: float, description: "0 to 1" }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2009",
        line: 6,
        column: 18,
        "'float'",
        "double");

    [Fact]
    public void Enum_without_values_is_RC2010_at_the_list() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
          level: { enum: [] }
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2010",
        line: 4,
        column: 18,
        "'level'",
        "no values");

    [Fact]
    public void Enum_value_listed_twice_is_RC2010_at_the_second() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
          reason: { enum: [none, rm, none] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2010",
        line: 6,
        column: 30,
        "'none' is listed twice");

    [Fact]
    public void Enum_values_with_one_CSharp_name_are_RC2010_at_the_second() => ShouldReport(
        """
        ruleset: Files
        inputs:
          user: string
          mode: { enum: [read-only, read_only, read-write] }
        outputs:
          allowed: bool
        rules:
          - id: guests-read
            when: { user: guest }
            then: { allowed: false }
        """,
        "RC2010",
        line: 4,
        column: 29,
        "'read-only'",
        "'read_only'",
        "'ReadOnly'");

    [Fact]
    public void Enum_value_starting_with_a_digit_is_RC2010_at_the_value() => ShouldReport(
        """
        ruleset: Race
        inputs:
          runner: string
          place: { enum: [none, 1st, second] }
        outputs:
          medal: bool
        rules:
          - id: no-medal-for-cheats
            when: { runner: cheat }
            then: { medal: false }
        """,
        "RC2010",
        line: 4,
        column: 25,
        "'1st'");

    [Fact]
    public void String_list_output_is_RC2011_at_the_type() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
          tags: string-list
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2011",
        line: 6,
        column: 9,
        "'tags'",
        "inputs only");

    [Fact]
    public void Misspelt_hit_policy_is_RC2012_at_the_policy() => ShouldReport(
        """
        ruleset: Shell
        hit: fist
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2012",
        line: 2,
        column: 6,
        "'fist'",
        "first, priority");

    [Fact]
    public void Capitalised_hit_policy_is_RC2012_at_the_policy() => ShouldReport(
        """
        ruleset: Shell
        hit: Unique
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2012",
        line: 2,
        column: 6,
        "'Unique'");

    [Fact]
    public void Output_enum_named_like_the_output_record_is_RC2032_at_the_field() => ShouldReport(
        """
        ruleset: Access
        inputs:
          user: string
        outputs:
          output: { enum: [json, text] }
        rules:
          - id: admins-get-json
            when: { user: admin }
            then: { output: json }
        """,
        "RC2032",
        line: 5,
        column: 3,
        "'output'",
        "'AccessOutput'");

    [Fact]
    public void Input_and_output_enums_with_one_name_are_RC2032_at_the_output() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          level: { enum: [low, high] }
        outputs:
          level: { enum: [info, alert] }
        rules:
          - id: escalate
            when: { level: high }
            then: { level: alert }
        """,
        "RC2032",
        line: 5,
        column: 3,
        "'level'",
        "'ShellLevel'");

    [Fact]
    public void Input_named_to_string_is_RC2032_at_the_field() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          to-string: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: allow-all
            then: { decision: allow }
        """,
        "RC2032",
        line: 3,
        column: 3,
        "'to-string'",
        "'ToString'");
}
