using System.Linq;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>
/// Computed outputs (§10): every mistake inside a template or an expression is one diagnostic at its column inside
/// the string, and a file with one generates no code.
/// </summary>
public sealed class ComputedOutputDiagnosticTests
{
    // In Pricing(...) the note's value starts at (14,13) and the cost's at (15,13). In `{ expr: "..." }` at column 13
    // the string's first character is at column 22; in `{ template: "..." }` at column 26.
    private const int ExprText = 22;
    private const int TemplateText = 26;

    [Fact]
    public void A_template_on_a_number_output_is_RC2036_at_the_key() => ShouldReport(
        Pricing(cost: "{ template: \"{tokens}\" }"),
        "RC2036",
        line: 15,
        column: 15,
        "A template writes a string, but output 'cost' is of type decimal");

    [Fact]
    public void An_expression_on_a_string_output_is_RC2036_at_the_key() => ShouldReport(
        Pricing(note: "{ expr: \"tokens * 2\" }"),
        "RC2036",
        line: 14,
        column: 15,
        "output 'note' is of type string", "template");

    [Fact]
    public void An_expression_on_a_bool_output_is_RC2036() => ShouldReport(
        Pricing(cost: "{ expr: \"1\" }", costType: "bool"),
        "RC2036",
        line: 15,
        column: 15,
        "output 'cost' is of type bool");

    [Fact]
    public void An_unknown_key_in_a_computed_value_is_RC2001_at_the_key() => ShouldReport(
        Pricing(note: "{ tmpl: \"{model}\" }"),
        "RC2001",
        line: 14,
        column: 15,
        "'tmpl'", "template, expr");

    [Fact]
    public void An_unclosed_placeholder_is_RC2037_at_the_brace() => ShouldReport(
        Pricing(note: "{ template: \"cost of {model is high\" }"),
        "RC2037",
        line: 14,
        column: TemplateText + 8,
        "never closed", "'{{'");

    [Fact]
    public void A_lone_closing_brace_is_RC2037_at_the_brace() => ShouldReport(
        Pricing(note: "{ template: \"a } b\" }"),
        "RC2037",
        line: 14,
        column: TemplateText + 2,
        "a lone '}'");

    [Fact]
    public void An_empty_placeholder_is_RC2037() => ShouldReport(
        Pricing(note: "{ template: \"x { } y\" }"),
        "RC2037",
        line: 14,
        column: TemplateText + 2,
        "empty placeholder");

    [Fact]
    public void An_unknown_input_in_a_template_is_RC2014_at_its_name() => ShouldReport(
        Pricing(note: "{ template: \"cost of {modle}\" }"),
        "RC2014",
        line: 14,
        column: TemplateText + 9,
        "'modle'", "model, tokens, price, ratio, tier");

    [Fact]
    public void Division_in_an_integer_output_is_RC2038_at_the_slash() => ShouldReport(
        Pricing(cost: "{ expr: \"tokens / 2\" }", costType: "long"),
        "RC2038",
        line: 15,
        column: ExprText + 7,
        "'/' divides, but output 'cost' is of type long", "decimal or double");

    [Fact]
    public void A_decimal_input_in_an_integer_output_is_RC2038_at_the_input() => ShouldReport(
        Pricing(cost: "{ expr: \"tokens + price\" }", costType: "int"),
        "RC2038",
        line: 15,
        column: ExprText + 9,
        "input 'price' is of type decimal, but output 'cost' is of type int");

    [Fact]
    public void A_double_input_in_a_decimal_output_is_RC2038() => ShouldReport(
        Pricing(cost: "{ expr: \"price * ratio\" }"),
        "RC2038",
        line: 15,
        column: ExprText + 8,
        "input 'ratio' is of type double", "does not convert to exactly");

    [Fact]
    public void A_string_input_in_an_expression_is_RC2038() => ShouldReport(
        Pricing(cost: "{ expr: \"model * 2\" }"),
        "RC2038",
        line: 15,
        column: ExprText,
        "input 'model' is of type string");

    [Fact]
    public void An_enum_input_in_an_expression_is_RC2038() => ShouldReport(
        Pricing(cost: "{ expr: \"tier + 1\" }"),
        "RC2038",
        line: 15,
        column: ExprText,
        "input 'tier' is of type enum");

    [Fact]
    public void An_unknown_function_is_RC2038_at_its_name() => ShouldReport(
        Pricing(cost: "{ expr: \"1 + sqrt(price)\" }"),
        "RC2038",
        line: 15,
        column: ExprText + 4,
        "unknown function 'sqrt'", "min, max, abs, round, floor, ceiling");

    [Fact]
    public void Min_of_one_value_is_RC2038_at_the_call() => ShouldReport(
        Pricing(cost: "{ expr: \"min(price)\" }"),
        "RC2038",
        line: 15,
        column: ExprText,
        "min takes two or more values");

