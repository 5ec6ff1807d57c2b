using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Composition;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler.Generator;

/// <summary>The build's settings the generator needs, read once into plain values.</summary>
internal sealed record BuildOptions(string RootNamespace, string ProjectDirectory, bool RequireRuleCoverage, bool GenerateExplain, int DataPlanRules);

/// <summary>
/// A rule file's text and names, the first value of the per-file pipeline, with the texts of the files it reads
/// (<see cref="Dependencies"/>: its bases and imports, §12), so that a change to one of them re-runs it.
/// </summary>
internal sealed record RuleFileText(string Path, string DisplayPath, string? Text, string DefaultNamespace, bool RequireRuleCoverage = false, bool GenerateExplain = true, int DataPlanRules = RuleCompiler.Language.Lowering.Lowerer.MaxCodeNodeRules)
{
    public EquatableArray<RuleSource> Dependencies { get; init; } = EquatableArray<RuleSource>.Empty;

    /// <summary>
    /// Whether an additional file is a rule file: its item's <c>RuleCompiler</c> metadata decides when it says
    /// <c>true</c> or <c>false</c>; otherwise the name does (<c>*.rules.yaml</c>, <c>*.rules.yml</c>).
    /// </summary>
    public static bool IsRuleFile(string path, string? metadata = null)
    {
        if (string.Equals(metadata, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(metadata, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return path.EndsWith(".rules.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".rules.yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The path relative to the project directory, normalized, with '/' separators (<c>../../rules/x.rules.yaml</c>
    /// for a file outside it): stable across machines, for generated metadata. Without a project directory, the
    /// file name.
    /// </summary>
    public static string ToDisplayPath(string path, string projectDirectory)
    {
        var file = Segments(path);
        if (projectDirectory.Length == 0 || file.Count == 0)
        {
            return file.Count == 0 ? path : file[file.Count - 1];
        }

        var root = Segments(projectDirectory);
        var common = 0;
        while (common < root.Count && common < file.Count - 1 && string.Equals(root[common], file[common], StringComparison.OrdinalIgnoreCase))
        {
            common++;
        }

        // Different roots (another drive): no relative path exists, so keep the file name.
        if (common == 0 && SourcePaths.IsRooted(path))
        {
            return file[file.Count - 1];
        }

        var parts = new List<string>();
        for (var i = common; i < root.Count; i++)
        {
            parts.Add("..");
        }

        parts.AddRange(file.Skip(common));
        return string.Join("/", parts);
    }

    // The path's segments with "." dropped and ".." applied, so that /a/b/../c and /a/c compare equal.
    private static List<string> Segments(string path) => SourcePaths.Normalize(path).Split('/').Where(segment => segment.Length > 0).ToList();
}

/// <summary>
/// What the generator adds for one rule file: its source (null when it has errors) and its diagnostics, which stand in
/// the files <see cref="SourcePaths"/> lists by <see cref="SourceSpan.File"/> (this file first).
/// </summary>
internal sealed record GeneratedRuleSet(string Path, string? FullName, SourceSpan NameSpan, string? HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public EquatableArray<string> SourcePaths { get; init; } = EquatableArray<string>.Empty;

    /// <summary>For a layer: its bases' paths and where <c>extends</c> is written (<see cref="CompiledRuleFile.BasePaths"/>).</summary>
    public EquatableArray<string> BasePaths { get; init; } = EquatableArray<string>.Empty;

    public SourceSpan ExtendsSpan { get; init; }

    /// <summary>The path of the file a diagnostic stands in.</summary>
    public string PathOf(DiagnosticInfo diagnostic) => diagnostic.Span.File > 0 && diagnostic.Span.File < SourcePaths.Count ? SourcePaths[diagnostic.Span.File] : Path;
}

/// <summary>A YAML additional file as the files that extend or import it see it, with the files it names itself.</summary>
internal sealed record SourceFile(RuleSource Source, EquatableArray<string> References);

/// <summary>A diagnostic and the path of the file it stands in.</summary>
internal sealed record LocatedDiagnostic(DiagnosticInfo Info, string Path);

/// <summary>What the generator reports and adds for one rule file, once every rule set of the build is known.</summary>
internal sealed record EmittedRuleSet(EquatableArray<LocatedDiagnostic> Diagnostics, string? HintName, string? Source);

/// <summary>What the duplicate-name check and the diagnostics of layers need to know of every rule set of the build.</summary>
internal sealed record RuleSetSummary(string? FullName, string Path, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The YAML additional files a rule file may read (§12), and which of them a rule file reads.</summary>
internal static class SourceFiles
{
    /// <summary>
    /// The files a YAML file names (<see cref="RuleSetComposer.References"/>); none when it cannot be read: its own
    /// compile, if it is a rule file, reports why. The generator never throws out of its pipeline.
    /// </summary>
    public static EquatableArray<string> ReferencesOf(string path, string? text)
    {
        try
        {
            return RuleSetComposer.References(path, text).ToEquatableArray();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return EquatableArray<string>.Empty;
        }
    }

    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The files a rule file reads, directly or through them (a chain of bases, their imports), in the order first
    /// reached: its own text's references, then theirs. Files the build does not have are left out (the compile
    /// reports them where they are named).
    /// </summary>
    public static EquatableArray<RuleSource> DependenciesOf(string path, string? text, System.Collections.Immutable.ImmutableArray<SourceFile> sources)
    {
        var byPath = new Dictionary<string, SourceFile>(SourcePaths.Comparer);
        foreach (var source in sources)
        {
            byPath[SourcePaths.Normalize(source.Source.Path)] = source;
        }

        // A rule file is a YAML file too, whose references are read once, when its text changes.
        IReadOnlyList<string> direct = byPath.TryGetValue(SourcePaths.Normalize(path), out var own) && own.Source.Text == text
            ? own.References
            : ReferencesOf(path, text);
        if (direct.Count == 0)
        {
            return EquatableArray<RuleSource>.Empty;
        }

        var found = new List<RuleSource>();
        var seen = new HashSet<string>(SourcePaths.Comparer) { SourcePaths.Normalize(path) };
        var pending = new Queue<string>(direct);
        while (pending.Count > 0)
        {
            var next = SourcePaths.Normalize(pending.Dequeue());
            if (!seen.Add(next) || !byPath.TryGetValue(next, out var source))
            {
                continue;
            }

            found.Add(source.Source);
            foreach (var reference in source.References)
            {
                pending.Enqueue(reference);
            }
        }

        return found.ToEquatableArray();
    }
}
