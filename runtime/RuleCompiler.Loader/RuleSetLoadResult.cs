using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler;

/// <summary>What loading a rule file gave: its diagnostics and, when it has no errors, the rule set.</summary>
/// <typeparam name="TInput">The rule set's input type.</typeparam>
/// <typeparam name="TOutput">The rule set's output type.</typeparam>
public sealed class RuleSetLoadResult<TInput, TOutput>
{
    internal RuleSetLoadResult(IRuleSet<TInput, TOutput>? ruleSet, ImmutableArray<RuleDiagnostic> diagnostics, IReadOnlyList<string> sources)
    {
        RuleSet = ruleSet;
        Diagnostics = diagnostics;
        Sources = sources;
    }

    /// <summary>The files the load read: the rule file first, then the files it extends or imports (what a watcher watches).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The loaded rule set; null when the file has errors (or warnings, with <see cref="LoadOptions.WarningsAsErrors"/>).</summary>
    public IRuleSet<TInput, TOutput>? RuleSet { get; }

    /// <summary>Whether the load gave a rule set.</summary>
    public bool Succeeded => RuleSet is not null;

    /// <summary>Every diagnostic, as the build reports it for the same file: id, severity, message, file, line and column.</summary>
    public ImmutableArray<RuleDiagnostic> Diagnostics { get; }

    /// <summary>The diagnostics that are errors.</summary>
    public IEnumerable<RuleDiagnostic> Errors => Diagnostics.Where(d => d.Severity == RuleDiagnosticSeverity.Error);

    /// <summary>The diagnostics one per line, as the build prints them.</summary>
    public override string ToString() => string.Join("\n", Diagnostics);
}

/// <summary>How serious a <see cref="RuleDiagnostic"/> is.</summary>
public enum RuleDiagnosticSeverity
{
    /// <summary>Information (shown by <c>dotnet build -v:d</c>).</summary>
    Info,

    /// <summary>A warning: the rule set loads unless <see cref="LoadOptions.WarningsAsErrors"/>.</summary>
    Warning,

    /// <summary>An error: the rule set does not load.</summary>
    Error,
}

/// <summary>A problem in a rule file, where it is written: the same id, message and position the build reports.</summary>
/// <param name="Id">The id, <c>RC2027</c>; docs/diagnostics.md explains each.</param>
/// <param name="Severity">Error, warning or information.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Path">The file it stands in: the loaded file or a file it extends or imports.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="EndLine">1-based line where the offending node ends.</param>
/// <param name="EndColumn">1-based column where it ends.</param>
public sealed record RuleDiagnostic(string Id, RuleDiagnosticSeverity Severity, string Message, string Path, int Line, int Column, int EndLine, int EndColumn)
{
    internal static RuleDiagnostic From(DiagnosticInfo diagnostic, IReadOnlyList<string> sources)
    {
        var span = diagnostic.Span;
        var path = span.File >= 0 && span.File < sources.Count ? sources[span.File] : sources[0];
        var severity = diagnostic.Severity switch
        {
            Language.Diagnostics.Severity.Error => RuleDiagnosticSeverity.Error,
            Language.Diagnostics.Severity.Warning => RuleDiagnosticSeverity.Warning,
            _ => RuleDiagnosticSeverity.Info,
        };
        return new RuleDiagnostic(diagnostic.Id, severity, diagnostic.Message, path, span.Line, span.Column, span.EndLine, span.EndColumn);
    }

    /// <summary>As the build prints it: <c>path(line,column): error RC2027: message</c>.</summary>
    public override string ToString() => $"{Path}({Line},{Column}): {Severity switch { RuleDiagnosticSeverity.Error => "error", RuleDiagnosticSeverity.Warning => "warning", _ => "info" }} {Id}: {Message}";
}
