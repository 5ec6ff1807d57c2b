using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler.Cli.Output;

/// <summary>The build's diagnostics of some rule files as text (as the build prints them), JSON or SARIF 2.1.0.</summary>
internal static class DiagnosticReports
{
    public const string DiagnosticsDoc = "https://github.com/rulecompiler/rulecompiler/blob/main/docs/diagnostics.md";

    public static void Text(TextWriter output, IReadOnlyList<RuleFile> files, bool info)
    {
        foreach (var diagnostic in files.SelectMany(file => file.Diagnostics).Where(d => info || d.Severity != RuleDiagnosticSeverity.Info))
        {
            output.WriteLine(diagnostic);
        }

        var all = files.SelectMany(file => file.Diagnostics).ToList();
        output.WriteLine($"{files.Count} file(s): {Count(all, RuleDiagnosticSeverity.Error)} error(s), {Count(all, RuleDiagnosticSeverity.Warning)} warning(s)");
    }

    public static void Json(Utf8JsonWriter json, IReadOnlyList<RuleFile> files)
    {
        json.WriteStartObject();
        json.WriteStartArray("files");
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            json.WriteStartArray("diagnostics");
            foreach (var d in file.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("id", d.Id);
                json.WriteString("severity", SeverityName(d.Severity));
                json.WriteString("message", d.Message);
                json.WriteString("path", d.Path);
                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
                json.WriteNumber("endLine", d.EndLine);
                json.WriteNumber("endColumn", d.EndColumn);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var all = files.SelectMany(file => file.Diagnostics).ToList();
        json.WriteNumber("errors", Count(all, RuleDiagnosticSeverity.Error));
        json.WriteNumber("warnings", Count(all, RuleDiagnosticSeverity.Warning));
        json.WriteEndObject();
    }

    /// <summary>
    /// SARIF 2.1.0: one run of rulec, whose rules are every diagnostic the compiler reports (id, title, message,
    /// help at docs/diagnostics.md), and one result per diagnostic at its file, line and column.
    /// </summary>
    public static void Sarif(Utf8JsonWriter json, IReadOnlyList<RuleFile> files)
    {
        var kinds = DiagnosticCatalog.All.ToList();
        var index = kinds.Select((kind, i) => (kind.Id, i)).ToDictionary(p => p.Id, p => p.i);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "rulec");
        json.WriteString("fullName", "rulec, the RuleCompiler command line");
        json.WriteString("version", typeof(DiagnosticReports).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
        json.WriteString("informationUri", "https://github.com/rulecompiler/rulecompiler/blob/main/docs/rulec.md");
        json.WriteStartArray("rules");
        foreach (var kind in kinds)
        {
            json.WriteStartObject();
            json.WriteString("id", kind.Id);
            json.WriteString("name", Identifier(kind.Title));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", kind.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", kind.MessageFormat);
            json.WriteEndObject();
            json.WriteString("helpUri", DiagnosticsDoc + "#" + kind.Id.ToLowerInvariant());
            json.WriteStartObject("help");
            json.WriteString("text", $"{kind.Id}: {kind.Title}. See {DiagnosticsDoc}#{kind.Id.ToLowerInvariant()} for its cause and fix.");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(kind.Severity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var d in files.SelectMany(file => file.Diagnostics))
        {
            json.WriteStartObject();
            json.WriteString("ruleId", d.Id);
            if (index.TryGetValue(d.Id, out var ruleIndex))
            {
                json.WriteNumber("ruleIndex", ruleIndex);
            }

            json.WriteString("level", d.Severity == RuleDiagnosticSeverity.Info ? "note" : SeverityName(d.Severity));
            json.WriteStartObject("message");
            json.WriteString("text", d.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", Uri(d.Path));
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, d.Line));
            json.WriteNumber("startColumn", Math.Max(1, d.Column));
            if (d.EndLine >= Math.Max(1, d.Line))
            {
                json.WriteNumber("endLine", d.EndLine);
                json.WriteNumber("endColumn", Math.Max(1, d.EndColumn));
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static int Count(IEnumerable<RuleDiagnostic> diagnostics, RuleDiagnosticSeverity severity) => diagnostics.Count(d => d.Severity == severity);

    /// <summary>error, warning or info, as the build prints them.</summary>
    public static string SeverityName(RuleDiagnosticSeverity severity) => severity switch
    {
        RuleDiagnosticSeverity.Error => "error",
        RuleDiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A path as a relative URI reference (forward slashes, each segment escaped), or a file URI for an absolute path.</summary>
    private static string Uri(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return new Uri(Path.GetFullPath(path)).AbsoluteUri;
        }

        return string.Join("/", path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));
    }

    private static string Identifier(string title)
    {
        var builder = new StringBuilder();
        foreach (var word in title.Split(new[] { ' ', '-', '\'' }, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }

        return builder.ToString();
    }
}
