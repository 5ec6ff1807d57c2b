using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;

namespace RuleCompiler.Cli.Output;

/// <summary>A graph node: a switch (the field it reads) or a leaf (the rules it checks), and the rules still possible there.</summary>
internal sealed record GraphNode(int Id, bool IsLeaf, string Title, IReadOnlyList<string> Rules);

/// <summary>An edge, labelled with the values (or value classes) that take it.</summary>
internal sealed record GraphEdge(int From, int To, string Label);

/// <summary>
/// The planner's decision DAG as a graph to draw: switch nodes labelled with the field they read, leaves with the
/// rules they check in rank order, every node with the rules still possible there; at most <see cref="MaxNodes"/>
/// nodes (breadth first from the root), with a note saying how many more there are.
/// </summary>
internal sealed record PlanGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, int TotalNodes)
{
    public const int MaxNodes = 150;

    /// <summary>The id of the terminal that stands for "no rule holds" (a switch's child -1).</summary>
    public const int NoRule = -1;

    public string? Note => TotalNodes > Nodes.Count(node => node.Id != NoRule)
        ? $"The plan has {TotalNodes} nodes; the first {MaxNodes} (breadth first from the root) are shown."
        : null;

    public static PlanGraph Of(RuleSetModel model, Plan plan)
    {
        var byId = plan.Nodes.ToDictionary(node => node.Id);
        var possible = new Dictionary<int, SortedSet<int>>();
        var order = new List<int>();
        var seen = new HashSet<int>();
        var queue = new Queue<int>();
        if (plan.Nodes.Count > 0)
        {
            queue.Enqueue(plan.Nodes[0].Id);
            seen.Add(plan.Nodes[0].Id);
        }

        while (queue.Count > 0 && order.Count < MaxNodes)
        {
            var id = queue.Dequeue();
            order.Add(id);
            foreach (var next in byId[id].Successors().Where(next => next >= 0 && seen.Add(next)))
            {
                queue.Enqueue(next);
            }
        }

        var shown = new HashSet<int>(order);
        var nodes = order.Select(id => Node(model, byId[id], Possible(byId, id, possible))).ToList();
        var edges = order.SelectMany(id => EdgesOf(model, byId[id])).Where(edge => edge.To == NoRule || shown.Contains(edge.To)).ToList();
        if (edges.Any(edge => edge.To == NoRule))
        {
            nodes.Add(new GraphNode(NoRule, true, "no rule holds", new List<string>()));
        }

        return new PlanGraph(nodes, edges, plan.Nodes.Count);

        IReadOnlyList<string> Possible(Dictionary<int, PlanNode> all, int id, Dictionary<int, SortedSet<int>> memo) =>
            Reachable(all, id, memo).Select(rule => model.Rules[rule].Id).ToList();
    }

    /// <summary>The rules some leaf at or below <paramref name="id"/> checks: those still possible there.</summary>
    private static SortedSet<int> Reachable(Dictionary<int, PlanNode> nodes, int id, Dictionary<int, SortedSet<int>> memo)
    {
        if (memo.TryGetValue(id, out var known))
        {
            return known;
        }

        var rules = new SortedSet<int>();
        memo[id] = rules;
        if (nodes[id] is Leaf leaf)
        {
            rules.UnionWith(leaf.Candidates.Select(candidate => candidate.Rule));
        }

        foreach (var next in nodes[id].Successors().Where(next => next >= 0))
        {
            rules.UnionWith(Reachable(nodes, next, memo));
        }

        return rules;
    }

    private static GraphNode Node(RuleSetModel model, PlanNode node, IReadOnlyList<string> possible) => node switch
    {
        DiscreteSwitch s => new GraphNode(s.Id, false, model.Inputs[s.Field].Name, possible),
        RangeSwitch s => new GraphNode(s.Id, false, model.Inputs[s.Field].Name, possible),
        // A leaf's rules are its candidates in rank order; '?' marks one with a test left to check.
        Leaf leaf => new GraphNode(leaf.Id, true, leaf.Candidates.Count == 0 ? "no rule" : "check", leaf.Candidates.Select(c => model.Rules[c.Rule].Id + (c.Check is null ? string.Empty : "?")).ToList()),
        _ => throw new System.ArgumentException("unknown plan node " + node.GetType().Name, nameof(node)),
    };

