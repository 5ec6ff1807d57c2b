using System.Globalization;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Diagnostics;

public enum Severity
{
    Info,
    Warning,
    Error,
}

/// <summary>A kind of problem: its id, severity and message. The generator turns each into a Roslyn descriptor.</summary>
public sealed record DiagnosticKind(string Id, string Title, string MessageFormat, Severity Severity, string Category)
{
    public DiagnosticInfo At(SourceSpan span, params object[] args)
    {
        var texts = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            texts[i] = System.Convert.ToString(args[i], CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new DiagnosticInfo(Id, Severity, texts.ToEquatableArray(), span);
    }
}

/// <summary>
/// A diagnostic as plain data, so that it can travel through the incremental pipeline and compare by value.
/// It becomes a Roslyn <c>Diagnostic</c> only in the generator's output step.
/// </summary>
public sealed record DiagnosticInfo(string Id, Severity Severity, EquatableArray<string> Arguments, SourceSpan Span)
{
    public string Message => string.Format(
        CultureInfo.InvariantCulture,
        DiagnosticCatalog.ById(Id).MessageFormat,
        Arguments.ToArray());

    public override string ToString() => $"{Id} at {Span}: {Message}";
}
