using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

// Node-shape helpers: each reports a precise error at the node and returns null when the shape is wrong.
public sealed partial class Binder
{
    private void CheckKeys(YamlMapping map, IReadOnlyList<string> allowed, string context)
    {
        foreach (var entry in map.Entries)
        {
            if (!allowed.Contains(entry.Key.Value))
            {
                Report(DiagnosticCatalog.UnknownKey.At(entry.Key.Span, entry.Key.Value, context, string.Join(", ", allowed)));
            }
        }
    }

    private static YamlNode? Get(YamlMapping map, string key)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static YamlScalar? GetKey(YamlMapping map, string key)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key;
            }
        }

        return null;
    }

    private YamlNode? Required(YamlMapping map, string key, string context)
    {
        var node = Get(map, key);
        if (node is null)
        {
            Report(DiagnosticCatalog.MissingKey.At(map.Span, key, context));
        }

        return node;
    }

    private YamlScalar? RequiredScalar(YamlMapping map, string key, string context) =>
        Required(map, key, context) is { } node ? Scalar(node, $"'{key}'") : null;

    private YamlScalar? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalar scalar)
        {
            return scalar;
        }

        Report(DiagnosticCatalog.WrongNodeKind.At(node.Span, "a single value, not a sequence or mapping", Capitalize(what)));
        return null;
    }

    private YamlMapping? Mapping(YamlNode node, string what, string shape)
    {
        if (node is YamlMapping map)
        {
            return map;
        }

        Report(DiagnosticCatalog.WrongNodeKind.At(node.Span, shape, Capitalize(what)));
        return null;
    }

    private YamlSequence? Sequence(YamlNode node, string what, string shape)
    {
        if (node is YamlSequence sequence)
        {
            return sequence;
        }

        Report(DiagnosticCatalog.WrongNodeKind.At(node.Span, shape, Capitalize(what)));
        return null;
    }

    private string? OptionalText(YamlMapping map, string key, string what) =>
        Get(map, key) is { } node && Scalar(node, what) is { } scalar ? scalar.Value : null;

    private static string Capitalize(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text.Substring(1) : text;
}