    private static IEnumerable<GraphEdge> EdgesOf(RuleSetModel model, PlanNode node)
    {
        var labels = new List<(int To, string Label)>();
        switch (node)
        {
            case DiscreteSwitch s:
                var field = model.Inputs[s.Field];
                labels.AddRange(s.Keys.Select((key, i) => (s.Targets[i], key.ToYaml(field))));
                labels.Add((s.Otherwise, "else"));
                break;
            case RangeSwitch s:
                var numeric = model.Inputs[s.Field];
                var points = s.Points.Select(point => point.ToYaml(numeric)).ToList();
                for (var c = 0; c < s.ClassTargets.Count; c++)
                {
                    labels.Add((s.ClassTargets[c], RangeClass(points, c)));
                }

                break;
            case Leaf leaf:
                if (leaf.Fallthrough >= 0)
                {
                    labels.Add((leaf.Fallthrough, "then"));
                }

                break;
        }

        // One edge per child, its labels joined.
        return labels.GroupBy(label => label.To < 0 ? NoRule : label.To)
            .Select(group => new GraphEdge(node.Id, group.Key, Shorten(string.Join(", ", group.Select(label => label.Label)))));
    }

    /// <summary>Class 2i+1 is x == p_i, class 2i the interval below p_i, class 2k above the last point, 2k+1 NaN.</summary>
    private static string RangeClass(IReadOnlyList<string> points, int c)
    {
        var k = points.Count;
        if (c % 2 == 1)
        {
            return c / 2 < k ? "= " + points[c / 2] : "NaN";
        }

        var i = c / 2;
        return i == 0 ? "< " + points[0] : i == k ? "> " + points[k - 1] : $"({points[i - 1]}, {points[i]})";
    }

    private static string Shorten(string label) => label.Length <= 60 ? label : label.Substring(0, 57) + "...";

    public string Mermaid()
    {
        var text = new StringBuilder("flowchart TD\n");
        if (Note is { } note)
        {
            // A node of its own, so that the drawing says it is cut, not only the source.
            text.Append("  %% ").Append(note).Append('\n');
            text.Append("  cut[\"").Append(MermaidText(note)).Append("\"]\n");
        }

        foreach (var node in Nodes)
        {
            var label = MermaidText(node.Title) + (node.Rules.Count > 0 ? "<br/><small>" + MermaidText(Possible(node)) + "</small>" : string.Empty);
            text.Append("  ").Append(Name(node.Id)).Append(node.IsLeaf ? "([\"" : "{{\"").Append(label).Append(node.IsLeaf ? "\"])" : "\"}}").Append('\n');
        }

        foreach (var edge in Edges)
        {
            text.Append("  ").Append(Name(edge.From)).Append(" -->|\"").Append(MermaidText(edge.Label)).Append("\"| ").Append(Name(edge.To)).Append('\n');
        }

        return text.ToString();
    }

    public string Dot()
    {
        var text = new StringBuilder("digraph plan {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        if (Note is { } note)
        {
            text.Append("  label=").Append(DotText(note)).Append(";\n");
        }

        foreach (var node in Nodes)
        {
            var label = node.Title + (node.Rules.Count > 0 ? "\n" + Possible(node) : string.Empty);
            text.Append("  ").Append(Name(node.Id)).Append(" [shape=").Append(node.IsLeaf ? "box, style=rounded" : "diamond").Append(", label=").Append(DotText(label)).Append("];\n");
        }

        foreach (var edge in Edges)
        {
            text.Append("  ").Append(Name(edge.From)).Append(" -> ").Append(Name(edge.To)).Append(" [label=").Append(DotText(edge.Label)).Append("];\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>The rules still possible at a node, shortened past a handful.</summary>
    public static string Possible(GraphNode node) =>
        "rules: " + (node.Rules.Count <= 6 ? string.Join(", ", node.Rules) : string.Join(", ", node.Rules.Take(5)) + $" +{node.Rules.Count - 5} more");

    public static string Name(int id) => id == NoRule ? "none" : "n" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Mermaid strings in quotes: '"' and markup characters as entity codes (#quot;), as Mermaid documents.
    private static string MermaidText(string text) => text.Replace("#", "#35;").Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;").Replace("|", "#124;");

    private static string DotText(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
