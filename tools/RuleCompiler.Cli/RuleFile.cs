using System.Collections.Immutable;
using System.Linq;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Cli;

/// <summary>
/// A rule file run through the build's stages by the loader (read, compose, bind, analyze, tests, plan, lower), with
/// its diagnostics located as the build prints them.
/// </summary>
internal sealed record RuleFile(string Path, CompiledRuleFile Compiled, ImmutableArray<RuleDiagnostic> Diagnostics)
{
    /// <summary>The file itself could not be read (RC1006 at the file).</summary>
    public bool Unreadable => Compiled.Diagnostics.Any(d => d.Id == DiagnosticCatalog.UnreadableFile.Id && d.Span.File == 0);

    public bool HasErrors => Compiled.HasErrors;

    public static RuleFile Compile(string path, LoadOptions? options = null)
    {
        options ??= LoadOptions.Default;
        var compiled = RuleSetLoader.Compile(options.ReadFile(path), path, options);
        return new RuleFile(path, compiled, RuleSetLoader.Locate(compiled.Diagnostics, compiled.SourcePaths.Count > 0 ? compiled.SourcePaths : new[] { path }));
    }

    /// <summary>
    /// For commands that need the file's rule set: false, with the file's errors on standard error, when it cannot be
    /// read or has errors.
    /// </summary>
    public bool Usable(CliConsole console)
    {
        if (!HasErrors)
        {
            return true;
        }

        ReportErrors(console, Path, Diagnostics);
        return false;
    }

    /// <summary>A file's errors on standard error, and what to run to see everything.</summary>
    public static void ReportErrors(CliConsole console, string path, System.Collections.Generic.IEnumerable<RuleDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.Severity == RuleDiagnosticSeverity.Error))
        {
            console.Error.WriteLine(diagnostic);
        }

        console.Error.WriteLine($"rulec: {path} has errors; run 'rulec check {path}'.");
    }

    /// <summary>
    /// For diff: the file's model when its only errors are failing <c>tests:</c> (a change of behaviour fails the old
    /// cases; said on standard error), else as <see cref="Usable"/>.
    /// </summary>
    public RuleSetModel? ModelEvenIfTestsFail(CliConsole console)
    {
        var failing = Compiled.Diagnostics.Count(d => d.Id == DiagnosticCatalog.TestFailed.Id);
        if (Compiled.Model is null && Compiled.Analyzed is { } analyzed && failing > 0
            && Compiled.Diagnostics.All(d => d.Severity != Severity.Error || d.Id == DiagnosticCatalog.TestFailed.Id))
        {
            console.Error.WriteLine($"rulec: note: {failing} of {Path}'s tests fail; compared anyway.");
            return analyzed;
        }

        return Usable(console) ? Compiled.Model : null;
    }
}
