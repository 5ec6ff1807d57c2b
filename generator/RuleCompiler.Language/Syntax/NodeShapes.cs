using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler.Language.Syntax;

/// <summary>
/// Node-shape checks every stage that reads YAML nodes shares (the binder, the composer of layers and tables): each
/// reports a precise error at the node through <see cref="NodeShapes(Action{DiagnosticInfo})"/>'s sink and returns
/// null when the shape is wrong.
/// </summary>
public sealed class NodeShapes
{
    private readonly Action<DiagnosticInfo> _report;

    public NodeShapes(Action<DiagnosticInfo> report) => _report = report;

    public void CheckKeys(YamlMapping map, IReadOnlyList<string> allowed, string context)
    {
        foreach (var entry in map.Entries)
        {
            if (!allowed.Contains(entry.Key.Value))
            {
                _report(DiagnosticCatalog.UnknownKey.At(entry.Key.Span, entry.Key.Value, context, string.Join(", ", allowed)));
            }
        }
    }

    public YamlNode? Required(YamlMapping map, string key, string context)
    {
        var node = map.Get(key);
        if (node is null)
        {
            _report(DiagnosticCatalog.MissingKey.At(map.Span, key, context));
        }

        return node;
    }

    public YamlScalar? RequiredScalar(YamlMapping map, string key, string context) =>
        Required(map, key, context) is { } node ? Scalar(node, $"'{key}'") : null;

    public YamlScalar? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalar scalar)
        {
            return scalar;
        }

        _report(DiagnosticCatalog.WrongNodeKind.At(node.Span, "a single value, not a sequence or mapping", Capitalize(what)));
        return null;
    }

    public YamlMapping? Mapping(YamlNode node, string what, string shape)
    {
        if (node is YamlMapping map)
        {
            return map;
        }

        _report(DiagnosticCatalog.WrongNodeKind.At(node.Span, shape, Capitalize(what)));
        return null;
    }

    public YamlSequence? Sequence(YamlNode node, string what, string shape)
    {
        if (node is YamlSequence sequence)
        {
            return sequence;
        }

        _report(DiagnosticCatalog.WrongNodeKind.At(node.Span, shape, Capitalize(what)));
        return null;
    }

    /// <summary>The scalars of a sequence of single values (<c>[a, b]</c>), or null when it is not one (reported).</summary>
    public List<YamlScalar>? Scalars(YamlNode node, string what, string shape)
    {
        if (Sequence(node, what, shape) is not { } sequence)
        {
            return null;
        }

        var scalars = new List<YamlScalar>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            if (Scalar(item, "An item of " + what) is { } scalar)
            {
                scalars.Add(scalar);
            }
        }

        return scalars.Count == sequence.Items.Count ? scalars : null;
    }

    /// <summary><c>true</c> / <c>false</c> (YAML 1.2's spellings), or null with RC2013.</summary>
    public bool? Flag(YamlNode node, string key)
    {
        if (Scalar(node, $"'{key}'") is not { } scalar)
        {
            return null;
        }

        switch (scalar.Value)
        {
            case "true": case "True": case "TRUE": return true;
            case "false": case "False": case "FALSE": return false;
        }

        _report(DiagnosticCatalog.InvalidLiteral.At(scalar.Span, scalar.Value, "bool", key, "only true or false are booleans"));
        return null;
    }

    public string? OptionalText(YamlMapping map, string key, string what) =>
        map.Get(key) is { } node && Scalar(node, what) is { } scalar ? scalar.Value : null;

    public static string Capitalize(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text.Substring(1) : text;
}
