using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>RC2xxx for literals and conditions: wrong literals, unknown fields and operators, impossible tests, bad patterns.</summary>
public sealed class ConditionDiagnosticTests
{
    // ---- RC2013: a literal of the wrong type, read by the field's type and never by YAML's guess

    [Fact]
    public void Fraction_for_an_int_is_RC2013_at_the_literal() => ShouldReport(
        Pricing(when: "{ tokens: 2.5 }"),
        "RC2013",
        line: 11,
        column: 21,
        "'2.5'",
        "int",
        "'tokens'",
        "whole number");

    [Fact]
    public void Number_too_large_for_an_int_is_RC2013_at_the_literal() => ShouldReport(
        Pricing(when: "{ tokens: 3000000000 }"),
        "RC2013",
        line: 11,
        column: 21,
        "'3000000000'",
        "'tokens'",
        "does not fit in an int",
        "use long");

    [Fact]
    public void Yes_for_a_bool_is_RC2013_at_the_literal() => ShouldReport(
        Pricing(when: "{ premium: yes }"),
        "RC2013",
        line: 11,
        column: 22,
        "'yes'",
        "bool",
        "'premium'",
        "true or false");

    [Fact]
    public void Value_outside_the_enum_is_RC2013_at_the_literal() => ShouldReport(
        Pricing(when: "{ tier: gold }"),
        "RC2013",
        line: 11,
        column: 19,
        "'gold'",
        "'tier'",
        "free, pro");

    [Fact]
    public void Value_outside_the_enum_in_a_sequence_is_RC2013_at_that_value() => ShouldReport(
        Pricing(when: "{ tier: [free, enterprise] }"),
        "RC2013",
        line: 11,
        column: 26,
        "'enterprise'",
        "'tier'",
        "free, pro");

    [Fact]
    public void Nan_for_a_double_is_RC2013_at_the_literal() => ShouldReport(
        Pricing(when: "{ ratio: .nan }"),
        "RC2013",
        line: 11,
        column: 20,
        "'.nan'",
        "double",
        "'ratio'",
        "NaN");

    [Fact]
    public void Word_in_an_int_list_is_RC2013_at_the_word() => ShouldReport(
        Pricing(when: "{ tokens: [100, \"many\"] }"),
        "RC2013",
        line: 11,
        column: 27,
        "'many'",
        "'tokens'",
        "not a number");

    [Fact]
    public void Word_for_a_decimal_output_is_RC2013_at_the_literal() => ShouldReport(
        Pricing(when: "{ premium: true }", then: "{ price: cheap }"),
        "RC2013",
        line: 12,
        column: 20,
        "'cheap'",
        "decimal",
        "'price'");

    [Fact]
    public void Decimal_comma_is_RC2013_at_the_literal() => ShouldReport(
        """
        ruleset: Pricing
        inputs:
          tokens: int
        outputs:
          price: decimal
        rules:
          - id: base
            then:
              price: 1,50
        """,
        "RC2013",
        line: 9,
        column: 14,
        "'1,50'",
        "decimal",
        "'price'");

    [Fact]
    public void Number_too_large_for_a_long_is_RC2013_at_the_literal() => ShouldReport(
        """
        ruleset: Quota
        inputs:
          bytes: long
        outputs:
          over: bool
        rules:
          - id: huge
            when: { bytes: { gt: 9223372036854775808 } }
            then: { over: true }
        """,
        "RC2013",
        line: 8,
        column: 26,
        "'9223372036854775808'",
        "does not fit in a long");

    [Fact]
    public void Word_for_a_priority_is_RC2013_at_the_literal() => ShouldReport(
        """
        ruleset: Shell
        hit: priority
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            priority: high
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2013",
        line: 9,
        column: 15,
        "'high'",
        "priority");

    [Fact]
    public void Yes_for_ignore_case_is_RC2013_at_the_literal_naming_the_operator() => ShouldReport(
        Shell(when: "{ command: { ignore-case: yes, eq: rm } }"),
        "RC2013",
        line: 11,
        column: 37,
        "'yes'",
        "bool",
        "'ignore-case'");

    [Fact]
    public void Yes_for_empty_is_RC2013_at_the_literal_naming_the_operator() => ShouldReport(
        Shell(when: "{ args: { empty: yes } }"),
        "RC2013",
        line: 11,
        column: 28,
        "'yes'",
        "bool",
        "'empty'");

    // ---- RC2014: a condition or test input names a field that is not declared

    [Fact]
    public void Misspelt_input_in_a_condition_is_RC2014_at_the_name() => ShouldReport(
        Shell(when: "{ comand: rm }"),
        "RC2014",
        line: 11,
        column: 13,
        "'comand'",
        "command, risk, level, args");

    [Fact]
    public void Misspelt_input_inside_not_is_RC2014_at_the_name() => ShouldReport(
        Shell(when: "{ not: { comand: rm } }"),
        "RC2014",
        line: 11,
        column: 20,
        "'comand'");

    [Fact]
    public void Misspelt_input_in_a_test_case_is_RC2014_at_the_name() => ShouldReport(
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
          - input: { comand: rm }
            expect: { decision: deny }
        """,
        "RC2014",
        line: 11,
        column: 14,
        "'comand'",
        "command");

