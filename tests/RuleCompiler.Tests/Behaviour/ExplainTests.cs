using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// The generated <c>Explain</c> on small rule files: for each rule, held or the first failing test with its field,
/// operator, ignore-case, operand and input value as YAML, and its line and column in the file; any / not / all;
/// null strings and lists; the decision; the text. Positions are found in the YAML text itself.
/// </summary>
public sealed class ExplainTests
{
    private const string Operators = """
        ruleset: Explained
        hit: collect
        aggregate: count
        inputs:
          command: string
          args: string-list
          size: int
          bytes: long
          amount: decimal
          score: double
          hidden: bool
          kind: { enum: [file, dir, link] }
        outputs:
          matches: int
        default: { matches: 0 }
        rules:
          - { id: eq-shorthand, when: { command: rm }, then: { matches: 1 } }
          - { id: in-shorthand, when: { kind: [file, dir] }, then: { matches: 1 } }
          - { id: not-in, when: { command: { not-in: [ls, cat] } }, then: { matches: 1 } }
          - { id: range, when: { size: { gt: 5, lt: 10 } }, then: { matches: 1 } }
          - { id: between, when: { amount: { between: [1.50, 9.99] } }, then: { matches: 1 } }
          - { id: long-gte, when: { bytes: { gte: 4294967296 } }, then: { matches: 1 } }
          - { id: double-gte, when: { score: { gte: 0.5 } }, then: { matches: 1 } }
          - { id: prefix-ignore-case, when: { command: { prefix: Git, ignore-case: true } }, then: { matches: 1 } }
          - { id: glob, when: { command: { glob: "*.sh" } }, then: { matches: 1 } }
          - { id: regex, when: { command: { regex: "^rm( |$)" } }, then: { matches: 1 } }
          - { id: contains-all, when: { args: { contains-all: [-r, /] } }, then: { matches: 1 } }
          - { id: contains-any, when: { args: { contains-any: [-f, --force], ignore-case: true } }, then: { matches: 1 } }
          - { id: list-contains, when: { args: { contains: --dry-run } }, then: { matches: 1 } }
          - { id: empty, when: { args: { empty: true } }, then: { matches: 1 } }
          - { id: nested-all, when: { all: [{ command: rmdir }, { args: { contains: -f } }] }, then: { matches: 1 } }
          - id: any-of-two
            when:
              any:
                - command: rm
                - size: { gt: 100 }
            then: { matches: 1 }
          - id: not-hidden
            when: { kind: file, not: { hidden: true } }
            then: { matches: 1 }
          - id: nested-any
            when:
              any:
                - all: [{ kind: dir }, { size: { lte: 3 } }]
                - not: { command: { suffix: .tmp } }
            then: { matches: 1 }
          - { id: ne-number, when: { size: { ne: 12 } }, then: { matches: 1 } }
        """;

    private static readonly Lazy<(RuleSetModel Model, RuleSetUnderTest Generated)> s_operators = new(() => Compile(Operators));

