using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Syntax;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>RC1xxx: the read stage, YAML text to nodes. Each mistake is reported at the character that breaks the YAML.</summary>
public sealed class ReadDiagnosticTests
{
    [Fact]
    public void Mismatched_bracket_is_RC1001_at_the_wrong_bracket() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: string
        rules:
          - id: deny-rm
            when: { command: [rm, ls }
            then: { decision: deny }
        """,
        "RC1001",
        line: 8,
        column: 30,
        "flow sequence",
        "']'");

    [Fact]
    public void Unclosed_quote_is_RC1001_at_the_quoted_scalar() => ShouldReport(
        """
        ruleset: "Shell
        inputs: x
        """,
        "RC1001",
        line: 1,
        column: 10,
        "double-quoted scalar");

    [Fact]
    public void Tab_indentation_is_RC1001_at_the_tab() => ShouldReport(
        "ruleset: Shell\ninputs:\n\tcommand: string\noutputs:\n  decision: string\n",
        "RC1001",
        line: 3,
        column: 1,
        "tab");

    [Fact]
    public void Unclosed_flow_mapping_before_the_next_key_is_RC1001_at_the_open_brace() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: string
        rules:
          - id: deny-rm
            when: { command: rm
            then: { decision: deny }
        """,
        "RC1001",
        line: 8,
        column: 11,
        "'}'");

    [Fact]
    public void File_cut_inside_a_flow_mapping_is_RC1001_at_the_brace_never_closed() => ShouldReport(
        "ruleset: Shell\ninputs: { command: string",
        "RC1001",
        line: 2,
        column: 9,
        "never closed",
        "'}'");

    [Fact]
    public void File_cut_inside_a_quoted_string_is_RC1001_within_the_file() => ShouldReport(
        "ruleset: \"Shell",
        "RC1001",
        line: 1,
        column: 10,
        "end of stream");

    [Fact]
    public void Empty_file_is_RC1002_at_the_start() => ShouldReport(string.Empty, "RC1002", line: 1, column: 1, "empty", "'ruleset'");

    [Fact]
    public void File_of_comments_only_is_RC1002_at_the_start() => ShouldReport(
        """
        # ShellGuard rules: to be written
        # (nothing here yet)
        """,
        "RC1002",
        line: 1,
        column: 1,
        "empty");

    [Fact]
    public void Nesting_deeper_than_the_limit_is_RC1003_at_the_first_node_too_deep()
    {
        // The root mapping is level 1 and the n-th '[' level n + 1, so the 64th '[' (column 13 + 64) is level 65.
        var yaml = "ruleset: Deep\ndescription: " + new string('[', 70) + new string(']', 70) + "\n";
        ShouldReport(yaml, "RC1003", line: 2, column: 77, "nesting depth", "64");
    }

    [Fact]
    public void Billion_laughs_alias_bomb_is_RC1003_at_the_alias_that_crosses_the_node_limit()
    {
        // Expanded sizes grow tenfold per line: lol6 stands for 1,111,111 nodes and the nodes read up to lol6 sum to
        // 1,234,577; on line 8, six *lol6 bring the count to 7,901,243 and the seventh (column 14 + 6 × 7) past the
        // limit of 8,000,000. Nothing is ever expanded.
        ReaderLimits.Default.MaxNodes.ShouldBe(8_000_000);
        var yaml = BillionLaughs();
        ShouldReport(yaml, "RC1003", line: 8, column: 56, "node count", "8000000");
    }

    [Fact]
    public void Billion_laughs_alias_bomb_is_rejected_in_bounded_time()
    {
        var yaml = BillionLaughs();
        RuleFileCompiler.Compile(yaml, new BindOptions("Ns", "bomb.rules.yaml"), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var compiled = RuleFileCompiler.Compile(yaml, new BindOptions("Ns", "bomb.rules.yaml"), CancellationToken.None);
        clock.Stop();

        compiled.Diagnostics.Select(d => d.Id).ShouldBe(new[] { "RC1003" });
        compiled.Model.ShouldBeNull();
        clock.ElapsedMilliseconds.ShouldBeLessThan(1000, "an alias bomb must be refused while reading, not expanded");
    }

    [Fact]
    public void Scalar_longer_than_the_limit_is_RC1003_at_the_scalar()
    {
        var yaml = "ruleset: Big\ndescription: " + new string('x', 70_000) + "\n";
        ShouldReport(yaml, "RC1003", line: 2, column: 14, "scalar length", "65536");
    }

    [Fact]
    public void File_larger_than_the_limit_is_RC1003_at_the_start()
    {
        var limit = ReaderLimits.Default.MaxFileCharacters;
        var yaml = "ruleset: Huge\n" + new string('#', limit);
        ShouldReport(yaml, "RC1003", line: 1, column: 1, "file size", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Duplicate_key_in_a_block_mapping_is_RC1004_at_the_second_key() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
          command: int
        outputs:
          decision: string
        """,
        "RC1004",
        line: 4,
        column: 3,
        "'command'",
        "line 3");

    [Fact]
    public void Duplicate_key_in_a_flow_mapping_is_RC1004_at_the_second_key() => ShouldReport(
        """
        ruleset: Shell
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, allow] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny, decision: allow }
        """,
        "RC1004",
        line: 9,
        column: 29,
        "'decision'",
        "line 9");

    [Fact]
    public void Second_yaml_document_is_RC1005_at_its_separator() => ShouldReport(
        """
        ruleset: First
        inputs: { x: int }
        outputs: { y: int }
        rules:
          - id: a
            then: { y: 1 }
        ---
        ruleset: Second
        """,
        "RC1005",
        line: 7,
        column: 1,
        "second YAML document");

    [Fact]
    public void Leading_document_marker_is_one_document_not_two()
    {
        var run = GeneratorHarness.Run(new RuleFile(FileName, """
            ---
            ruleset: Only
            inputs: { x: int }
            outputs: { y: int }
            rules:
              - id: a
                then: { y: 1 }
            """));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.ShouldHaveSingleItem();
    }

    private static string BillionLaughs()
    {
        var lines = new List<string>
        {
            "ruleset: Bomb",
            "lol1: &lol1 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
        };
        for (var level = 2; level <= 9; level++)
        {
            lines.Add($"lol{level}: &lol{level} [" + string.Join(", ", Enumerable.Repeat($"*lol{level - 1}", 10)) + "]");
        }

        return string.Join("\n", lines) + "\n";
    }
}
