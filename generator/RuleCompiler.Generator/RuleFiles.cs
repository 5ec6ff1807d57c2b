using System;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler.Generator;

/// <summary>The build's settings the generator needs, read once into plain values.</summary>
internal sealed record BuildOptions(string RootNamespace, string ProjectDirectory);

/// <summary>A rule file's text and names, the first value of the per-file pipeline.</summary>
internal sealed record RuleFileText(string Path, string DisplayPath, string? Text, string DefaultNamespace)
{
    public static bool IsRuleFile(string path) =>
        path.EndsWith(".rules.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".rules.yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path relative to the project, with '/' separators: stable across machines, for generated metadata.</summary>
    public static string ToDisplayPath(string path, string projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        var root = projectDirectory.Replace('\\', '/');
        if (root.Length > 0 && !root.EndsWith("/", StringComparison.Ordinal))
        {
            root += "/";
        }

        return root.Length > 0 && normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase)
            ? normalized.Substring(root.Length)
            : System.IO.Path.GetFileName(normalized);
    }
}

/// <summary>What the generator adds for one rule file: its source (null when it has errors) and its diagnostics.</summary>
internal sealed record GeneratedRuleSet(string Path, string? FullName, string? HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);