    [Fact]
    public void Every_operator_reports_its_field_operator_operand_input_value_and_position()
    {
        var traces = Explain(s_operators.Value, ("command", Value.String("ls")), ("args", List("-R")), ("size", Value.Int(12)), ("bytes", Value.Long(5)),
            ("amount", Value.Dec(10m)), ("score", Value.Dbl(double.NaN)), ("hidden", Value.Bool(true)), ("kind", Value.Enum(2))).Rules;

        AssertFailure(traces, "eq-shorthand", "command", "eq", "rm", "ls", At("id: eq-shorthand", "rm"));
        AssertFailure(traces, "in-shorthand", "kind", "in", "[file, dir]", "link", At("id: in-shorthand", "[file"));
        AssertFailure(traces, "not-in", "command", "not-in", "[ls, cat]", "ls", At("id: not-in", "[ls"));
        AssertFailure(traces, "range", "size", "lt", "10", "12", At("id: range", "10"));
        AssertFailure(traces, "between", "amount", "between", "[1.50, 9.99]", "10", At("id: between", "[1.50"));
        AssertFailure(traces, "long-gte", "bytes", "gte", "4294967296", "5", At("id: long-gte", "4294967296"));
        AssertFailure(traces, "double-gte", "score", "gte", "0.5", ".nan", At("id: double-gte", "0.5"));
        AssertFailure(traces, "prefix-ignore-case", "command", "prefix", "Git", "ls", At("id: prefix-ignore-case", "Git"), ignoreCase: true);
        AssertFailure(traces, "glob", "command", "glob", "\"*.sh\"", "ls", At("id: glob", "\"*.sh\""));
        AssertFailure(traces, "regex", "command", "regex", "^rm( |$)", "ls", At("id: regex", "\"^rm"));
        AssertFailure(traces, "contains-all", "args", "contains-all", "[-r, /]", "[-R]", At("id: contains-all", "[-r"));
        AssertFailure(traces, "contains-any", "args", "contains-any", "[-f, --force]", "[-R]", At("id: contains-any", "[-f"), ignoreCase: true);
        AssertFailure(traces, "list-contains", "args", "contains", "--dry-run", "[-R]", At("id: list-contains", "--dry-run"));
        AssertFailure(traces, "empty", "args", "empty", "true", "[-R]", At("id: empty", "true"));
        AssertFailure(traces, "ne-number", "size", "ne", "12", "12", At("id: ne-number", "12"));
    }

    [Fact]
    public void The_first_failing_test_in_file_order_is_reported_and_later_tests_are_not()
    {
        var traces = Explain(s_operators.Value, ("size", Value.Int(3)), ("command", Value.String("rm")), ("args", List("-r"))).Rules;

        // gt: 5 fails first; lt: 10 would hold.
        AssertFailure(traces, "range", "size", "gt", "5", "3", At("id: range", "5"));

        // { command: rmdir } fails before the list test, which would fail too.
        AssertFailure(traces, "nested-all", "command", "eq", "rmdir", "rm", At("id: nested-all", "rmdir"));
        Trace(traces, "eq-shorthand").Held.ShouldBeTrue();
    }

    [Fact]
    public void Null_strings_and_lists_are_reported_as_the_empty_values_rules_read()
    {
        var traces = Explain(s_operators.Value, ("command", new Value(FieldType.String, 0, 0m, 0d, null, default)), ("args", NullList)).Rules;

        AssertFailure(traces, "eq-shorthand", "command", "eq", "rm", "\"\"", At("id: eq-shorthand", "rm"));
        AssertFailure(traces, "contains-all", "args", "contains-all", "[-r, /]", "[]", At("id: contains-all", "[-r"));
        Trace(traces, "empty").Held.ShouldBeTrue();
    }

    [Fact]
    public void An_input_value_that_needs_quotes_is_quoted()
    {
        var traces = Explain(s_operators.Value, ("command", Value.String("a, b: c"))).Rules;
        AssertFailure(traces, "eq-shorthand", "command", "eq", "rm", "\"a, b: c\"", At("id: eq-shorthand", "rm"));
    }

    [Fact]
    public void An_any_none_of_whose_alternatives_held_reports_each_alternative_at_the_any_key()
    {
        var traces = Explain(s_operators.Value, ("command", Value.String("ls")), ("size", Value.Int(12))).Rules;

        var failure = AssertFailure(traces, "any-of-two", "command, size", "any", "one of 2 alternatives", "none held", At("- id: any-of-two", "any", lineOffset: 2));
        failure.Alternatives.Count.ShouldBe(2);
        AssertFailure(failure.Alternatives[0], "command", "eq", "rm", "ls", At("- id: any-of-two", "rm", lineOffset: 3));
        AssertFailure(failure.Alternatives[1], "size", "gt", "100", "12", At("- id: any-of-two", "100", lineOffset: 4));
    }

    [Fact]
    public void A_not_whose_condition_held_is_reported_at_the_not_key_with_that_condition()
    {
        var traces = Explain(s_operators.Value, ("kind", Value.Enum(0)), ("hidden", Value.Bool(true))).Rules;

        var failure = AssertFailure(traces, "not-hidden", "hidden", "not", "{ hidden: true }", "held", At("- id: not-hidden", "not", lineOffset: 1));
        failure.Alternatives.ShouldBeEmpty();
        failure.ToString().ShouldStartWith("not { hidden: true }: it held");
    }

