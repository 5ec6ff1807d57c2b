using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Tests.Infrastructure.JsonSchema;

/// <summary>A node of the neutral tree that both YAML instances and JSON schemas are read into.</summary>
public abstract class DataNode
{
    /// <summary>The node of a YAML document (one document; aliases are followed, merge keys are ordinary keys).</summary>
    public static DataNode FromYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1)
        {
            throw new FormatException($"expected one YAML document, found {stream.Documents.Count}");
        }

        return FromYaml(stream.Documents[0].RootNode, depth: 0);
    }

    /// <summary>The node of a JSON text.</summary>
    public static DataNode FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    private static DataNode FromYaml(YamlNode node, int depth)
    {
        if (depth > 256)
        {
            throw new FormatException("YAML nested deeper than 256 levels (a recursive alias?)");
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
                if (tag is not null && tag != "!" && tag != "tag:yaml.org,2002:str")
                {
                    throw new NotSupportedException($"YAML tag {tag} at {scalar.Start}");
                }

                return new DataScalar(scalar.Value ?? string.Empty, isPlain: tag is null && scalar.Style == ScalarStyle.Plain);
            case YamlSequenceNode sequence:
                return new DataSequence(sequence.Children.Select(child => FromYaml(child, depth + 1)).ToList());
            case YamlMappingNode mapping:
                var entries = new List<KeyValuePair<string, DataNode>>();
                foreach (var entry in mapping.Children)
                {
                    if (entry.Key is not YamlScalarNode key)
                    {
                        throw new NotSupportedException($"a mapping key that is not a scalar at {entry.Key.Start}");
                    }

                    entries.Add(new KeyValuePair<string, DataNode>(key.Value ?? string.Empty, FromYaml(entry.Value, depth + 1)));
                }

                return new DataMapping(entries);
            default:
                throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}");
        }
    }

    private static DataNode FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new DataMapping(element.EnumerateObject().Select(p => new KeyValuePair<string, DataNode>(p.Name, FromJson(p.Value))).ToList()),
        JsonValueKind.Array => new DataSequence(element.EnumerateArray().Select(FromJson).ToList()),
        JsonValueKind.String => new DataScalar(element.GetString()!, isPlain: false),
        JsonValueKind.Number => new DataScalar(element.GetRawText(), isPlain: true),
        JsonValueKind.True => new DataScalar("true", isPlain: true),
        JsonValueKind.False => new DataScalar("false", isPlain: true),
        JsonValueKind.Null => new DataScalar("null", isPlain: true),
        _ => throw new FormatException($"unexpected JSON value kind {element.ValueKind}"),
    };

    /// <summary>JSON Schema's equality (enum, const, uniqueItems): same type and value; numbers by value; mappings regardless of key order.</summary>
    public static bool DeepEquals(DataNode a, DataNode b)
    {
        switch (a, b)
        {
            case (DataScalar x, DataScalar y):
                if (x.Kind != y.Kind)
                {
                    return false;
                }

                return x.Kind switch
                {
                    ScalarKind.String => x.Text == y.Text,
                    ScalarKind.Boolean => x.Boolean == y.Boolean,
                    ScalarKind.Null => true,
                    _ => DataScalar.CompareNumbers(x, y) == 0,
                };
            case (DataSequence x, DataSequence y):
                return x.Items.Count == y.Items.Count && x.Items.Zip(y.Items, DeepEquals).All(equal => equal);
            case (DataMapping x, DataMapping y):
                return x.Entries.Count == y.Entries.Count
                    && x.Entries.All(entry => y.TryGet(entry.Key, out var other) && DeepEquals(entry.Value, other));
            default:
                return false;
        }
    }
}
