using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

// Inputs as declared (§11): values, records to any depth and string maps. Every stage after the binder reads leaves
// (`_inputs`): each value, each record field at any depth, and each map key a rule, template or expression reads,
// bound the first time a path names it. Paths are dotted (`request.method`, `env.CI`); a segment with dots or
// spaces is double-quoted (`labels."app.kubernetes.io/name"`).
public sealed partial class Binder
{
    private List<InputDeclaration> _declared = new();

    // Map keys already bound to a leaf, by map path and key.
    private readonly Dictionary<(string Map, string Key), FieldModel> _mapKeys = new();

    /// <summary>The declared inputs; their value leaves are added to <c>_inputs</c> in declaration order.</summary>
    private List<InputDeclaration> BindInputs(YamlNode node) => BindInputLevel(node, parent: null, "'inputs'");

    /// <param name="node">The mapping of field name to type.</param>
    /// <param name="parent">The record these fields belong to; null at the top, where all, any and not are reserved.</param>
    /// <param name="what">Names the mapping in messages.</param>
    private List<InputDeclaration> BindInputLevel(YamlNode node, InputDeclaration? parent, string what) => BindFieldEntries(
        node,
        what,
        _brokenInputs,
        combinatorsReserved: parent is null,
        name => parent is null ? name : parent.Name + "." + name,
        (key, type, pascal, _) => BindInput(key, type, parent, pascal));

    private InputDeclaration? BindInput(YamlScalar key, YamlNode typeNode, InputDeclaration? parent, string pascal)
    {
        var path = parent is null ? key.Value : parent.Name + "." + key.Value;
        var properties = (parent?.Properties ?? EquatableArray<string>.Empty).Append(pascal).ToEquatableArray();
        var stem = (parent?.Stem ?? string.Empty) + pascal;
        if (typeNode is YamlMapping map && (Get(map, "record") is { } || Get(map, "map") is { }))
        {
            CheckKeys(map, Keywords.FieldType, $"the type of '{path}'");
            var description = OptionalText(map, "description", "'description'");
            if (map.Entries.Count(e => e.Key.Value is "type" or "enum" or "record" or "map") != 1)
            {
                Report(DiagnosticCatalog.WrongNodeKind.At(map.Span, "exactly one of { type: ... }, { enum: [...] }, { record: { ... } } or { map: string }", $"The type of '{path}'"));
                return null;
            }

            if (Get(map, "map") is { } valueType)
            {
                if (Scalar(valueType, $"The values of the map '{path}'") is not { } scalar)
                {
                    return null;
                }

                if (scalar.Value != "string")
                {
                    Report(DiagnosticCatalog.UnknownType.At(scalar.Span, scalar.Value, "string (a map holds strings: { map: string })"));
                    return null;
                }

                return new InputDeclaration(path, pascal, InputKind.Map, -1, EquatableArray<InputDeclaration>.Empty, description, key.Span) { Stem = stem, Properties = properties };
            }

            var record = new InputDeclaration(path, pascal, InputKind.Record, -1, EquatableArray<InputDeclaration>.Empty, description, key.Span) { Stem = stem, Properties = properties };
            var fields = BindInputLevel(Get(map, "record")!, record, $"the record '{path}'");
            return fields.Count == 0 ? null : record with { Fields = fields.ToEquatableArray() };
        }

        if (BindField(key, typeNode, _inputs.Count, stem, isInput: true) is not { } field)
        {
            return null;
        }

        if (parent is not null)
        {
            field = field with { Name = path, Path = new FieldPath(path.Split('.').ToEquatableArray(), properties, null) };
        }

        _inputs.Add(field);
        return new InputDeclaration(path, pascal, InputKind.Value, field.Index, EquatableArray<InputDeclaration>.Empty, field.Description, key.Span) { Stem = stem, Properties = properties };
    }

