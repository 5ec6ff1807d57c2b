using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Composition;

/// <summary>
/// What the compose stage makes of a rule file: the one rule set the binder binds (<see cref="Root"/>: a layer's
/// base rules merged with its own, tables expanded into rules, every list in scope under <c>lists</c>), the files it
/// read (<see cref="Sources"/>, numbered as <see cref="SourceSpan.File"/>), and for a <c>restrict-only</c> layer its
/// composed base, which the analysis compares it with.
/// </summary>
public sealed record ComposedRuleFile(YamlNode? Root, IReadOnlyList<RuleSource> Sources)
{
    /// <summary>The base's composed rule set, for a layer that is <c>restrict-only: true</c>.</summary>
    public YamlMapping? RestrictedBase { get; init; }

    /// <summary>Where <c>restrict-only: true</c> is written.</summary>
    public SourceSpan RestrictOnlySpan { get; init; }

    /// <summary>Where <c>extends</c>' path is written (the base's errors are reported there too), for a layer.</summary>
    public SourceSpan? ExtendsSpan { get; init; }

    /// <summary>The files of the <c>extends</c> chain (its base, the base's base, ...), by number in <see cref="Sources"/>.</summary>
    public IReadOnlyList<int> Bases { get; init; } = Array.Empty<int>();
}

/// <summary>
/// The compose stage (spec §12, §13): a pure function of a rule file's text and the texts of the files it names.
/// <c>extends</c> makes the file a layer over its base (recursively; a cycle is an error): the base's inputs,
/// outputs, policy, default and rules, minus <c>disable</c>d ones, with <c>override: true</c> rules in their base
/// rule's place, and new rules before or after the base's (<c>position</c>). <c>lists</c> and <c>imports</c> bring
/// named lists into scope. Decision tables become rules. Every mistake is reported at its node, in its file.
/// </summary>
public sealed class RuleSetComposer
{
    /// <summary>Top-level keys the compose stage consumes; the binder accepts and skips them.</summary>
    public static IReadOnlyList<string> LayerKeys { get; } = new[] { "extends", "disable", "position", "restrict-only", "imports", "lists" };

    /// <summary>Keys a layer takes from its base and may not write.</summary>
    private static readonly string[] s_inherited = { "inputs", "outputs", "hit", "aggregate" };

    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly ReaderLimits _limits;
    private readonly CancellationToken _cancellationToken;
    private readonly NodeShapes _shapes;
    private readonly Dictionary<string, RuleSource> _available;
    private readonly List<RuleSource> _sources = new();
    private readonly Dictionary<string, (int File, YamlNode? Root)> _read = new(SourcePaths.Comparer);
    private readonly List<int> _bases = new();

    private RuleSetComposer(IEnumerable<RuleSource> available, ReaderLimits limits, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _diagnostics = diagnostics;
        _limits = limits;
        _cancellationToken = cancellationToken;
        _shapes = new NodeShapes(diagnostics.Add);
        _available = new Dictionary<string, RuleSource>(SourcePaths.Comparer);
        foreach (var source in available)
        {
            _available[SourcePaths.Normalize(source.Path)] = source;
        }
    }

    /// <summary>
    /// Composes <paramref name="main"/> (file 0) with the files it names, found among <paramref name="available"/> by
    /// path. A root of null means the file cannot be bound (its errors, or its base's, are reported).
    /// </summary>
    public static ComposedRuleFile Compose(RuleSource main, IEnumerable<RuleSource> available, ReaderLimits limits, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var composer = new RuleSetComposer(available, limits, diagnostics, cancellationToken);
        return composer.ComposeMain(main);
    }

    /// <summary>
    /// The files <paramref name="text"/> names with <c>extends</c> and <c>imports</c>, resolved against
    /// <paramref name="path"/>: what the generator must hand the compile of this file. Cheap for a file that names none.
    /// </summary>
    public static IReadOnlyList<string> References(string path, string? text)
    {
        if (text is null || (text.IndexOf("extends", StringComparison.Ordinal) < 0 && text.IndexOf("imports", StringComparison.Ordinal) < 0))
        {
            return Array.Empty<string>();
        }

        if (YamlReader.Read(text, ReaderLimits.Default, new List<DiagnosticInfo>(), CancellationToken.None) is not YamlMapping root)
        {
            return Array.Empty<string>();
        }

        var names = new List<string>();
        if (root.Get("extends") is YamlScalar extends)
        {
            names.Add(extends.Value);
        }

        if (root.Get("imports") is YamlSequence imports)
        {
            names.AddRange(imports.Items.OfType<YamlScalar>().Select(item => item.Value));
        }

        return names.Where(name => name.Length > 0).Select(name => SourcePaths.Resolve(path, name)).ToArray();
    }

