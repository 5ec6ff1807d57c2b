using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler.Generator;

/// <summary>Roslyn's view of <see cref="DiagnosticCatalog"/>: one descriptor per kind, and diagnostics at YAML positions.</summary>
internal static class DiagnosticDescriptors
{
    private const string HelpLink = "https://github.com/rulecompiler/rulecompiler/blob/main/docs/diagnostics.md";

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = DiagnosticCatalog.All.ToDictionary(
        kind => kind.Id,
        kind => new DiagnosticDescriptor(
            kind.Id,
            kind.Title,
            kind.MessageFormat,
            kind.Category,
            ToRoslyn(kind.Severity),
            isEnabledByDefault: true,
            helpLinkUri: HelpLink + "#" + kind.Id.ToLowerInvariant()));

    public static DiagnosticDescriptor For(string id) => s_byId[id];

    private static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    public static Diagnostic ToDiagnostic(DiagnosticInfo info, string path)
    {
        var span = info.Span;
        var location = Location.Create(
            path,
            new TextSpan(span.Offset, span.Length),
            new LinePositionSpan(new LinePosition(span.Line - 1, span.Column - 1), new LinePosition(span.EndLine - 1, span.EndColumn - 1)));
        var descriptor = For(info.Id);
        var severity = ToRoslyn(info.Severity);

        // A kind's severity can be raised by a build setting (RC3009 under RuleCompilerRequireRuleCoverage); the
        // descriptor keeps its default, so .globalconfig severities still apply by id.
        return severity == descriptor.DefaultSeverity
            ? Diagnostic.Create(descriptor, location, info.Arguments.ToArray<object>())
            : Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, info.Arguments.ToArray<object>());
    }
}
