using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Composition;

/// <summary>
/// Decision tables (spec §13) as the rules they stand for: each row becomes one rule mapping at the row's line, whose
/// tests and values are the row's cells, so every later stage (binder, analysis, planner, Explain) sees ordinary rules
/// and every diagnostic about a cell points at that cell. A pure function of the syntax.
/// </summary>
/// <remarks>
/// A <c>when</c> cell is <c>-</c> (any), a literal (eq), a sequence (in), a mapping of operators (the ordinary test
/// form, for a literal that reads like an operator), or a one-operator string <c>OP OPERAND</c>: <c>&lt; &lt;= &gt;
/// &gt;= !=</c> and a literal, <c>lo..hi</c> (between), <c>not [a, b]</c>, <c>prefix X</c>, <c>suffix X</c>,
/// <c>contains X</c>, <c>glob X</c>, <c>regex X</c>. An operand in quotes keeps its spaces.
/// </remarks>
public static class DecisionTables
{
    /// <summary>The keys of a <c>table:</c> mapping.</summary>
    public static IReadOnlyList<string> Keys { get; } = new[] { "id", "description", "priority", "override", "when", "then", "rows" };

    /// <summary>A cell's operator prefixes (longest first) and the operators they stand for.</summary>
    private static readonly (string Prefix, TestOperator Operator)[] s_symbols =
    {
        ("<=", TestOperator.Lte), (">=", TestOperator.Gte), ("!=", TestOperator.Ne), ("<", TestOperator.Lt), (">", TestOperator.Gt),
    };

    private static readonly TestOperator[] s_words =
    {
        TestOperator.Prefix, TestOperator.Suffix, TestOperator.Contains, TestOperator.Glob, TestOperator.Regex,
    };

    /// <summary>
    /// <paramref name="rules"/> with every <c>table:</c> item replaced by its rows' rules (the same node when it has no
    /// table). Shape errors are reported through <paramref name="shapes"/>' sink and <paramref name="report"/>; a row
    /// that cannot become a rule is left out (its error is reported, so the file generates nothing).
    /// </summary>
    public static YamlSequence Expand(YamlSequence rules, NodeShapes shapes, Action<DiagnosticInfo> report)
    {
        if (!rules.Items.Any(IsTable))
        {
            return rules;
        }

        var items = new List<YamlNode>(rules.Items.Count);
        foreach (var item in rules.Items)
        {
            if (IsTable(item))
            {
                items.AddRange(ExpandTable((YamlMapping)item, shapes, report));
            }
            else
            {
                items.Add(item);
            }
        }

        return new YamlSequence(items, rules.Span);
    }

    private static bool IsTable(YamlNode item) => item is YamlMapping map && map.Get("table") is not null;