    [Fact]
    public void Alternatives_that_are_all_or_not_report_their_own_first_failure()
    {
        var traces = Explain(s_operators.Value, ("kind", Value.Enum(2)), ("command", Value.String("x.tmp"))).Rules;

        var failure = AssertFailure(traces, "nested-any", "kind, size, command", "any", "one of 2 alternatives", "none held", At("- id: nested-any", "any", lineOffset: 2));
        failure.Alternatives.Count.ShouldBe(2);
        AssertFailure(failure.Alternatives[0], "kind", "eq", "dir", "link", At("- id: nested-any", "dir", lineOffset: 3));
        AssertFailure(failure.Alternatives[1], "command", "not", "{ command: { suffix: .tmp } }", "held", At("- id: nested-any", "not", lineOffset: 4));

        // With kind: dir and size 0 the first alternative holds, so the any does.
        Trace(Explain(s_operators.Value, ("kind", Value.Enum(1)), ("command", Value.String("x.tmp"))).Rules, "nested-any").Held.ShouldBeTrue();
    }

    [Fact]
    public void The_decision_is_what_evaluate_returns_and_every_rule_is_traced_in_file_order()
    {
        var (model, generated) = s_operators.Value;
        var row = Row(model, ("kind", Value.Enum(0)), ("command", Value.String("cat")));
        var explanation = generated.Explain(row);

        explanation.Rules.Select(t => t.Rule.Id).ShouldBe(model.Rules.Select(r => r.Id));
        explanation.Rules.Where(t => t.Held).Select(t => t.Rule.Id).ShouldBe(["in-shorthand", "empty", "not-hidden", "nested-any", "ne-number"]);
        explanation.Rules.Where(t => t.Held).ShouldAllBe(t => t.FirstFailure == null);
        explanation.Rules.Where(t => !t.Held).ShouldAllBe(t => t.FirstFailure != null);

        // aggregate: count, so the decision counts the rules that held.
        explanation.Decision.SameAs(generated.Evaluate(row)).ShouldBeTrue();
        explanation.Decision.Outputs.ShouldNotBeNull().ShouldBe([Value.Int(5)]);
    }

