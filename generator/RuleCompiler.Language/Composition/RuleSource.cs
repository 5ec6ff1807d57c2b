using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Language.Composition;

/// <summary>
/// A file the compile reads: its path (as the build names it), the path shown in generated metadata, and its text
/// (null when it could not be read).
/// </summary>
public sealed record RuleSource(string Path, string DisplayPath, string? Text);

/// <summary>Paths of rule files as <c>extends</c> and <c>imports</c> write them (spec §12): relative to the file that names them.</summary>
public static class SourcePaths
{
    /// <summary>
    /// The path <paramref name="reference"/> names, written in the file at <paramref name="from"/>: relative to that
    /// file's folder unless rooted; '.' and '..' applied, '/' separators.
    /// </summary>
    public static string Resolve(string from, string reference)
    {
        var normalized = reference.Replace('\\', '/');
        if (IsRooted(normalized))
        {
            return Normalize(normalized);
        }

        var folder = Normalize(from);
        var slash = folder.LastIndexOf('/');
        return Normalize((slash < 0 ? string.Empty : folder.Substring(0, slash + 1)) + normalized);
    }

    /// <summary>Whether <paramref name="path"/> starts at a root: '/', or a drive letter.</summary>
    public static bool IsRooted(string path) => path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');

    /// <summary>Whether two paths, as the build names them, name one file (<see cref="Normalize"/>, <see cref="Comparer"/>).</summary>
    public static bool Same(string path, string other) => Comparer.Equals(Normalize(path), Normalize(other));

    /// <summary>'/' separators, '.' dropped, '..' applied: two spellings of one file compare equal (ordinally, ignoring case).</summary>
    public static string Normalize(string path)
    {
        var text = path.Replace('\\', '/');
        var segments = new List<string>();
        foreach (var segment in text.Split('/'))
        {
            if (segment == "." || (segment.Length == 0 && segments.Count > 0))
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] is not ".." and not "")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return string.Join("/", segments);
    }

    /// <summary>
    /// Compares normalized paths as their file system does, as far as the path shows it: ignoring case for Windows
    /// paths (a drive letter or a backslash), exactly for the others (Linux tells <c>Base.rules.yaml</c> from
    /// <c>base.rules.yaml</c>).
    /// </summary>
    public static IEqualityComparer<string> Comparer { get; } = new PathComparer();

    private sealed class PathComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) =>
            x is null || y is null ? ReferenceEquals(x, y)
            : IsWindows(x) || IsWindows(y) ? StringComparer.OrdinalIgnoreCase.Equals(x, y)
            : StringComparer.Ordinal.Equals(x, y);

        // Case-insensitive, so that paths equal either way hash alike.
        public int GetHashCode(string path) => StringComparer.OrdinalIgnoreCase.GetHashCode(path);

        private static bool IsWindows(string path) => (path.Length > 1 && path[1] == ':') || path.IndexOf('\\') >= 0;
    }

    /// <summary>The file name of a path, for messages.</summary>
    public static string FileName(string path) => Normalize(path).Split('/').Last();
}