    private static IEnumerable<YamlNode> ExpandTable(YamlMapping item, NodeShapes shapes, Action<DiagnosticInfo> report)
    {
        shapes.CheckKeys(item, new[] { "table" }, "a rule written as a table");
        if (shapes.Mapping(item.Get("table")!, "'table'", "a mapping with 'when', 'then' and 'rows'") is not { } table)
        {
            yield break;
        }

        shapes.CheckKeys(table, Keys, "a table");
        var when = shapes.Required(table, "when", "A table") is { } w ? shapes.Scalars(w, "'when'", "a sequence of input names such as [model, tier]") : null;
        var then = shapes.Required(table, "then", "A table") is { } t ? shapes.Scalars(t, "'then'", "a sequence of output names such as [price]") : null;
        var rows = shapes.Required(table, "rows", "A table") is { } r ? shapes.Sequence(r, "'rows'", "a sequence of rows, each a sequence of cells") : null;
        var idTemplate = table.Get("id") is { } idNode ? shapes.Scalar(idNode, "'id'") : null;
        if (when is null || then is null || rows is null || (table.Get("id") is not null && idTemplate is null))
        {
            yield break;
        }

        if (then.Count == 0)
        {
            report(DiagnosticCatalog.EmptySequence.At(table.Get("then")!.Span, "'then' of a table"));
            yield break;
        }

        var columns = when.Concat(then).ToList();
        if (columns.GroupBy(column => column.Value).FirstOrDefault(group => group.Count() > 1) is { } repeated)
        {
            report(DiagnosticCatalog.InvalidTable.At(repeated.ElementAt(1).Span, $"names column '{repeated.Key}' twice; a column is an input of 'when' or an output of 'then', once"));
            yield break;
        }

        if (idTemplate is not null && !CheckTemplate(idTemplate, columns, report))
        {
            yield break;
        }

        var shared = table.Entries.Where(entry => entry.Key.Value is "description" or "priority" or "override").ToList();

        // Rows written on one line (flow style) share a line: their default ids add the column.
        var lines = rows.Items.GroupBy(row => row.Span.Line).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        foreach (var rowNode in rows.Items)
        {
            if (shapes.Sequence(rowNode, "a row of a table", "a sequence of cells, one per 'when' and 'then' column") is not { } row)
            {
                continue;
            }

            if (row.Items.Count != columns.Count)
            {
                report(DiagnosticCatalog.InvalidTable.At(row.Span, string.Format(
                    CultureInfo.InvariantCulture,
                    "row has {0} cells but the table has {1} columns ({2} when, {3} then): {4}",
                    row.Items.Count,
                    columns.Count,
                    when.Count,
                    then.Count,
                    string.Join(", ", columns.Select(c => c.Value)))));
                continue;
            }

            var tests = new List<KeyValuePair<YamlScalar, YamlNode>>();
            for (var i = 0; i < when.Count; i++)
            {
                if (WhenCell(row.Items[i]) is { } test)
                {
                    tests.Add(new(when[i], test));
                }
            }

            var values = new List<KeyValuePair<YamlScalar, YamlNode>>();
            for (var i = 0; i < then.Count; i++)
            {
                values.Add(new(then[i], row.Items[when.Count + i]));
            }

            var id = idTemplate is null
                ? new YamlScalar(DefaultId(row, lines.Contains(row.Span.Line)), false, row.Span)
                : Id(idTemplate, columns, row, report);
            if (id is null)
            {
                continue;
            }

            var entries = new List<KeyValuePair<YamlScalar, YamlNode>> { new(Key("id", row.Span), id) };
            entries.AddRange(shared);
            entries.Add(new(Key("when", row.Span), new YamlMapping(tests, row.Span)));
            entries.Add(new(Key("then", row.Span), new YamlMapping(values, row.Span)));
            yield return new YamlMapping(entries, row.Span);
        }
    }

    private static YamlScalar Key(string name, SourceSpan span) => new(name, true, span);

