using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>A diagnostic as a rule author reads it in the build output: file, 1-based line and column, id, message.</summary>
public sealed record ReportedDiagnostic(string Id, DiagnosticSeverity Severity, string Path, int Line, int Column, string Message, Diagnostic Roslyn)
{
    public override string ToString() => $"{Path}({Line},{Column}): {Severity} {Id}: {Message}";
}

/// <summary>
/// Runs the real generator on rule files with mistakes and checks what every diagnostic must be: at the offending
/// node, inside its file, with the catalog's severity and a message with the specifics, and no code for a file with errors.
/// </summary>
public static class RuleFileDiagnostics
{
    /// <summary>The path every single-file diagnostic test uses, relative to the harness's project directory.</summary>
    public const string FileName = "rules/x.rules.yaml";

    public static string FullPath(string file) => GeneratorHarness.ProjectDirectory + file;

    public static IReadOnlyList<ReportedDiagnostic> Of(GeneratorRun run) => run.Diagnostics.Select(ToReported).ToList();

    public static ReportedDiagnostic ToReported(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return new ReportedDiagnostic(
            diagnostic.Id,
            diagnostic.Severity,
            span.Path,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            diagnostic);
    }

    /// <summary>
    /// Runs one rule file that holds one mistake and returns the diagnostic it reports, after checking that it is the
    /// only diagnostic, has <paramref name="id"/>, stands at <paramref name="line"/>:<paramref name="column"/> (1-based),
    /// names the specifics in its message, and that the file generated nothing (an error) or its code (a warning).
    /// </summary>
    public static ReportedDiagnostic ShouldReport(string yaml, string id, int line, int column, params string[] messageParts)
    {
        var run = GeneratorHarness.Run(new RuleFile(FileName, yaml));
        var all = Of(run).Concat(run.Messages.Where(m => m.Id == id).Select(ToReported)).ToList();
        var listing = Listing(all);
        ShouldBeWellFormed(all, new Dictionary<string, string> { [FullPath(FileName)] = yaml });

        var reported = all.Where(d => d.Id == id).ToList();
        reported.Count.ShouldBe(1, $"expected exactly one {id} at ({line},{column});{listing}");
        var diagnostic = reported[0];
        (diagnostic.Line, diagnostic.Column).ShouldBe((line, column), $"{id} is not at the offending node;{listing}");
        foreach (var part in messageParts)
        {
            diagnostic.Message.ShouldContain(part, Case.Sensitive, $"the message of {id} misses a specific;{listing}");
        }

        all.Where(d => d != diagnostic).ShouldBeEmpty($"one mistake should give one diagnostic;{listing}");
        if (DiagnosticCatalog.ById(id).Severity == Severity.Error)
        {
            run.Sources.ShouldBeEmpty("a file with errors generates no code");
        }
        else
        {
            run.Sources.ShouldHaveSingleItem("a warning does not stop the file from generating");
        }

        return diagnostic;
    }

    /// <summary>
    /// What holds for every diagnostic of any run: it stands inside its file (line and column within the text), its
    /// message is fully formatted, and its severity, title and help link are the catalog's.
    /// </summary>
    public static void ShouldBeWellFormed(IReadOnlyList<ReportedDiagnostic> diagnostics, IReadOnlyDictionary<string, string> textsByPath)
    {
        var listing = Listing(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            textsByPath.Keys.ShouldContain(diagnostic.Path, $"{diagnostic} is not at a rule file");
            var lines = textsByPath[diagnostic.Path].Split('\n');
            diagnostic.Line.ShouldBeInRange(1, lines.Length, $"{diagnostic} is outside its file;{listing}");
            diagnostic.Column.ShouldBeInRange(1, lines[diagnostic.Line - 1].Length + 1, $"{diagnostic} is outside its line;{listing}");
            var end = diagnostic.Roslyn.Location.GetLineSpan().EndLinePosition;
            (end.Line + 1).ShouldBeInRange(diagnostic.Line, lines.Length, $"{diagnostic} ends outside its file");

            var kind = DiagnosticCatalog.ById(diagnostic.Id);
            var severity = kind.Severity switch
            {
                Severity.Error => DiagnosticSeverity.Error,
                Severity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            };
            diagnostic.Severity.ShouldBe(severity, $"{diagnostic} has not the catalog's severity");
            diagnostic.Roslyn.Descriptor.DefaultSeverity.ShouldBe(severity);
            diagnostic.Roslyn.Descriptor.Title.ToString(CultureInfo.InvariantCulture).ShouldBe(kind.Title);
            diagnostic.Roslyn.Descriptor.HelpLinkUri.ShouldEndWith("diagnostics.md#" + diagnostic.Id.ToLowerInvariant());
            diagnostic.Message.ShouldNotContain("{0}");
            diagnostic.Message.ShouldNotContain("{1}");
        }
    }

    public static string Listing(IEnumerable<ReportedDiagnostic> diagnostics) =>
        "\nreported:\n" + string.Join("\n", diagnostics.Select(d => "  " + d)) + "\n";
}