    // ---- RC2015: an operator that does not exist, or not for the field's type

    [Fact]
    public void Lt_on_a_string_is_RC2015_at_the_operator() => ShouldReport(
        Shell(when: "{ command: { lt: m } }"),
        "RC2015",
        line: 11,
        column: 24,
        "'lt'",
        "'command'",
        "string field",
        "prefix");

    [Fact]
    public void Regex_on_an_int_is_RC2015_at_the_operator() => ShouldReport(
        Shell(when: "{ risk: { regex: \"^[0-9]+$\" } }"),
        "RC2015",
        line: 11,
        column: 21,
        "'regex'",
        "'risk'",
        "int field",
        "between");

    [Fact]
    public void Misspelt_operator_is_RC2015_at_the_operator() => ShouldReport(
        Shell(when: "{ command: { prefx: git } }"),
        "RC2015",
        line: 11,
        column: 24,
        "'prefx'",
        "prefix");

    [Fact]
    public void Eq_on_a_string_list_is_RC2015_at_the_operator() => ShouldReport(
        Shell(when: "{ args: { eq: rm } }"),
        "RC2015",
        line: 11,
        column: 21,
        "'eq'",
        "'args'",
        "string-list field",
        "contains-any");

    // ---- RC2017: shorthands on a string-list

    [Fact]
    public void Bare_value_on_a_string_list_is_RC2017_at_the_value() => ShouldReport(
        Shell(when: "{ args: -rf }"),
        "RC2017",
        line: 11,
        column: 19,
        "'args'",
        "contains");

    [Fact]
    public void Sequence_on_a_string_list_is_RC2017_at_the_sequence() => ShouldReport(
        Shell(when: "{ args: [-rf, /] }"),
        "RC2017",
        line: 11,
        column: 19,
        "'args'",
        "contains-all");

    // ---- RC2018: a test mapping whose operators contradict each other

    [Fact]
    public void Gt_5_and_lt_3_is_RC2018_at_the_test() => ShouldReport(
        Shell(when: "{ risk: { gt: 5, lt: 3 } }"),
        "RC2018",
        line: 11,
        column: 19,
        "'risk'",
        "gt: 5, lt: 3");

    [Fact]
    public void Eq_and_ne_of_one_string_is_RC2018_at_the_test() => ShouldReport(
        Shell(when: "{ command: { eq: rm, ne: rm } }"),
        "RC2018",
        line: 11,
        column: 22,
        "'command'",
        "eq: rm, ne: rm");

    [Fact]
    public void In_small_values_and_gt_9_is_RC2018_at_the_test() => ShouldReport(
        Shell(when: "{ risk: { in: [1, 2], gt: 9 } }"),
        "RC2018",
        line: 11,
        column: 19,
        "'risk'",
        "in: [1, 2], gt: 9");

    [Fact]
    public void Disjoint_between_and_gte_is_RC2018_at_the_test() => ShouldReport(
        Shell(when: "{ risk: { between: [1, 3], gte: 4 } }"),
        "RC2018",
        line: 11,
        column: 19,
        "between: [1, 3], gte: 4");

    [Fact]
    public void Gt_the_largest_int_is_RC2018_at_the_test() => ShouldReport(
        Shell(when: "{ risk: { gt: 2147483647 } }"),
        "RC2018",
        line: 11,
        column: 19,
        "'risk'",
        "gt: 2147483647");

    [Fact]
    public void Enum_in_and_eq_of_another_value_is_RC2018_at_the_test() => ShouldReport(
        Shell(when: "{ level: { in: [low, mid], eq: high } }"),
        "RC2018",
        line: 11,
        column: 20,
        "'level'",
        "in: [low, mid], eq: high");

    [Fact]
    public void Empty_list_that_contains_a_value_is_RC2018_at_the_test() => ShouldReport(
        Shell(when: "{ args: { empty: true, contains: rm } }"),
        "RC2018",
        line: 11,
        column: 19,
        "'args'",
        "empty: true, contains: rm");

    // ---- RC2027 / RC2028: regexes that do not parse, or need backtracking

    [Fact]
    public void Unbalanced_parenthesis_in_a_regex_is_RC2027_at_the_pattern() => ShouldReport(
        Shell(when: "{ command: { regex: \"git (push\" } }"),
        "RC2027",
        line: 11,
        column: 31,
        "'git (push'");

    [Fact]
    public void Glob_written_as_a_regex_is_RC2027_at_the_pattern() => ShouldReport(
        Shell(when: "{ command: { regex: \"*.sh\" } }"),
        "RC2027",
        line: 11,
        column: 31,
        "'*.sh'",
        "Quantifier");

    [Fact]
    public void Backreference_in_a_regex_is_RC2028_at_the_pattern() => ShouldReport(
        Shell(when: @"{ command: { regex: '(\w+) \1' } }"),
        "RC2028",
        line: 11,
        column: 31,
        @"'(\w+) \1'",
        "backtracking",
        "backreferences");