    private static string DefaultId(YamlSequence row, bool sharesLine) => sharesLine
        ? string.Format(CultureInfo.InvariantCulture, "row-{0}-{1}", row.Span.Line, row.Span.Column)
        : "row-" + row.Span.Line.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <c>when</c> cell as a test node, or null for <c>-</c> (any value).</summary>
    private static YamlNode? WhenCell(YamlNode cell)
    {
        if (cell is not YamlScalar scalar)
        {
            return cell;
        }

        var text = scalar.Value.Trim();
        if (text == "-")
        {
            return null;
        }

        var lead = scalar.Value.Length - scalar.Value.TrimStart().Length;
        foreach (var (prefix, op) in s_symbols)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length)
            {
                return Test(scalar, op, Operand(scalar, lead + prefix.Length));
            }
        }

        if (text.StartsWith("not ", StringComparison.Ordinal) && text.Substring(4).TrimStart() is { Length: > 1 } list && list[0] == '[' && list[list.Length - 1] == ']')
        {
            var open = scalar.Value.IndexOf('[');
            return Test(scalar, TestOperator.NotIn, Items(scalar, open + 1, scalar.Value.LastIndexOf(']')));
        }

        foreach (var op in s_words)
        {
            var word = op.YamlName() + " ";
            if (text.StartsWith(word, StringComparison.Ordinal) && text.Length > word.Length)
            {
                return Test(scalar, op, Operand(scalar, lead + word.Length));
            }
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots > 0 && dots + 2 < text.Length && text.IndexOf("..", dots + 2, StringComparison.Ordinal) < 0 && text.IndexOf(' ') < 0)
        {
            var lo = Piece(scalar, lead, dots);
            var hi = Piece(scalar, lead + dots + 2, text.Length - dots - 2);
            return Test(scalar, TestOperator.Between, new YamlSequence(new YamlNode[] { lo, hi }, scalar.Span));
        }

        return scalar;
    }

    private static YamlMapping Test(YamlScalar cell, TestOperator op, YamlNode operand) =>
        new(new[] { new KeyValuePair<YamlScalar, YamlNode>(Key(op.YamlName(), cell.Span), operand) }, cell.Span);

    /// <summary>The operand from <paramref name="start"/> to the end of the cell: trimmed, and unquoted when in quotes.</summary>
    private static YamlScalar Operand(YamlScalar cell, int start)
    {
        var value = cell.Value;
        while (start < value.Length && value[start] == ' ')
        {
            start++;
        }

        var end = value.Length;
        while (end > start && value[end - 1] == ' ')
        {
            end--;
        }

        return Piece(cell, start, end - start);
    }

    /// <summary>Characters <paramref name="start"/>..+<paramref name="length"/> of the cell as a scalar at their place; quotes make it a quoted string.</summary>
    private static YamlScalar Piece(YamlScalar cell, int start, int length)
    {
        var text = cell.Value.Substring(start, length).Trim();
        start += cell.Value.Substring(start, length).IndexOf(text, StringComparison.Ordinal);
        var quoted = text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[text.Length - 1] == text[0];
        return quoted
            ? new YamlScalar(text.Substring(1, text.Length - 2), false, cell.SpanOf(start, text.Length))
            : new YamlScalar(text, true, cell.SpanOf(start, text.Length));
    }

    /// <summary>The comma-separated items between <paramref name="start"/> and <paramref name="end"/> (a <c>not [a, b]</c> cell).</summary>
    private static YamlSequence Items(YamlScalar cell, int start, int end)
    {
        var items = new List<YamlNode>();
        var from = start;
        var quote = '\0';
        for (var i = start; i <= end; i++)
        {
            if (i < end && quote == '\0' && cell.Value[i] is '"' or '\'')
            {
                quote = cell.Value[i];
            }
            else if (i < end && cell.Value[i] == quote)
            {
                quote = '\0';
            }
            else if (i == end || (quote == '\0' && cell.Value[i] == ','))
            {
                if (cell.Value.Substring(from, i - from).Trim().Length > 0)
                {
                    items.Add(Piece(cell, from, i - from));
                }

                from = i + 1;
            }
        }

        return new YamlSequence(items, cell.Span);
    }

    private static bool CheckTemplate(YamlScalar template, List<YamlScalar> columns, Action<DiagnosticInfo> report)
    {
        foreach (var (name, start) in Placeholders(template.Value))
        {
            if (name is null)
            {
                report(DiagnosticCatalog.InvalidTable.At(template.SpanOf(start, 1), "id template has a '{' that is never closed"));
                return false;
            }

            if (!columns.Any(c => c.Value == name))
            {
                report(DiagnosticCatalog.InvalidTable.At(template.SpanOf(start, name.Length + 2), $"id template names '{name}', which is not a column; the columns are {string.Join(", ", columns.Select(c => c.Value))}"));
                return false;
            }
        }

        return true;
    }

    /// <summary>The row's id: the template with each <c>{column}</c> replaced by the row's cell, at the row's place.</summary>
    private static YamlScalar? Id(YamlScalar template, List<YamlScalar> columns, YamlSequence row, Action<DiagnosticInfo> report)
    {
        var id = new StringBuilder();
        var at = 0;
        foreach (var (name, start) in Placeholders(template.Value))
        {
            id.Append(template.Value, at, start - at);
            var cell = row.Items[columns.FindIndex(c => c.Value == name)];
            if (cell is not YamlScalar scalar)
            {
                report(DiagnosticCatalog.InvalidTable.At(cell.Span, $"id template uses column '{name}', whose cell here is not a single value"));
                return null;
            }

            id.Append(scalar.Value.Trim());
            at = start + name!.Length + 2;
        }

        id.Append(template.Value, at, template.Value.Length - at);
        return new YamlScalar(id.ToString(), false, row.Span);
    }

    /// <summary>Each <c>{name}</c> of a template and where its brace stands; a name of null for a brace never closed.</summary>
    private static IEnumerable<(string? Name, int Start)> Placeholders(string template)
    {
        for (var i = template.IndexOf('{'); i >= 0; i = template.IndexOf('{', i + 1))
        {
            var close = template.IndexOf('}', i);
            yield return (close < 0 ? null : template.Substring(i + 1, close - i - 1), i);
            if (close < 0)
            {
                yield break;
            }
        }
    }
}
