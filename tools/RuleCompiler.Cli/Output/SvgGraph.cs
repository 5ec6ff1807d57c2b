using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace RuleCompiler.Cli.Output;

/// <summary>
/// A <see cref="PlanGraph"/> drawn as inline SVG, laid out here (no script, no CDN): each node in the layer of its
/// longest path from the root, layers top to bottom, nodes left to right in breadth-first order, edges as curves from a
/// node's bottom to its child's top with their labels at the middle.
/// </summary>
internal static class SvgGraph
{
    private const double CharWidth = 6.2;
    private const double NodeHeight = 40;
    private const double LayerGap = 70;
    private const double NodeGap = 24;
    private const double Margin = 16;
    private const double MaxNodeWidth = 260;

    public static string Render(PlanGraph graph)
    {
        var layer = Layers(graph);
        var width = graph.Nodes.ToDictionary(node => node.Id, node => Math.Min(MaxNodeWidth, 16 + CharWidth * Math.Max(node.Title.Length, node.Rules.Count > 0 ? PlanGraph.Possible(node).Length : 0)));
        var layers = graph.Nodes.GroupBy(node => layer[node.Id]).OrderBy(group => group.Key).ToList();
        var rowWidths = layers.Select(group => group.Sum(node => width[node.Id]) + NodeGap * (group.Count() - 1)).ToList();
        var total = rowWidths.DefaultIfEmpty(0).Max() + 2 * Margin;
        var position = new Dictionary<int, (double X, double Y)>();
        for (var row = 0; row < layers.Count; row++)
        {
            var x = Margin + (total - 2 * Margin - rowWidths[row]) / 2;
            foreach (var node in layers[row])
            {
                position[node.Id] = (x, Margin + row * (NodeHeight + LayerGap));
                x += width[node.Id] + NodeGap;
            }
        }

        var height = 2 * Margin + layers.Count * NodeHeight + Math.Max(0, layers.Count - 1) * LayerGap;
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plan\" style=\"max-width: 100%; height: auto\" width=\"{N(total)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(total)} {N(height)}\" role=\"img\" aria-label=\"decision plan\">\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#667\"/></marker></defs>\n");
        foreach (var edge in graph.Edges)
        {
            var (fx, fy) = position[edge.From];
            var (tx, ty) = position[edge.To];
            var x1 = fx + width[edge.From] / 2;
            var y1 = fy + NodeHeight;
            var x2 = tx + width[edge.To] / 2;
            var y2 = ty;
            var bend = Math.Max(30, (y2 - y1) / 2);
            svg.Append($"<path class=\"edge\" d=\"M{N(x1)},{N(y1)} C{N(x1)},{N(y1 + bend)} {N(x2)},{N(y2 - bend)} {N(x2)},{N(y2)}\" fill=\"none\" stroke=\"#667\" marker-end=\"url(#arrow)\"/>\n");
            svg.Append($"<text class=\"edge-label\" x=\"{N((x1 + x2) / 2)}\" y=\"{N((y1 + y2) / 2)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">{Escape(edge.Label)}</text>\n");
        }

        foreach (var node in graph.Nodes)
        {
            var (x, y) = position[node.Id];
            var w = width[node.Id];
            var fill = node.Id == PlanGraph.NoRule ? "#eee" : node.IsLeaf ? "#e8f4e8" : "#e8eef8";
            svg.Append($"<g class=\"node\" id=\"plan-{PlanGraph.Name(node.Id)}\"><title>{Escape(node.Title + (node.Rules.Count > 0 ? "\nrules still possible: " + string.Join(", ", node.Rules) : string.Empty))}</title>");
            svg.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(NodeHeight)}\" rx=\"{(node.IsLeaf ? 12 : 2)}\" fill=\"{fill}\" stroke=\"#556\"/>");
            svg.Append($"<text x=\"{N(x + w / 2)}\" y=\"{N(y + 16)}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">{Escape(Clip(node.Title, w))}</text>");
            if (node.Rules.Count > 0)
            {
                svg.Append($"<text x=\"{N(x + w / 2)}\" y=\"{N(y + 31)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#444\">{Escape(Clip(PlanGraph.Possible(node), w))}</text>");
            }

            svg.Append("</g>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Each node's layer: its longest path from the root (the graph is a DAG); "no rule holds" below every other.</summary>
    private static Dictionary<int, int> Layers(PlanGraph graph)
    {
        var layer = graph.Nodes.ToDictionary(node => node.Id, _ => 0);
        var children = graph.Edges.Where(edge => edge.To != PlanGraph.NoRule).ToLookup(edge => edge.From, edge => edge.To);

        // Nodes come breadth first from the root; relax in that order until nothing moves (a DAG settles in its depth's passes).
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in graph.Nodes)
            {
                foreach (var child in children[node.Id])
                {
                    if (layer[child] < layer[node.Id] + 1)
                    {
                        layer[child] = layer[node.Id] + 1;
                        changed = true;
                    }
                }
            }
        }

        if (layer.ContainsKey(PlanGraph.NoRule))
        {
            layer[PlanGraph.NoRule] = layer.Values.Max() + 1;
        }

        return layer;
    }

    private static string Clip(string text, double width)
    {
        var max = (int)((width - 12) / CharWidth);
        return text.Length <= max ? text : text.Substring(0, Math.Max(1, max - 1)) + "…";
    }

    private static string Escape(string text) => RuleTable.Escape(text);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
