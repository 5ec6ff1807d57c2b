using System.Linq;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static RuleCompiler.Tests.Diagnostics.RuleFileDiagnostics;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>The diagnostics of rule sets across files and tables (spec §12, §13), one per id, each at its node and file.</summary>
public sealed class LayerDiagnosticTests
{
    private const string Valid = """
        ruleset: Guard
        hit: output-priority
        inputs:
          command: string
        outputs:
          decision: { enum: [deny, ask, allow] }
        default: { decision: ask }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """;

    private static RuleFile BaseFile => new("rules/base.rules.yaml", Valid);

    [Fact]
    public void RC2040_a_table_row_with_the_wrong_number_of_cells() => ShouldReport(
        Valid + "\n  - table:\n      when: [command]\n      then: [decision]\n      rows:\n        - [ls, allow, extra]\n",
        "RC2040",
        line: 16,
        column: 11,
        "3 cells but the table has 2 columns");

    [Fact]
    public void RC2041_extends_names_a_file_the_build_lacks() => ShouldReport(
        "ruleset: Layer\nextends: shell-guard.rules.yml\n",
        "RC2041",
        line: 2,
        column: 10,
        "shell-guard.rules.yml",
        "AdditionalFiles");

    [Fact]
    public void RC2042_a_layer_that_redeclares_its_bases_policy() =>
        LayerShouldReport("ruleset: Layer\nextends: base.rules.yaml\nhit: first\n", "RC2042", 3, 1, "takes 'hit' from its base");

    [Fact]
    public void RC2043_a_layer_over_a_base_with_errors()
    {
        var broken = new RuleFile("rules/base.rules.yaml", Valid.Replace("when: { command: rm }", "when: { comand: rm }"));
        var run = GeneratorHarness.RunUncached(broken, new RuleFile("rules/layer.rules.yaml", "ruleset: Layer\nextends: base.rules.yaml\n"));

        var stop = Of(run).Where(d => d.Id == "RC2043").ShouldHaveSingleItem();
        (stop.Path, stop.Line, stop.Column).ShouldBe((FullPath("rules/layer.rules.yaml"), 2, 10));
        stop.Message.ShouldContain("'rules/base.rules.yaml' has 1 error(s)");
        Of(run).Where(d => d.Id == "RC2014").ShouldHaveSingleItem().Path.ShouldBe(FullPath("rules/base.rules.yaml"));
    }

    [Fact]
    public void RC2044_a_list_no_file_declares() => ShouldReport(
        Valid.Replace("when: { command: rm }", "when: { command: { in-list: removers } }"),
        "RC2044",
        line: 10,
        column: 33,
        "'removers'");

    [Fact]
    public void RC3012_a_restrict_only_layer_that_allows_what_its_base_asks() => LayerShouldReport(
        "ruleset: Layer\nextends: base.rules.yaml\nrestrict-only: true\nrules:\n  - id: allow-all\n    then: { decision: allow }\n",
        "RC3012",
        5,
        5,
        "the base decides 'ask' (no rule holds), this layer decides 'allow' (rule 'allow-all')");

    [Fact]
    public void RC3013_a_restrict_only_case_the_solver_cannot_decide() => LayerShouldReport(
        "ruleset: Layer\nextends: base.rules.yaml\nrestrict-only: true\nrules:\n  - id: deny-rm\n    override: true\n    when: { command: { regex: \"^(rm|rmdir)$\" } }\n    then: { decision: deny }\n",
        "RC3013",
        3,
        1,
        "where base rule 'deny-rm' holds");

    private static void LayerShouldReport(string layer, string id, int line, int column, string part)
    {
        var run = GeneratorHarness.RunUncached(BaseFile, new RuleFile("rules/layer.rules.yaml", layer));
        var listing = string.Join("\n", Of(run).Concat(run.Messages.Select(ToReported)));
        var reported = Of(run).Where(d => d.Id == id).ToList();
        reported.Count.ShouldBe(1, listing);
        (reported[0].Path, reported[0].Line, reported[0].Column).ShouldBe((FullPath("rules/layer.rules.yaml"), line, column), listing);
        reported[0].Message.ShouldContain(part, Case.Sensitive, listing);
        run.Sources.Select(s => s.HintName).Contains("Tests.Generated.Layer.g.cs").ShouldBe(reported[0].Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Error, listing);
    }
}
