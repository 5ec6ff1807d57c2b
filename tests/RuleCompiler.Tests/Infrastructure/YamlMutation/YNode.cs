using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>
/// A mutable YAML tree, read with YamlDotNet's representation model and written with its emitter. Unlike
/// YamlMappingNode it keeps duplicate keys, and a node referenced twice is written once with an anchor, then as
/// an alias.
/// </summary>
internal sealed class YNode
{
    private YNode(YKind kind) => Kind = kind;

    public YKind Kind { get; }

    public string Value { get; set; } = string.Empty;

    public ScalarStyle Style { get; set; }

    public bool Flow { get; set; }

    public List<YEntry> Entries { get; } = new();

    public List<YNode> Items { get; } = new();

    public static YNode Scalar(string value, ScalarStyle style = ScalarStyle.Any) => new(YKind.Scalar) { Value = value, Style = style };

    public static YNode Mapping(bool flow, params YEntry[] entries)
    {
        var node = new YNode(YKind.Mapping) { Flow = flow };
        node.Entries.AddRange(entries);
        return node;
    }

    public static YNode Sequence(bool flow, params YNode[] items)
    {
        var node = new YNode(YKind.Sequence) { Flow = flow };
        node.Items.AddRange(items);
        return node;
    }

    public static YNode From(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar.Value ?? string.Empty, scalar.Style),
        YamlMappingNode mapping => Mapping(mapping.Style == MappingStyle.Flow, mapping.Children.Select(c => new YEntry(From(c.Key), From(c.Value))).ToArray()),
        YamlSequenceNode sequence => Sequence(sequence.Style == SequenceStyle.Flow, sequence.Children.Select(From).ToArray()),
        _ => throw new ArgumentException("unexpected node " + node.GetType().Name),
    };

    public YNode Clone() => Kind switch
    {
        YKind.Scalar => Scalar(Value, Style),
        YKind.Mapping => Mapping(Flow, Entries.Select(e => new YEntry(e.Key.Clone(), e.Value.Clone())).ToArray()),
        _ => Sequence(Flow, Items.Select(i => i.Clone()).ToArray()),
    };

    public IEnumerable<YNode> Children => Kind switch
    {
        YKind.Mapping => Entries.SelectMany(e => new[] { e.Key, e.Value }),
        YKind.Sequence => Items,
        _ => Enumerable.Empty<YNode>(),
    };

    public string ToYaml()
    {
        var seen = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        var shared = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        void Count(YNode node)
        {
            if (!seen.Add(node))
            {
                shared.Add(node);
                return;
            }

            foreach (var child in node.Children)
            {
                Count(child);
            }
        }

        Count(this);
        var writer = new StringWriter();
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        var anchors = new Dictionary<YNode, AnchorName>(ReferenceEqualityComparer.Instance);
        Emit(emitter, shared, anchors);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private void Emit(IEmitter emitter, HashSet<YNode> shared, Dictionary<YNode, AnchorName> anchors)
    {
        if (anchors.TryGetValue(this, out var existing))
        {
            emitter.Emit(new AnchorAlias(existing));
            return;
        }

        var anchor = AnchorName.Empty;
        if (shared.Contains(this))
        {
            anchor = new AnchorName("a" + (anchors.Count + 1).ToString(CultureInfo.InvariantCulture));
            anchors.Add(this, anchor);
        }

        switch (Kind)
        {
            case YKind.Scalar:
                emitter.Emit(new YamlDotNet.Core.Events.Scalar(anchor, TagName.Empty, Value, Style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            case YKind.Mapping:
                emitter.Emit(new MappingStart(anchor, TagName.Empty, isImplicit: true, Flow ? MappingStyle.Flow : MappingStyle.Any));
                foreach (var entry in Entries)
                {
                    entry.Key.Emit(emitter, shared, anchors);
                    entry.Value.Emit(emitter, shared, anchors);
                }

                emitter.Emit(new MappingEnd());
                break;
            default:
                emitter.Emit(new SequenceStart(anchor, TagName.Empty, isImplicit: true, Flow ? SequenceStyle.Flow : SequenceStyle.Any));
                foreach (var item in Items)
                {
                    item.Emit(emitter, shared, anchors);
                }

                emitter.Emit(new SequenceEnd());
                break;
        }
    }
}
