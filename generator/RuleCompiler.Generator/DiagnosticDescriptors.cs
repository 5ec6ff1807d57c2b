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
            kind.Severity switch
            {
                Severity.Error => DiagnosticSeverity.Error,
                Severity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            },
            isEnabledByDefault: true,
            helpLinkUri: HelpLink + "#" + kind.Id.ToLowerInvariant()));

    public static DiagnosticDescriptor For(string id) => s_byId[id];

    public static Diagnostic ToDiagnostic(DiagnosticInfo info, string path)
    {
        var span = info.Span;
        var location = Location.Create(
            path,
            new TextSpan(span.Offset, span.Length),
            new LinePositionSpan(new LinePosition(span.Line - 1, span.Column - 1), new LinePosition(span.EndLine - 1, span.EndColumn - 1)));
        return Diagnostic.Create(For(info.Id), location, info.Arguments.ToArray<object>());
    }
}
