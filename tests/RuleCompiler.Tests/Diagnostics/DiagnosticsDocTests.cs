using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>docs/diagnostics.md and <see cref="DiagnosticCatalog"/> describe the same diagnostics.</summary>
public sealed class DiagnosticsDocTests
{
    // A table row: | [RC2001](#rc2001) | Error | Unknown key | cause | fix |
    private static readonly Regex s_row = new(
        @"^\|\s*\[(?<id>RC[0-9]{4})\]\(#(?<anchor>[a-z0-9]+)\)\s*\|\s*(?<severity>[A-Za-z]+)\s*\|\s*(?<title>[^|]+?)\s*\|\s*(?<cause>[^|]+?)\s*\|\s*(?<fix>[^|]+?)\s*\|\s*$",
        RegexOptions.Multiline);

    private static string Doc => File.ReadAllText(Path.Combine(RepoPaths.Docs, "diagnostics.md")).Replace("\r\n", "\n");

    [Fact]
    public void Doc_table_lists_every_catalog_id_exactly_once_with_its_severity_and_title()
    {
        var rows = s_row.Matches(Doc).ToList();

        foreach (var kind in DiagnosticCatalog.All)
        {
            var row = rows.Where(r => r.Groups["id"].Value == kind.Id).ShouldHaveSingleItem($"{kind.Id} should have one row in the table");
            row.Groups["severity"].Value.ShouldBe(kind.Severity.ToString(), kind.Id);
            row.Groups["title"].Value.ShouldBe(kind.Title, kind.Id);
            row.Groups["anchor"].Value.ShouldBe(kind.Id.ToLowerInvariant(), kind.Id);
            row.Groups["cause"].Value.Length.ShouldBeGreaterThan(10, kind.Id);
            row.Groups["fix"].Value.Length.ShouldBeGreaterThan(5, kind.Id);
        }
    }

    [Fact]
    public void Doc_lists_no_id_that_the_catalog_lacks()
    {
        var known = DiagnosticCatalog.All.Select(kind => kind.Id).ToHashSet();

        s_row.Matches(Doc).Select(row => row.Groups["id"].Value).Where(id => !known.Contains(id)).ShouldBeEmpty();
        Regex.Matches(Doc, @"\bRC[0-9]{4}\b").Select(match => match.Value).Where(id => !known.Contains(id)).Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void Every_catalog_id_has_a_heading_so_its_help_link_anchor_resolves()
    {
        var headings = Regex.Matches(Doc, @"^### (RC[0-9]{4})\s*$", RegexOptions.Multiline).Select(match => match.Groups[1].Value).ToList();

        headings.ShouldBeUnique();
        headings.OrderBy(id => id, System.StringComparer.Ordinal)
            .ShouldBe(DiagnosticCatalog.All.Select(kind => kind.Id).OrderBy(id => id, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Every_section_about_a_rule_file_mistake_shows_it_in_yaml()
    {
        // RC9999 is a compiler bug and RC1006 a project-file problem: neither has a YAML mistake to show.
        var sections = Regex.Split(Doc, @"^(?=### RC[0-9]{4}\s*$)", RegexOptions.Multiline).Where(s => s.StartsWith("### RC", System.StringComparison.Ordinal));

        foreach (var section in sections.Where(s => !s.StartsWith("### RC9999", System.StringComparison.Ordinal) && !s.StartsWith("### RC1006", System.StringComparison.Ordinal)))
        {
            section.ShouldContain("```yaml", customMessage: section.Split('\n')[0]);
        }
    }
}