    /// <summary>What a path names: an input value (a leaf), or a record or map as a whole; null when it names nothing.</summary>
    private (FieldModel? Leaf, InputDeclaration? Container) ResolvePath(string text)
    {
        if (ParsePath(text) is not { } segments)
        {
            return (null, null);
        }

        IReadOnlyList<InputDeclaration> level = _declared;
        for (var i = 0; i < segments.Count; i++)
        {
            var declaration = level.FirstOrDefault(d => d.FieldName == segments[i]);
            if (declaration is null)
            {
                return (null, null);
            }

            var last = i == segments.Count - 1;
            switch (declaration.Kind)
            {
                case InputKind.Value:
                    return last ? (_inputs[declaration.Leaf], null) : (null, null);
                case InputKind.Record when last:
                    return (null, declaration);
                case InputKind.Record:
                    level = declaration.Fields;
                    continue;
                case InputKind.Map when last:
                    return (null, declaration);
                case InputKind.Map when i == segments.Count - 2:
                    return (MapKey(declaration, segments[i + 1]), null);
                default:
                    return (null, null);
            }
        }

        return (null, null);
    }

    /// <summary>The leaf of key <paramref name="key"/> of a map: bound once, the first time a path reads it.</summary>
    private FieldModel MapKey(InputDeclaration map, string key)
    {
        if (_mapKeys.TryGetValue((map.Name, key), out var leaf))
        {
            return leaf;
        }

        var written = map.Name + "." + (key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c is '_' or '-') ? key : "\"" + key + "\"");
        var stem = map.Stem + "Key" + _mapKeys.Count(pair => pair.Key.Map == map.Name).ToString(System.Globalization.CultureInfo.InvariantCulture);
        leaf = new FieldModel(_inputs.Count, written, stem, FieldType.String, EquatableArray<string>.Empty, EquatableArray<string>.Empty, null, map.Span)
        {
            Path = new FieldPath(map.Name.Split('.').ToEquatableArray(), map.Properties, key),
        };
        _inputs.Add(leaf);
        _mapKeys.Add((map.Name, key), leaf);
        return leaf;
    }

    /// <summary>Dotted segments; a segment in double quotes may hold dots and spaces. Null when malformed.</summary>
    private static List<string>? ParsePath(string text)
    {
        var segments = new List<string>();
        var i = 0;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return null;
                }

                segments.Add(text.Substring(i + 1, close - i - 1));
                i = close + 1;
            }
            else
            {
                var dot = text.IndexOf('.', i);
                var end = dot < 0 ? text.Length : dot;
                if (end == i)
                {
                    return null;
                }

                segments.Add(text.Substring(i, end - i));
                i = end;
            }

            if (i == text.Length)
            {
                return segments;
            }

            if (text[i] != '.')
            {
                return null;
            }

            i++;
        }
    }

    /// <summary>Why a record or a map as a whole is not one value, and what to write instead.</summary>
    private static string WholeContainer(InputDeclaration container) => container.Kind == InputKind.Map
        ? $"a map: name one of its keys ({container.Name}.KEY), or test presence with {{ has-key: KEY }}"
        : $"a record: name one of its fields ({string.Join(", ", container.Fields.Select(f => f.Name))})";

    /// <summary>The declared inputs at the top, for "unknown input" messages.</summary>
    private string DeclaredNames => string.Join(", ", _declared.Select(d => d.Name));

    /// <summary>
    /// The input a path in a template or an expression names, or null after reporting why not (unknown, or a whole
    /// record or map, which has no one value to write or compute with).
    /// </summary>
    private FieldModel? PathValue(string path, SourceSpan span)
    {
        var (leaf, container) = ResolvePath(path);
        if (leaf is not null)
        {
            return leaf;
        }

        if (container is not null)
        {
            Report(DiagnosticCatalog.NotAValue.At(span, path, WholeContainer(container)));
        }
        else if (!_brokenInputs.Contains(path))
        {
            Report(DiagnosticCatalog.UnknownInput.At(span, path, DeclaredNames));
        }

        return null;
    }
}
