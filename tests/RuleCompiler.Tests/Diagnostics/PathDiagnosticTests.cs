using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>Record and map inputs (§11 "Paths"): every mistake is one diagnostic at the path, key or value written.</summary>
public sealed class PathDiagnosticTests
{
    // In Requests(...) the `when` value starts at (12,11), so its first key is at column 13.
    [Fact]
    public void An_unknown_record_field_is_RC2014_at_the_path() => ShouldReport(
        Requests(when: "{ request.methd: GET }"),
        "RC2014",
        line: 12,
        column: 13,
        "'request.methd'");

    [Fact]
    public void A_path_past_a_value_is_RC2014() => ShouldReport(
        Requests(when: "{ request.method.x: GET }"),
        "RC2014",
        line: 12,
        column: 13,
        "'request.method.x'");

    [Fact]
    public void A_path_past_a_map_key_is_RC2014() => ShouldReport(
        Requests(when: "{ env.CI.x: y }"),
        "RC2014",
        line: 12,
        column: 13,
        "'env.CI.x'");

    [Fact]
    public void A_whole_record_tested_as_a_value_is_RC2039_naming_its_fields() => ShouldReport(
        Requests(when: "{ request: GET }"),
        "RC2039",
        line: 12,
        column: 13,
        "'request' is a record", "request.method, request.size");

    [Fact]
    public void A_whole_map_tested_as_a_value_is_RC2039_naming_has_key() => ShouldReport(
        Requests(when: "{ env: GET }"),
        "RC2039",
        line: 12,
        column: 13,
        "'env' is a map", "env.KEY", "has-key");

    [Fact]
    public void A_whole_record_in_a_template_is_RC2039_at_its_name() => ShouldReport(
        Requests(when: "{}", decision: "{ template: \"got {request}\" }"),
        "RC2039",
        line: 13,
        column: 41,
        "'request' is a record");

    [Fact]
    public void A_value_operator_on_a_map_is_RC2015_listing_the_map_tests() => ShouldReport(
        Requests(when: "{ env: { eq: x } }"),
        "RC2015",
        line: 12,
        column: 20,
        "'eq'", "has-key, has-any-key", "env.KEY");

    [Fact]
    public void An_empty_has_any_key_is_RC2030() => ShouldReport(
        Requests(when: "{ env: { has-any-key: [] } }"),
        "RC2030",
        line: 12,
        column: 33,
        "'has-any-key'");

    [Fact]
    public void A_map_of_another_type_is_RC2009_at_the_type() => ShouldReport(
        Requests(when: "{}").Replace("env: { map: string }", "env: { map: int }"),
        "RC2009",
        line: 7,
        column: 15,
        "'int'", "a map holds strings");

    [Fact]
    public void A_record_output_is_RC2003_at_its_type() => ShouldReport(
        Requests(when: "{}").Replace("  decision: string", "  decision: { record: { a: int } }"),
        "RC2003",
        line: 9,
        column: 13,
        "either { type: ... } or { enum: [...] }", "records and maps are inputs only");

    [Fact]
    public void An_unknown_field_in_a_nested_test_input_is_RC2014_with_its_path() => ShouldReport(
        Requests(when: "{}") + "tests:\n  - input: { request: { methd: GET } }\n    rule: r\n",
        "RC2014",
        line: 15,
        column: 25,
        "'request.methd'", "request.method, request.size");

    /// <summary>A rule set with a record input, a map input, and one rule whose <c>when</c> is on line 12 (value at column 11) and <c>then</c> on line 13.</summary>
    private static string Requests(string when, string decision = "ok") => string.Join("\n", new[]
    {
        "ruleset: Requests",
        "inputs:",
        "  request:",
        "    record:",
        "      method: string",
        "      size: int",
        "  env: { map: string }",
        "outputs:",
        "  decision: string",
        "rules:",
        "  - id: r",
        "    when: " + when,
        "    then: { decision: " + decision + " }",
    }) + "\n";
}
