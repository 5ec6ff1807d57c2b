using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Cli.Output;

/// <summary>
/// A rule set as a decision table: one row per rule, one column per input a rule tests (each cell what the rule file
/// says of it), a column for conditions that are not tests of one field (<c>any</c>, <c>not</c>, nested <c>all</c>),
/// then one column per output.
/// </summary>
internal sealed record RuleTable(IReadOnlyList<string> Inputs, bool HasOther, IReadOnlyList<string> Outputs, IReadOnlyList<RuleRow> Rows)
{
    public const string Other = "other conditions";

    public static RuleTable Of(RuleSetModel model)
    {
        var rows = new List<RuleRow>();
        var used = new HashSet<string>();
        foreach (var rule in model.Rules)
        {
            var items = rule.When is AllCondition all ? all.Items.ToList() : new List<Condition> { rule.When };
            var cells = new Dictionary<string, string>();
            foreach (var group in items.OfType<TestCondition>().GroupBy(test => Column(model.Inputs[test.Field])))
            {
                cells[group.Key] = ConditionYaml.Cell(group.ToList(), model.Inputs);
                used.Add(group.Key);
            }

            var other = items.Where(item => item is not TestCondition).Select(item => ConditionYaml.Condition(item, model.Inputs)).ToList();
            rows.Add(new RuleRow(rule, cells, other.Count == 0 ? null : string.Join(", ", other), rule.Then.Select((value, i) => value.ToYaml(model.Outputs[i])).ToList()));
        }

        // Columns in declaration order of the inputs.
        var inputs = model.Inputs.Select(Column).Distinct().Where(used.Contains).ToList();
        return new RuleTable(inputs, rows.Any(row => row.Other is not null), model.Outputs.Select(output => output.Name).ToList(), rows);
    }

    /// <summary>A map key's tests stand under its path (<c>headers.origin</c>), a has-key test under the map.</summary>
    private static string Column(FieldModel field) => field.Name;

    public string Markdown()
    {
        var header = new List<string> { "#", "rule" };
        header.AddRange(Inputs);
        if (HasOther)
        {
            header.Add(Other);
        }

        header.AddRange(Outputs.Select(output => "→ " + output));
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", header.Select(MarkdownCell))).Append(" |\n");
        text.Append('|').Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var row in Rows)
        {
            text.Append("| ").Append(string.Join(" | ", row.Cells(this).Select(MarkdownCell))).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>The table as an HTML table; <paramref name="extra"/> adds columns (findings, coverage) per rule.</summary>
    public string Html(IReadOnlyList<(string Header, System.Func<RuleRow, string> Cell)>? extra = null)
    {
        extra ??= new List<(string, System.Func<RuleRow, string>)>();
        var text = new StringBuilder("<table class=\"rules\">\n<thead><tr><th>#</th><th>rule</th>");
        foreach (var input in Inputs)
        {
            text.Append("<th class=\"input\">").Append(Escape(input)).Append("</th>");
        }

        if (HasOther)
        {
            text.Append("<th class=\"input\">").Append(Other).Append("</th>");
        }

        foreach (var output in Outputs)
        {
            text.Append("<th class=\"output\">→ ").Append(Escape(output)).Append("</th>");
        }

        foreach (var (header, _) in extra)
        {
            text.Append("<th>").Append(Escape(header)).Append("</th>");
        }

        text.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in Rows)
        {
            text.Append("<tr id=\"rule-").Append(Escape(row.Rule.Id)).Append("\">");
            foreach (var cell in row.Cells(this))
            {
                text.Append("<td>").Append(Escape(cell)).Append("</td>");
            }

            foreach (var (_, cell) in extra)
            {
                text.Append("<td>").Append(cell(row)).Append("</td>");
            }

            text.Append("</tr>\n");
        }

        return text.Append("</tbody>\n</table>\n").ToString();
    }

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string MarkdownCell(string text) => text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\n", " ");
}

/// <summary>One rule's row: its cells by input column, its other conditions, its outputs as the rule file writes them.</summary>
internal sealed record RuleRow(RuleModel Rule, IReadOnlyDictionary<string, string> ByInput, string? Other, IReadOnlyList<string> Outputs)
{
    /// <summary>The row's cells in <paramref name="table"/>'s column order (an input it does not test: empty).</summary>
    public IEnumerable<string> Cells(RuleTable table)
    {
        yield return (Rule.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return Rule.Id;
        foreach (var input in table.Inputs)
        {
            yield return ByInput.TryGetValue(input, out var cell) ? cell : string.Empty;
        }

        if (table.HasOther)
        {
            yield return Other ?? string.Empty;
        }

        foreach (var output in Outputs)
        {
            yield return output;
        }
    }
}