    [Fact]
    public void Round_with_a_computed_number_of_digits_is_RC2038_at_the_digits() => ShouldReport(
        Pricing(cost: "{ expr: \"round(price, tokens)\" }"),
        "RC2038",
        line: 15,
        column: ExprText + 13,
        "round's digits must be a whole number from 0 to 28");

    [Fact]
    public void A_hyphenated_difference_without_spaces_says_to_add_them() => ShouldReport(
        Pricing(cost: "{ expr: \"price-tokens\" }"),
        "RC2038",
        line: 15,
        column: ExprText,
        "unknown input 'price-tokens'", "write spaces around '-'");

    [Fact]
    public void An_expression_that_ends_early_is_RC2038_at_its_end() => ShouldReport(
        Pricing(cost: "{ expr: \"price +\" }"),
        "RC2038",
        line: 15,
        column: ExprText + 7,
        "it ends where a number, an input or '(' is expected");

    [Fact]
    public void An_unclosed_parenthesis_is_RC2038() => ShouldReport(
        Pricing(cost: "{ expr: \"(price + 1\" }"),
        "RC2038",
        line: 15,
        column: ExprText + 10,
        "expected ')' to close the '(' at column 1 of the expression");

    [Fact]
    public void A_fraction_in_an_integer_output_is_RC2038_at_the_number() => ShouldReport(
        Pricing(cost: "{ expr: \"tokens * 1.5\" }", costType: "long"),
        "RC2038",
        line: 15,
        column: ExprText + 9,
        "'1.5' has a fraction");

    [Fact]
    public void A_constant_division_by_zero_is_RC2038_at_the_expression() => ShouldReport(
        Pricing(cost: "{ expr: \"price + 1 / (2 - 2)\" }"),
        "RC2038",
        line: 15,
        column: ExprText - 1,
        "it divides by zero");

    [Fact]
    public void A_constant_that_does_not_fit_an_int_output_is_RC2038() => ShouldReport(
        Pricing(cost: "{ expr: \"3000000000\" }", costType: "int"),
        "RC2038",
        line: 15,
        column: ExprText - 1,
        "does not fit output 'cost' (int)");

    [Fact]
    public void Nesting_past_the_limit_is_RC2038_not_a_stack_overflow() => ShouldReport(
        Pricing(cost: "{ expr: \"" + new string('(', 200) + "1" + new string(')', 200) + "\" }"),
        "RC2038",
        line: 15,
        column: ExprText + 64,
        "nests deeper than 64 levels");

    [Fact]
    public void A_case_whose_output_overflows_fails_at_the_case() => ShouldReport(
        Pricing(cost: "{ expr: \"tokens * 1000\" }", costType: "int") + "tests:\n  - input: { tokens: 3000000 }\n    expect: { cost: 0 }\n",
        "RC4001",
        line: 17,
        column: 5,
        "OverflowException");

    [Fact]
    public void An_escaped_string_reports_at_the_whole_string() => ShouldReport(
        Pricing(note: "{ template: \"\\t{nope}\" }"),
        "RC2014",
        line: 14,
        column: TemplateText - 1,
        "'nope'");

    [Fact]
    public void Any_rules_computing_different_expressions_conflict_with_RC3003() => ShouldReport(
        Fees("amount * 0.02"),
        "RC3003",
        line: 13,
        column: 5,
        "'base' and 'vip'");

    [Fact]
    public void Any_rules_computing_the_same_expression_spaced_differently_agree()
    {
        var run = GeneratorHarness.Run(new RuleFile(FileName, Fees("amount*0.01")));
        Of(run).Where(d => d.Id is "RC3003" or "RC3004").ShouldBeEmpty();
        run.Sources.ShouldHaveSingleItem();
    }

    /// <summary>An <c>any</c> rule set: rule 'base' (line 10) computes amount * 0.01, rule 'vip' (line 13) computes <paramref name="vipFee"/>; both can hold.</summary>
    private static string Fees(string vipFee) => string.Join("\n", new[]
    {
        "ruleset: Fees",
        "hit: any",
        "complete: false",
        "inputs:",
        "  amount: decimal",
        "  vip: bool",
        "outputs:",
        "  fee: decimal",
        "rules:",
        "  - id: base",
        "    when: { amount: { gt: 0 } }",
        "    then: { fee: { expr: \"amount * 0.01\" } }",
        "  - id: vip",
        "    when: { vip: true }",
        "    then: { fee: { expr: \"" + vipFee + "\" } }",
    }) + "\n";

    /// <summary>A rule set with one rule whose <c>then</c> puts <c>note</c> on line 14 and <c>cost</c> on line 15, each value at column 13.</summary>
    private static string Pricing(string note = "ok", string cost = "1", string costType = "decimal") => string.Join("\n", new[]
    {
        "ruleset: Pricing",
        "inputs:",
        "  model: string",
        "  tokens: long",
        "  price: decimal",
        "  ratio: double",
        "  tier: { enum: [free, pro] }",
        "outputs:",
        "  note: string",
        "  cost: " + costType,
        "rules:",
        "  - id: priced",
        "    then:",
        "      note: " + note,
        "      cost: " + cost,
    }) + "\n";
}