    [Fact]
    public void The_text_shows_the_decision_then_each_rule_held_or_its_first_failure_with_alternatives_indented()
    {
        const string yaml = """
            ruleset: Tiny
            hit: first
            inputs: { command: string, args: string-list }
            outputs: { verdict: string }
            default: { verdict: allow }
            rules:
              - id: deny-rm
                when: { command: rm, args: { contains: -rf } }
                then: { verdict: deny }
              - id: ask-any
                when: { any: [{ command: git }, { args: { empty: false } }] }
                then: { verdict: ask }
            """;
        var tiny = Compile(yaml, "rules/tiny.rules.yaml");

        var held = Explain(tiny, ("command", Value.String("rm")), ("args", List("-r")));
        held.Text.ShouldBe(
            "decision: ask-any: TinyOutput { Verdict = ask }\n"
            + $"  deny-rm (rules/tiny.rules.yaml:7): not held: args contains -rf, actual [-r] {Position(At(yaml, "when: { command: rm", "-rf"))}\n"
            + "  ask-any (rules/tiny.rules.yaml:10): held\n");

        var none = Explain(tiny, ("command", Value.String("ls")));
        none.Text.ShouldBe(
            "decision: (no rule): TinyOutput { Verdict = allow }\n"
            + $"  deny-rm (rules/tiny.rules.yaml:7): not held: command eq rm, actual ls {Position(At(yaml, "when: { command: rm", "rm"))}\n"
            + $"  ask-any (rules/tiny.rules.yaml:10): not held: any: none of 2 alternatives held {Position(At(yaml, "when: { any", "any"))}\n"
            + $"      - command eq git, actual ls {Position(At(yaml, "when: { any", "git"))}\n"
            + $"      - args empty false, actual [] {Position(At(yaml, "when: { any", "false"))}\n");
    }

    [Fact]
    public void Plain_collect_explains_evaluate_all_and_writes_its_matches_as_rule_ids()
    {
        const string yaml = """
            ruleset: Actions
            hit: collect
            inputs: { method: string, size: int }
            outputs: { action: string }
            rules:
              - { id: log-all, then: { action: log } }
              - { id: block-big, when: { size: { gt: 1000 } }, then: { action: block } }
              - { id: gate-tools, when: { method: tools/call }, then: { action: gate } }
            """;
        var actions = Compile(yaml, "rules/actions.rules.yaml");

        var explanation = Explain(actions, ("method", Value.String("tools/call")), ("size", Value.Int(10)));
        explanation.Decision.HoldingRules.ShouldBe(["log-all", "gate-tools"]);
        explanation.Text.ShouldStartWith("decision: [log-all, gate-tools]\n");
        explanation.Rules.Select(t => t.Held).ShouldBe([true, false, true]);
        AssertFailure(explanation.Rules[1].FirstFailure!, "size", "gt", "1000", "10", At(yaml, "id: block-big", "1000"));
    }

    private static (RuleSetModel Model, RuleSetUnderTest Generated) Compile(string yaml, string path = "rules/explained.rules.yaml")
    {
        var file = new RuleFile(path, yaml);
        var model = DifferentialTests.Model(file);
        return (model, new RuleSetUnderTest(GeneratorHarness.RunAndLoad(file), model));
    }

    private static ExplanationUnderTest Explain((RuleSetModel Model, RuleSetUnderTest Generated) ruleSet, params (string Field, Value Value)[] values) =>
        ruleSet.Generated.Explain(Row(ruleSet.Model, values));

    // Inputs left out take their zero value, as in a rule file's tests.
    private static Value[] Row(RuleSetModel model, params (string Field, Value Value)[] values)
    {
        var row = model.Inputs.Select(field => Value.Zero(field.Type)).ToArray();
        foreach (var (name, value) in values)
        {
            row[model.Inputs.Single(field => field.Name == name).Index] = value;
        }

        return row;
    }

    private static Value List(params string[] items) => Value.List(items.ToEquatableArray());

    private static Value NullList => new(FieldType.StringList, 0, 0m, 0d, RuleSetUnderTest.NullList, EquatableArray<string>.Empty);

    private static RuleTrace Trace(IReadOnlyList<RuleTrace> traces, string id) => traces.Single(t => t.Rule.Id == id);

    private static TestFailure AssertFailure(IReadOnlyList<RuleTrace> traces, string id, string field, string op, string expected, string actual, (int Line, int Column) at, bool ignoreCase = false)
    {
        var trace = Trace(traces, id);
        trace.Held.ShouldBeFalse(id);
        return AssertFailure(trace.FirstFailure.ShouldNotBeNull(id), field, op, expected, actual, at, ignoreCase);
    }

    private static TestFailure AssertFailure(TestFailure failure, string field, string op, string expected, string actual, (int Line, int Column) at, bool ignoreCase = false)
    {
        (failure.Field, failure.Operator, failure.IgnoreCase, failure.Expected, failure.Actual, failure.Line, failure.Column)
            .ShouldBe((field, op, ignoreCase, expected, actual, at.Line, at.Column));
        return failure;
    }

    // The first line holding `lineContaining`, moved down by `lineOffset`, and the 1-based column of `token` on it.
    private static (int Line, int Column) At(string yaml, string lineContaining, string token, int lineOffset = 0)
    {
        var lines = yaml.Split('\n');
        var index = Array.FindIndex(lines, line => line.Contains(lineContaining, StringComparison.Ordinal)) + lineOffset;
        var column = lines[index].IndexOf(token, StringComparison.Ordinal);
        column.ShouldBeGreaterThanOrEqualTo(0, $"'{token}' on line {index + 1}: {lines[index]}");
        return (index + 1, column + 1);
    }

    private static (int Line, int Column) At(string lineContaining, string token, int lineOffset = 0) => At(Operators, lineContaining, token, lineOffset);

    private static string Position((int Line, int Column) at) => $"(line {at.Line}, column {at.Column})";
}
