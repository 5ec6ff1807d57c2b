using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;

namespace RuleCompiler.Cli.Output;

/// <summary>
/// One self-contained page for a rule file (<c>rulec show --as html</c>): the decision table with each rule's findings
/// and whether the file's tests exercise it, the plan drawn as inline SVG, every finding, and rule coverage. Nothing is
/// fetched when it is viewed: no script, no stylesheet or font from elsewhere. All text is escaped.
/// </summary>
internal static class HtmlPage
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
        h1 { margin-bottom: 4px; } .meta { color: #555; margin-top: 0; }
        table.rules { border-collapse: collapse; font-size: 13px; }
        table.rules th, table.rules td { border: 1px solid #ccd; padding: 4px 8px; vertical-align: top; text-align: left; }
        table.rules th.input { background: #e8eef8; } table.rules th.output { background: #e8f4e8; } table.rules th { background: #f2f2f2; }
        table.rules td { font-family: ui-monospace, Menlo, Consolas, monospace; }
        table.rules td:nth-child(2) { white-space: nowrap; font-weight: 600; } .table { overflow-x: auto; }
        .finding { display: block; font-family: system-ui, sans-serif; } .error { color: #b00; } .warning { color: #a60; } .info { color: #357; }
        .untested { color: #a60; } .tested { color: #270; }
        .graph { overflow: auto; border: 1px solid #ddd; padding: 8px; } .note { color: #555; font-style: italic; }
        """;

    public static string Render(RuleFile file, RuleSetModel model, Plan plan)
    {
        var table = RuleTable.Of(model);
        var graph = PlanGraph.Of(model, plan);
        var exercised = new HashSet<int>(file.Compiled.ExercisedRules);
        var attached = Attach(file, model);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(E(model.FullName)).Append(" — rulec show</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(model.FullName)).Append("</h1>\n");
        html.Append("<p class=\"meta\">").Append(E(file.Path)).Append(" · hit: ").Append(E(model.Hit.Info().YamlName))
            .Append(" · ").Append(model.Rules.Count).Append(" rules · ").Append(model.Tests.Count).Append(" tests · coverage ")
            .Append(exercised.Count).Append(" of ").Append(model.Rules.Count).Append("</p>\n");
        if (model.Description is { } description)
        {
            html.Append("<p>").Append(E(description)).Append("</p>\n");
        }

        html.Append("<h2 id=\"rules\">Rules</h2>\n");
        html.Append("<div class=\"table\">\n").Append(table.Html(new List<(string, System.Func<RuleRow, string>)>
        {
            ("findings", row => string.Concat(attached.TryGetValue(row.Rule.Index, out var found) ? found.Select(Finding) : Enumerable.Empty<string>())),
            ("tested", row => exercised.Contains(row.Rule.Index) ? "<span class=\"tested\">yes</span>" : "<span class=\"untested\">no</span>"),
        })).Append("</div>\n");
        html.Append("<h2 id=\"plan\">Decision plan</h2>\n<p class=\"note\">How evaluation decides: each blue box reads one input and names the rules still possible below it; each green rounded box checks its rules in rank order (<code>?</code>: a test remains). ")
            .Append(E(graph.Note ?? string.Empty)).Append("</p>\n<div class=\"graph\">\n").Append(SvgGraph.Render(graph)).Append("</div>\n");
        html.Append("<h2 id=\"findings\">Findings</h2>\n");
        var findings = file.Diagnostics.Where(d => d.Id != "RC3009").ToList();
        html.Append(findings.Count == 0 ? "<p>None.</p>\n" : "<ul>\n" + string.Concat(findings.Select(d => "<li>" + Finding(d) + "</li>\n")) + "</ul>\n");
        html.Append("<h2 id=\"coverage\">Coverage</h2>\n<p>").Append(exercised.Count).Append(" of ").Append(model.Rules.Count)
            .Append(" rules are exercised by the file's tests.</p>\n");
        var untested = model.Rules.Where(rule => !exercised.Contains(rule.Index)).ToList();
        if (untested.Count > 0)
        {
            html.Append("<p>Not exercised: ").Append(string.Join(", ", untested.Select(rule => "<a href=\"#rule-" + E(rule.Id) + "\">" + E(rule.Id) + "</a>"))).Append("</p>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// Each finding in the rule file itself at the rule whose text holds its line (the last rule starting at or before
    /// it); coverage (RC3009, RC3010) is the table's "tested" column instead.
    /// </summary>
    private static Dictionary<int, List<RuleDiagnostic>> Attach(RuleFile file, RuleSetModel model)
    {
        var own = model.Rules.Where(rule => rule.Span.File == 0).OrderBy(rule => rule.Span.Line).ToList();
        var attached = new Dictionary<int, List<RuleDiagnostic>>();
        for (var i = 0; i < file.Diagnostics.Length; i++)
        {
            var span = file.Compiled.Diagnostics[i].Span;
            if (span.File != 0 || file.Diagnostics[i].Id is "RC3009" or "RC3010")
            {
                continue;
            }

            var rule = own.LastOrDefault(candidate => candidate.Span.Line <= span.Line);
            var next = rule is null ? null : own.FirstOrDefault(candidate => candidate.Span.Line > rule.Span.Line);
            if (rule is not null && (next is not null ? span.Line < next.Span.Line : span.Line <= rule.Span.EndLine))
            {
                (attached.TryGetValue(rule.Index, out var list) ? list : attached[rule.Index] = new List<RuleDiagnostic>()).Add(file.Diagnostics[i]);
            }
        }

        return attached;
    }

    private static string Finding(RuleDiagnostic d)
    {
        var severity = DiagnosticReports.SeverityName(d.Severity);
        return $"<span class=\"finding {severity}\">{E(d.Id)} ({severity}, line {d.Line}): {E(d.Message)}</span>";
    }

    private static string E(string text) => RuleTable.Escape(text);
}