    private ComposedRuleFile ComposeMain(RuleSource main)
    {
        _sources.Add(main);
        if (main.Text is null)
        {
            _diagnostics.Add(DiagnosticCatalog.UnreadableFile.At(SourceSpan.FileStart));
            return new ComposedRuleFile(null, _sources);
        }

        var root = YamlReader.Read(main.Text, _limits, _diagnostics, _cancellationToken, file: 0);
        _read[SourcePaths.Normalize(main.Path)] = (0, root);
        _available[SourcePaths.Normalize(main.Path)] = main;
        if (root is not YamlMapping map)
        {
            return new ComposedRuleFile(root, _sources);
        }

        var chain = new List<string> { SourcePaths.Normalize(main.Path) };
        var composed = Layer(map, main, chain, out var baseRoot);
        var restrictOnly = map.Get("restrict-only") is { } flag && _shapes.Flag(flag, "restrict-only") == true;
        if (restrictOnly && baseRoot is null && map.Get("extends") is null)
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(map.GetKey("restrict-only")!.Span, "'restrict-only' compares a layer with its base: add 'extends: <base>.rules.yaml'"));
        }

        return new ComposedRuleFile(composed, _sources)
        {
            RestrictedBase = restrictOnly ? baseRoot : null,
            RestrictOnlySpan = map.GetKey("restrict-only")?.Span ?? map.Span,
            ExtendsSpan = map.Get("extends")?.Span,
            Bases = _bases,
        };
    }

    /// <summary>
    /// One file of a chain composed with its bases: a mapping the binder reads as one rule set, or null when a base
    /// cannot be composed. <paramref name="baseRoot"/> is the composed base (null for a file that extends nothing).
    /// </summary>
    private YamlMapping? Layer(YamlMapping map, RuleSource source, List<string> chain, out YamlMapping? baseRoot)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        baseRoot = null;
        var lists = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var rulesNode = map.Get("rules");
        var rules = rulesNode is YamlSequence sequence ? DecisionTables.Expand(sequence, _shapes, _diagnostics.Add) : null;

        if (map.Get("extends") is not { } extendsNode)
        {
            foreach (var key in new[] { "disable", "position" })
            {
                if (map.GetKey(key) is { } misplaced)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(misplaced.Span, $"'{key}' is for a layer over a base rule file: add 'extends: <base>.rules.yaml'"));
                }
            }

            foreach (var rule in Rules(rules).Where(rule => rule.Override is not null))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(rule.Override!.Span, "'override: true' replaces a rule of a base rule file, and this file has no 'extends'"));
            }

            AddLists(lists, map, source);
            return Rebuild(map, rules, lists, inherited: null);
        }

        if (rulesNode is not null && rules is null)
        {
            // A layer's rules that are not a sequence would otherwise be dropped silently by the merge.
            _shapes.Sequence(rulesNode, "'rules'", "a sequence of rules");
            return null;
        }

        if (_shapes.Scalar(extendsNode, "'extends'") is not { } extendsPath || Open(extendsPath, source, "extends") is not { } opened)
        {
            return null;
        }

        var (baseSource, baseFile, baseNode) = opened;
        if (!_bases.Contains(baseFile))
        {
            _bases.Add(baseFile);
        }

        var basePath = SourcePaths.Normalize(baseSource.Path);
        if (chain.Contains(basePath, SourcePaths.Comparer))
        {
            var cycle = chain.Append(basePath).Select(SourcePaths.FileName);
            _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(extendsPath.Span, "'extends' makes a cycle: " + string.Join(" -> ", cycle)));
            return null;
        }

        if (baseNode is not YamlMapping baseMap)
        {
            // The base's own compile reports why; the layer says that it depends on it.
            _diagnostics.Add(DiagnosticCatalog.BaseHasErrors.At(extendsPath.Span, baseSource.DisplayPath, 1));
            return null;
        }

        chain.Add(basePath);
        var composedBase = Layer(baseMap, baseSource, chain, out _);
        chain.RemoveAt(chain.Count - 1);
        if (composedBase is null)
        {
            return null;
        }

        baseRoot = composedBase;
        foreach (var key in s_inherited)
        {
            if (map.GetKey(key) is { } redeclared)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(redeclared.Span, $"A layer takes '{key}' from its base ({baseSource.DisplayPath}) and may not write it; remove it here"));
            }
        }

        if (composedBase.Get("lists") is YamlMapping baseLists)
        {
            lists.AddRange(baseLists.Entries);
        }

        AddLists(lists, map, source);
        var merged = Merge(map, composedBase.Get("rules") as YamlSequence, Rules(rules).ToList(), baseSource);
        return Rebuild(map, new YamlSequence(merged, rules?.Span ?? extendsPath.Span), lists, composedBase);
    }

    /// <summary>A rule item, its id and its <c>override</c> key (when written true).</summary>
    private readonly record struct RuleItem(YamlNode Node, YamlScalar? Id, YamlScalar? Override);

    private IEnumerable<RuleItem> Rules(YamlSequence? rules)
    {
        if (rules is null)
        {
            yield break;
        }

        foreach (var item in rules.Items)
        {
            var map = item as YamlMapping;
            var overrides = map?.Get("override") is { } flag && _shapes.Flag(flag, "override") == true;
            yield return new RuleItem(item, map?.Get("id") as YamlScalar, overrides ? map!.GetKey("override") : null);
        }
    }

    /// <summary>The layer's rules over its base's: disabled ones removed, overrides in place, new ones before or after.</summary>
    private List<YamlNode> Merge(YamlMapping layer, YamlSequence? baseRules, List<RuleItem> own, RuleSource baseSource)
    {
        var kept = Rules(baseRules).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < kept.Count; i++)
        {
            if (kept[i].Id is { } id && !index.ContainsKey(id.Value))
            {
                index.Add(id.Value, i);
            }
        }

        var disabled = new HashSet<string>(StringComparer.Ordinal);
        if (layer.Get("disable") is { } disableNode && _shapes.Scalars(disableNode, "'disable'", "a sequence of rule ids of the base") is { } ids)
        {
            foreach (var id in ids)
            {
                if (!index.ContainsKey(id.Value))
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(id.Span, $"'disable' names rule '{id.Value}', which the base ({baseSource.DisplayPath}) does not have; its rules are {Sample(index.Keys)}"));
                }
                else
                {
                    disabled.Add(id.Value);
                }
            }
        }

        var before = false;
        if (layer.Get("position") is { } positionNode && _shapes.Scalar(positionNode, "'position'") is { } position)
        {
            before = position.Value == "before-base";
            if (position.Value is not "before-base" and not "after-base")
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(position.Span, $"'position' is 'before-base' or 'after-base' (where this layer's new rules rank), not '{position.Value}'"));
            }
        }

        var added = new List<YamlNode>();
        var slots = kept.Select(item => item.Node).ToArray();
        var overridden = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        foreach (var rule in own)
        {
            var id = rule.Id?.Value;
            var inBase = id is not null && index.ContainsKey(id);
            if (rule.Override is not null)
            {
                if (!inBase || disabled.Contains(id!))
                {
                    var why = inBase ? $"rule '{id}' is disabled by this layer" : $"the base ({baseSource.DisplayPath}) has no rule '{id}'";
                    _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(rule.Override.Span, $"'override: true' replaces a base rule, but {why}"));
                }
                else if (overridden.TryGetValue(id!, out var first))
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(rule.Override.Span, $"Rule '{id}' is already overridden at line {first.Span.Line}; a base rule has one override"));
                }
                else
                {
                    overridden.Add(id!, rule.Override);
                    slots[index[id!]] = rule.Node;
                }
            }
            else if (inBase)
            {
                var at = kept[index[id!]].Id!.Span;
                var fix = disabled.Contains(id!)
                    ? "this layer disables it, so a new rule needs another id (or drop it from 'disable' and write 'override: true')"
                    : "write 'override: true' to replace it, or give this rule another id";
                _diagnostics.Add(DiagnosticCatalog.InvalidLayer.At(rule.Id!.Span, $"Rule '{id}' is already a rule of the base ({baseSource.DisplayPath}, line {at.Line}); {fix}"));
            }
            else
            {
                added.Add(rule.Node);
            }
        }

        var baseKept = slots.Where((_, i) => kept[i].Id is not { } id || !disabled.Contains(id.Value));
        return before ? added.Concat(baseKept).ToList() : baseKept.Concat(added).ToList();
    }

    private static string Sample(IEnumerable<string> ids)
    {
        var list = ids.Take(6).Select(id => "'" + id + "'").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list) + (ids.Skip(6).Any() ? ", ..." : string.Empty);
    }

    /// <summary>The file's own <c>lists</c> and those of the files it <c>imports</c>, after <paramref name="lists"/> (its base's); a name defined twice is an error at the later definition.</summary>
    private void AddLists(List<KeyValuePair<YamlScalar, YamlNode>> lists, YamlMapping map, RuleSource source)
    {
        if (map.Get("imports") is { } importsNode && _shapes.Scalars(importsNode, "'imports'", "a sequence of paths of files with 'lists'") is { } imports)
        {
            foreach (var path in imports)
            {
                if (Open(path, source, "imports") is not { } opened)
                {
                    continue;
                }

                if (opened.Root is not YamlMapping imported || imported.Get("lists") is not { } importedLists)
                {
                    if (opened.Root is YamlMapping)
                    {
                        _diagnostics.Add(DiagnosticCatalog.InvalidList.At(path.Span, $"'{opened.Source.DisplayPath}' has no 'lists' to import (only 'lists' is imported)"));
                    }
                    else
                    {
                        _diagnostics.Add(DiagnosticCatalog.BaseHasErrors.At(path.Span, opened.Source.DisplayPath, 1));
                    }

                    continue;
                }

                AddListEntries(lists, importedLists);
            }
        }

        if (map.Get("lists") is { } own)
        {
            AddListEntries(lists, own);
        }
    }

    private void AddListEntries(List<KeyValuePair<YamlScalar, YamlNode>> lists, YamlNode node)
    {
        if (_shapes.Mapping(node, "'lists'", "a mapping of list name to a sequence of values, such as { protected-branches: [main, master] }") is not { } map)
        {
            return;
        }

        foreach (var entry in map.Entries)
        {
            if (!Names.IsFieldName(entry.Key.Value))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidList.At(entry.Key.Span, $"'{entry.Key.Value}' is not a valid list name: start with a letter and use letters, digits, '_' and '-'"));
                continue;
            }

            if (lists.FirstOrDefault(list => list.Key.Value == entry.Key.Value).Key is { } first)
            {
                if (!ReferenceEquals(first, entry.Key))
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidList.At(entry.Key.Span, $"The list '{entry.Key.Value}' is already defined ({_sources[first.Span.File].DisplayPath}, line {first.Span.Line}); give this one another name"));
                }

                continue;
            }

            if (_shapes.Scalars(entry.Value, $"the list '{entry.Key.Value}'", "a sequence of values such as [main, master]") is not { } items)
            {
                continue;
            }

            if (items.Count == 0)
            {
                _diagnostics.Add(DiagnosticCatalog.EmptySequence.At(entry.Value.Span, $"The list '{entry.Key.Value}'"));
                continue;
            }

            lists.Add(entry);
        }
    }

    /// <summary>The file's mapping with its composed rules and lists, and (for a layer) what it takes from its base.</summary>
    private static YamlMapping Rebuild(YamlMapping map, YamlSequence? rules, List<KeyValuePair<YamlScalar, YamlNode>> lists, YamlMapping? inherited)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        foreach (var entry in map.Entries)
        {
            switch (entry.Key.Value)
            {
                case "rules" when rules is not null:
                    entries.Add(new(entry.Key, rules));
                    break;
                case "lists":
                case "imports":
                    break;
                case "inputs" or "outputs" or "hit" or "aggregate" when inherited is not null:
                    // Reported (RC2042): the base's stand, so that its rules do not fail against the layer's.
                    break;
                default:
                    entries.Add(entry);
                    break;
            }
        }

        if (inherited is not null)
        {
            foreach (var key in s_inherited.Concat(new[] { "default", "complete" }))
            {
                if ((map.Get(key) is null || s_inherited.Contains(key)) && inherited.GetKey(key) is { } baseKey)
                {
                    entries.Add(new(baseKey, inherited.Get(key)!));
                }
            }

            if (map.Get("rules") is null && rules is not null)
            {
                entries.Add(new(new YamlScalar("rules", true, rules.Span), rules));
            }
        }

        if (lists.Count > 0)
        {
            entries.Add(new(new YamlScalar("lists", true, map.Span), new YamlMapping(lists, map.Span)));
        }

        return new YamlMapping(entries, map.Span);
    }

    /// <summary>The id prefix of a second rule in <see cref="Union"/>, lengthened until no first rule's id starts with it.</summary>
    public const string BaseRulePrefix = "restrict-only.base.";

    /// <summary>
    /// One rule set holding <paramref name="first"/>'s rules, then <paramref name="second"/>'s (ids prefixed with
    /// <see cref="BaseRulePrefix"/>), under the first's header and without tests, so that one bind gives both rule lists
    /// the same input fields (a map key becomes a field where a rule first reads it). For the <c>restrict-only</c> proof
    /// (a layer, then its base) and for <c>rulec diff</c> (the new file, then the old); <see cref="Analysis.RuleSetUnion"/>
    /// splits the bound union again.
    /// </summary>
    public static YamlMapping Union(YamlMapping first, YamlMapping second, out string prefix)
    {
        var firstRules = first.Get("rules") as YamlSequence;
        var secondRules = second.Get("rules") as YamlSequence;

        // A prefix no first rule's id starts with, so that the union's ids are unique (a layer could name a rule so).
        var ids = (firstRules?.Items ?? Array.Empty<YamlNode>()).OfType<YamlMapping>().Select(rule => (rule.Get("id") as YamlScalar)?.Value ?? string.Empty).ToList();
        var chosen = BaseRulePrefix;
        while (ids.Any(id => id.StartsWith(chosen, StringComparison.Ordinal)))
        {
            chosen = "x" + chosen;
        }

        prefix = chosen;

        var rules = new List<YamlNode>(firstRules?.Items ?? Array.Empty<YamlNode>());
        foreach (var rule in secondRules?.Items ?? Array.Empty<YamlNode>())
        {
            rules.Add(rule is YamlMapping map
                ? new YamlMapping(map.Entries.Select(entry => entry.Key.Value == "id" && entry.Value is YamlScalar id
                    ? new KeyValuePair<YamlScalar, YamlNode>(entry.Key, new YamlScalar(chosen + id.Value, false, id.Span))
                    : entry).ToList(), map.Span)
                : rule);
        }

        var entries = first.Entries.Where(entry => entry.Key.Value is not "rules" and not "tests").ToList();
        entries.Add(new(new YamlScalar("rules", true, first.Span), new YamlSequence(rules, first.Span)));
        return new YamlMapping(entries, first.Span);
    }

    /// <summary>The file <paramref name="reference"/> names, read once per compile (its own file number), or null with RC2041.</summary>
    private (RuleSource Source, int File, YamlNode? Root)? Open(YamlScalar reference, RuleSource from, string verb)
    {
        var path = SourcePaths.Resolve(from.Path, reference.Value);
        if (!_available.TryGetValue(path, out var source))
        {
            _diagnostics.Add(DiagnosticCatalog.FileNotFound.At(reference.Span, reference.Value, verb == "extends" ? "extends" : "imports", path));
            return null;
        }

        if (!_read.TryGetValue(path, out var read))
        {
            var file = _sources.Count;
            _sources.Add(source);
            var root = source.Text is null ? null : YamlReader.Read(source.Text, _limits, _diagnostics, _cancellationToken, file);
            if (source.Text is null)
            {
                _diagnostics.Add(DiagnosticCatalog.UnreadableFile.At(SourceSpan.FileStart with { File = file }));
            }

            read = (file, root);
            _read[path] = read;
        }

        return (source, read.File, read.Root);
    }
}
