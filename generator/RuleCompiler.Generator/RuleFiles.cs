using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler.Generator;

/// <summary>The build's settings the generator needs, read once into plain values.</summary>
internal sealed record BuildOptions(string RootNamespace, string ProjectDirectory, bool RequireRuleCoverage, bool GenerateExplain, int DataPlanRules);

/// <summary>A rule file's text and names, the first value of the per-file pipeline.</summary>
internal sealed record RuleFileText(string Path, string DisplayPath, string? Text, string DefaultNamespace, bool RequireRuleCoverage = false, bool GenerateExplain = true, int DataPlanRules = RuleCompiler.Language.Lowering.Lowerer.MaxCodeNodeRules)
{
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
        if (common == 0 && IsRooted(path))
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

    private static bool IsRooted(string path) => path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');

    // The path's segments with "." dropped and ".." applied, so that /a/b/../c and /a/c compare equal.
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return segments;
    }
}

/// <summary>What the generator adds for one rule file: its source (null when it has errors) and its diagnostics.</summary>
internal sealed record GeneratedRuleSet(string Path, string? FullName, SourceSpan NameSpan, string? HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);
