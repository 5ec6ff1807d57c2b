using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>Reading, walking and whole-tree rewrites of <see cref="YNode"/> trees.</summary>
internal static class YTree
{
    public static YNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return YNode.From(stream.Documents[0].RootNode);
    }

    /// <summary>Every slot, in document order. The root's slot cannot be replaced (mutations change the root in place).</summary>
    public static List<YSlot> Slots(YNode root)
    {
        var slots = new List<YSlot> { new("(root)", root, false, Array.Empty<YNode>(), _ => throw new InvalidOperationException("the root is changed in place")) };
        Walk(root, string.Empty, new List<YNode>(), slots);
        return slots;
    }

    private static void Walk(YNode node, string path, List<YNode> ancestors, List<YSlot> slots)
    {
        ancestors.Add(node);
        var above = ancestors.ToArray();
        if (node.Kind == YKind.Mapping)
        {
            foreach (var entry in node.Entries)
            {
                var key = entry.Key.Kind == YKind.Scalar ? Shorten(entry.Key.Value) : "{complex key}";
                var childPath = path.Length == 0 ? key : path + "." + key;
                var e = entry;
                slots.Add(new YSlot(childPath + " (key)", entry.Key, true, above, n => e.Key = n));
                Walk(entry.Key, childPath + " (key)", ancestors, slots);
                slots.Add(new YSlot(childPath, entry.Value, false, above, n => e.Value = n));
                Walk(entry.Value, childPath, ancestors, slots);
            }
        }
        else if (node.Kind == YKind.Sequence)
        {
            for (var i = 0; i < node.Items.Count; i++)
            {
                var (items, index) = (node.Items, i);
                var childPath = $"{path}[{i}]";
                slots.Add(new YSlot(childPath, node.Items[i], false, above, n => items[index] = n));
                Walk(node.Items[i], childPath, ancestors, slots);
            }
        }

        ancestors.RemoveAt(ancestors.Count - 1);
    }

    /// <summary>Whether a node contains itself (shared nodes make it possible): such a tree cannot be walked or written.</summary>
    public static bool HasCycle(YNode root)
    {
        var onPath = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        var done = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        bool Visit(YNode node)
        {
            if (done.Contains(node))
            {
                return false;
            }

            if (!onPath.Add(node))
            {
                return true;
            }

            foreach (var child in node.Children)
            {
                if (Visit(child))
                {
                    return true;
                }
            }

            onPath.Remove(node);
            done.Add(node);
            return false;
        }

        return Visit(root);
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text.Substring(0, 27) + "...";

    /// <summary>Rewrites the values of the root mapping with <paramref name="change"/>, keeping the root a mapping so the binder reads on.</summary>
    public static YNode MapValues(YNode root, Func<YNode, YNode> change)
    {
        foreach (var entry in root.Entries)
        {
            entry.Value = change(entry.Value);
        }

        return root;
    }

    public static YNode ScalarsToMappings(YNode node) => node.Kind switch
    {
        YKind.Scalar => YNode.Mapping(true, new YEntry(YNode.Scalar("value"), node)),
        YKind.Mapping => YNode.Mapping(node.Flow, node.Entries.Select(e => new YEntry(e.Key, ScalarsToMappings(e.Value))).ToArray()),
        _ => YNode.Sequence(node.Flow, node.Items.Select(ScalarsToMappings).ToArray()),
    };

    public static YNode ScalarsToSequences(YNode node) => node.Kind switch
    {
        YKind.Scalar => YNode.Sequence(true, node),
        YKind.Mapping => YNode.Mapping(node.Flow, node.Entries.Select(e => new YEntry(e.Key, ScalarsToSequences(e.Value))).ToArray()),
        _ => YNode.Sequence(node.Flow, node.Items.Select(ScalarsToSequences).ToArray()),
    };

    public static YNode MappingsToSequences(YNode node) => node.Kind switch
    {
        YKind.Scalar => node,
        YKind.Mapping => YNode.Sequence(node.Flow, node.Entries.Select(e => MappingsToSequences(e.Value)).ToArray()),
        _ => YNode.Sequence(node.Flow, node.Items.Select(MappingsToSequences).ToArray()),
    };

    public static YNode SequencesToMappings(YNode node) => node.Kind switch
    {
        YKind.Scalar => node,
        YKind.Mapping => YNode.Mapping(node.Flow, node.Entries.Select(e => new YEntry(e.Key, SequencesToMappings(e.Value))).ToArray()),
        _ => YNode.Mapping(node.Flow, node.Items.Select((item, i) => new YEntry(YNode.Scalar("item" + i.ToString(CultureInfo.InvariantCulture)), SequencesToMappings(item))).ToArray()),
    };
}
