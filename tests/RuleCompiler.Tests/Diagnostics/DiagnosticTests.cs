using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>What holds for diagnostics as a whole: isolation between files, positions, severities, coverage of the catalog.</summary>
public sealed class DiagnosticTests
{
    private const string Valid = """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        default: { decision: allow }
        """;

    // One file with (nearly) one mistake of every binder kind; the binder keeps going after each.
    private const string FullOfMistakes = """
        ruleset: Shell
        namespace: Acme..Rules
        hit: fist
        aggregate: average
        colour: blue
        inputs:
          command: string
          count: int
          count_x: int
          count-x: int
          risk score: int
          any: bool
          level: { enum: [low, low] }
          size: integer
          args: string-list
          to-string: string
        outputs:
          decision: { enum: [deny, allow] }
          tags: string-list
        rules:
          - id: deny rm
            when: { comand: rm }
            then: { decision: deny }
          - id: b
            priority: 3
            when: { command: { lt: m } }
            then: { decision: deny }
          - id: b
            when: { args: -rf }
            then: { decision: nope }
          - id: c
            when: { command: { regex: '(a)\1' } }
            then: { decison: deny }
          - id: d
            when: { command: { regex: "(" }, any: [] }
            then: {}
          - id: e
            when: { command: { glob: 'x\' } }
            then: { decision: deny }
          - id: f
            when: { command: { eq: a, ne: a } }
            then: { decision: deny }
          - id: g
            when: { count: { between: [3, 1] } }
            then: { decision: deny }
          - id: h
            when: { command: ls }
          - id: i
            then: deny
        tests:
          - name: checks nothing
            input: { command: rm }
        """;

    [Fact]
    public void File_with_errors_generates_nothing_while_a_valid_file_in_the_same_run_generates()
    {
        var broken = Valid.Replace("ruleset: Shell", "ruleset: Broken").Replace("when: { command: rm }", "when: { comand: rm }");
        var run = GeneratorHarness.Run(new RuleFile("rules/broken.rules.yaml", broken), new RuleFile("rules/shell.rules.yaml", Valid));
        var all = Of(run);

        var error = all.ShouldHaveSingleItem(Listing(all));
        error.Id.ShouldBe("RC2014");
        error.Path.ShouldBe(FullPath("rules/broken.rules.yaml"));
        var source = run.Sources.ShouldHaveSingleItem();
        source.SourceText.ToString().ShouldContain("static partial class Shell");
        run.Sources.ShouldNotContain(s => s.SourceText.ToString().Contains("Broken"));
        run.Result.Exception.ShouldBeNull();
    }

    [Fact]
    public void Every_diagnostic_lies_inside_its_file_and_has_the_catalog_severity()
    {
        var run = GeneratorHarness.Run(new RuleFile(FileName, FullOfMistakes));
        var all = Of(run);

        ShouldBeWellFormed(all, new Dictionary<string, string> { [FullPath(FileName)] = FullOfMistakes });
        all.Select(d => d.Id).Distinct().OrderBy(id => id, System.StringComparer.Ordinal).ToArray().ShouldBe(
            new[]
            {
                "RC2001", "RC2002", "RC2003", "RC2005", "RC2006", "RC2007", "RC2008", "RC2009", "RC2010", "RC2011", "RC2012",
                // RC2018 (a test that can never hold) is the analysis's: it is reported once a file binds (RC2018 tests).
                "RC2013", "RC2014", "RC2015", "RC2017", "RC2019", "RC2020", "RC2021", "RC2022", "RC2023", "RC2026",
                "RC2027", "RC2028", "RC2029", "RC2030", "RC2031", "RC2032", "RC2034",
            },
            customMessage: Listing(all));
        run.Sources.ShouldBeEmpty();
        run.Result.Exception.ShouldBeNull();
    }

    [Fact]
    public void Windows_line_endings_keep_lines_and_columns() => ShouldReport(
        Valid.Replace("when: { command: rm }", "when: { command: rm, risk: 2.5 }").Replace("  command: string", "  command: string\n  risk: int").Replace("\n", "\r\n"),
        "RC2013",
        line: 9,
        column: 32,
        "'2.5'");

    [Fact]
    public void Columns_count_UTF16_code_units_like_the_editor() => ShouldReport(
        Valid.Replace("when: { command: rm }", "when: { command: \"\U0001F525 über\", risk: 2.5 }").Replace("  command: string", "  command: string\n  risk: int"),
        "RC2013",
        line: 9,
        column: 39,
        "'2.5'");

    [Fact]
    public void Every_catalog_id_but_the_internal_error_has_a_test_named_after_it_here()
    {
        var tested = typeof(DiagnosticTests).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(DiagnosticTests).Namespace)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(method => method.GetCustomAttributes<FactAttribute>().Any())
            .SelectMany(method => Regex.Matches(method.Name, "RC[0-9]{4}").Select(match => match.Value))
            .ToHashSet();

        DiagnosticCatalog.All.Select(kind => kind.Id).Where(id => id != "RC9999").Where(id => !tested.Contains(id)).ShouldBeEmpty();
    }

    [Fact]
    public void RC5001_a_regex_no_automaton_takes_is_information_at_its_test_and_the_file_still_generates() => ShouldReport(
        Valid.Replace("when: { command: rm }", "when: { command: { regex: \"^\\\\p{Lu}\" } }"),
        "RC5001",
        line: 8,
        column: 31,
        "'^\\p{Lu}'",
        "Unicode category");

    [Fact]
    public void Catalog_ids_are_unique_and_grouped_by_stage()
    {
        var kinds = DiagnosticCatalog.All;

        kinds.Select(kind => kind.Id).ShouldBeUnique();
        foreach (var kind in kinds)
        {
            kind.Id.ShouldMatch("^RC[0-9]{4}$");
            var stage = kind.Id[2] switch
            {
                '1' => "RuleCompiler.Read",
                '2' => "RuleCompiler.Bind",
                '3' => "RuleCompiler.Analysis",
                '4' => "RuleCompiler.Tests",
                '5' => "RuleCompiler.Lower",
                '6' => "RuleCompiler.Load",
                _ => "RuleCompiler.Internal",
            };
            kind.Category.ShouldBe(stage, kind.Id);
            DiagnosticCatalog.ById(kind.Id).ShouldBe(kind);
        }
    }

    [Fact]
    public void Input_declared_with_an_unknown_type_is_reported_once_not_again_as_unknown_where_used() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
          risk: integer
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-risky
            when: { risk: { gt: 5 } }
            then: { decision: deny }
        """,
        "RC2009",
        line: 4,
        column: 9,
        "'integer'");

    [Fact]
    public void Output_enum_with_a_repeated_value_is_reported_once_not_again_as_unknown_where_used() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow, deny] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """,
        "RC2010",
        line: 5,
        column: 35,
        "'deny' is listed twice");

    [Fact]
    public void Input_with_an_invalid_name_is_reported_once_not_again_as_unknown_where_used() => ShouldReport(
        """
        ruleset: Login
        inputs:
          user: string
          2fa: bool
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-without-2fa
            when: { user: root, 2fa: false }
            then: { decision: deny }
        """,
        "RC2006",
        line: 4,
        column: 3,
        "'2fa'");
}