    [Fact]
    public void Lookahead_in_a_regex_is_RC2028_at_the_pattern() => ShouldReport(
        Shell(when: "{ command: { regex: '^git(?= push)' } }"),
        "RC2028",
        line: 11,
        column: 31,
        "'^git(?= push)'",
        "backtracking");

    [Fact]
    public void Lookbehind_in_a_regex_is_RC2028_at_the_pattern() => ShouldReport(
        Shell(when: "{ command: { regex: '(?<=sudo )rm' } }"),
        "RC2028",
        line: 11,
        column: 31,
        "'(?<=sudo )rm'");

    [Fact]
    public void Atomic_group_in_a_regex_is_RC2028_at_the_pattern() => ShouldReport(
        Shell(when: "{ command: { regex: '(?>a+)b' } }"),
        "RC2028",
        line: 11,
        column: 31,
        "'(?>a+)b'");

    // ---- RC2029: a glob that ends with a lone backslash

    [Fact]
    public void Windows_path_glob_ending_in_a_backslash_is_RC2029_at_the_pattern() => ShouldReport(
        Shell(when: @"{ command: { glob: 'C:\Windows\' } }"),
        "RC2029",
        line: 11,
        column: 30,
        @"'C:\Windows\'",
        @"'\\'");

    // ---- RC2030: sequences and mappings that must not be empty

    [Fact]
    public void Empty_rules_is_RC2030_at_the_sequence() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules: []
        """,
        "RC2030",
        line: 6,
        column: 8,
        "'rules' must not be empty");

    [Fact]
    public void Empty_inputs_is_RC2030_at_the_mapping() => ShouldReport(
        """
        ruleset: Shell
        inputs: {}
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: allow-all
            then: { decision: allow }
        """,
        "RC2030",
        line: 2,
        column: 9,
        "'inputs' must not be empty");

    [Fact]
    public void Empty_any_is_RC2030_at_the_sequence() => ShouldReport(
        Shell(when: "{ any: [] }"),
        "RC2030",
        line: 11,
        column: 18,
        "'any' must not be empty");

    [Fact]
    public void Empty_in_is_RC2030_at_the_sequence() => ShouldReport(
        Shell(when: "{ command: { in: [] } }"),
        "RC2030",
        line: 11,
        column: 28,
        "'in' on 'command' must not be empty");

    [Fact]
    public void Empty_contains_any_is_RC2030_at_the_sequence() => ShouldReport(
        Shell(when: "{ args: { contains-any: [] } }"),
        "RC2030",
        line: 11,
        column: 35,
        "'contains-any' on 'args' must not be empty");

    [Fact]
    public void Empty_operator_mapping_is_RC2030_at_the_mapping() => ShouldReport(
        Shell(when: "{ command: {} }"),
        "RC2030",
        line: 11,
        column: 22,
        "'command'");

    [Fact]
    public void Ignore_case_alone_is_RC2030_at_the_mapping() => ShouldReport(
        Shell(when: "{ command: { ignore-case: true } }"),
        "RC2030",
        line: 11,
        column: 22,
        "ignore-case alone tests nothing");

    // ---- RC2031: between needs [lo, hi] with lo <= hi

    [Fact]
    public void Between_with_lo_above_hi_is_RC2031_at_the_pair() => ShouldReport(
        Shell(when: "{ risk: { between: [9, 1] } }"),
        "RC2031",
        line: 11,
        column: 30,
        "[9, 1]",
        "lo is above its hi");

    [Fact]
    public void Between_with_three_values_is_RC2031_at_the_sequence() => ShouldReport(
        Shell(when: "{ risk: { between: [1, 5, 9] } }"),
        "RC2031",
        line: 11,
        column: 30,
        "3 values");

    [Fact]
    public void Between_with_one_value_is_RC2031_at_the_value() => ShouldReport(
        Shell(when: "{ risk: { between: 5 } }"),
        "RC2031",
        line: 11,
        column: 30,
        "a single value");

    /// <summary>
    /// A rule set whose one rule has <paramref name="when"/> on line 11: "    when: " is 10 characters, so the
    /// n-th character of <paramref name="when"/> stands at column 10 + n.
    /// </summary>
    private static string Shell(string when) => $$"""
        ruleset: Shell
        inputs:
          command: string
          risk: int
          level: { enum: [low, mid, high] }
          args: string-list
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: r
            when: {{when}}
            then: { decision: deny }
        """;

    /// <summary>Like <see cref="Shell"/>: <paramref name="when"/> on line 11 and <paramref name="then"/> on line 12, both from column 11.</summary>
    private static string Pricing(string when, string then = "{ price: 1 }") => $$"""
        ruleset: Pricing
        inputs:
          tokens: int
          premium: bool
          tier: { enum: [free, pro] }
          ratio: double
        outputs:
          price: decimal
        rules:
          - id: r
            when: {{when}}
            then: {{then}}
        """;
}
