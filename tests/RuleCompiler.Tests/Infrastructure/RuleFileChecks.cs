using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RuleCompiler.Generator.Emit;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>The checks every malformed or mutated file must pass, through the generator or the Roslyn-free compiler.</summary>
internal static class RuleFileChecks
{
    private static readonly CSharpParseOptions s_parseOptions = GeneratorHarness.ParseOptions;

    /// <summary>
    /// Through the real generator (text given as an in-memory text, or bytes decoded as UTF-8 the way a build reads
    /// a file); when code comes out, it is compiled.
    /// </summary>
    public static RuleFileCheckOutcome ThroughGenerator(string path, string? text, byte[]? bytes)
    {
        var problems = new List<string>();
        var fullPath = GeneratorHarness.ProjectDirectory + path;
        GeneratorRun run;
        SourceText sourceText;
        if (bytes is null)
        {
            run = GeneratorHarness.RunUncached(new RuleFile(path, text!));
            sourceText = SourceText.From(text!, Encoding.UTF8);
        }
        else
        {
            var additional = new BytesAdditionalText(fullPath, bytes);
            var driver = GeneratorHarness.NewDriver(Array.Empty<RuleFile>()).AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(additional));
            run = GeneratorHarness.Run(driver, GeneratorHarness.NewCompilation());
            sourceText = additional.GetText();
        }

        if (run.Result.Exception is { } exception)
        {
            problems.Add("the generator threw " + exception);
        }

        foreach (var diagnostic in run.Diagnostics)
        {
            if (diagnostic.Id is "CS8785" or "AD0001" or "RC9999" || !diagnostic.Id.StartsWith("RC", StringComparison.Ordinal))
            {
                problems.Add("the generator failed: " + diagnostic);
            }
            else if (LocationProblem(diagnostic.Location, fullPath, sourceText) is { } where)
            {
                problems.Add($"{diagnostic.Id} is not at a real position of the file ({where}): {diagnostic}");
            }
        }

        var rcErrors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("RC", StringComparison.Ordinal)).ToList();
        var generated = run.Sources.Length > 0;
        var compiled = false;
        if (generated)
        {
            if (rcErrors.Count > 0)
            {
                problems.Add("code was generated although RC errors were reported");
            }

            var compilerErrors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            compiled = true;
            if (compilerErrors.Count > 0)
            {
                problems.Add("the generated code does not compile:\n    " + string.Join("\n    ", compilerErrors.Take(10).Select(d => d.ToString()))
                    + "\n--- generated code ---\n" + string.Join("\n", run.Sources.Select(s => s.SourceText.ToString())) + "--- end of generated code ---");
            }
        }
        else if (rcErrors.Count == 0)
        {
            problems.Add("no code was generated and no RC error was reported");
        }

        return new RuleFileCheckOutcome(generated, run.Diagnostics.Select(Describe).ToList(), problems, compiled);
    }

    /// <summary>
    /// Through the Roslyn-free compiler: no RC9999, a model exactly when there is no error, every diagnostic inside the
    /// text; a model is emitted, and the C# must parse without errors.
    /// </summary>
    public static RuleFileCheckOutcome ThroughCompiler(string path, string text)
    {
        var problems = new List<string>();
        var compiled = RuleFileCompiler.Compile(text, new BindOptions("Ns", path), CancellationToken.None);
        var lineCount = SourceText.From(text).Lines.Count;
        foreach (var diagnostic in compiled.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticCatalog.InternalError.Id)
            {
                problems.Add("internal compiler error: " + diagnostic);
                continue;
            }

            var span = diagnostic.Span;
            if (span.Line < 1 || span.Line > lineCount || span.EndLine < span.Line || span.EndLine > lineCount || span.Column < 1
                || span.Offset < 0 || span.Length < 0 || span.Offset + span.Length > text.Length)
            {
                problems.Add($"{diagnostic.Id} is not inside the text (lines 1..{lineCount}, {text.Length} characters): line {span.Line}..{span.EndLine}, "
                    + $"column {span.Column}, offset {span.Offset}, length {span.Length}: {diagnostic}");
            }
        }

        var hasErrors = compiled.HasErrors;
        if (compiled.Model is null && !hasErrors)
        {
            problems.Add("no model and no error");
        }

        if (compiled.Model is not null && (hasErrors || compiled.Plan is null))
        {
            problems.Add("a model although there are errors, or a model without a plan");
        }

        if (compiled.Model is { } model && compiled.Plan is { } plan && !hasErrors)
        {
            try
            {
                var source = CSharpEmitter.Emit(model, plan, CancellationToken.None);
                var syntaxErrors = CSharpSyntaxTree.ParseText(source, s_parseOptions).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                if (syntaxErrors.Count > 0)
                {
                    problems.Add("the generated code does not parse:\n    " + string.Join("\n    ", syntaxErrors.Take(10).Select(d => d.ToString())));
                }
            }
            catch (Exception exception)
            {
                problems.Add("the emitter threw " + exception);
            }
        }

        return new RuleFileCheckOutcome(compiled.Model is not null, compiled.Diagnostics.Select(d => d.Id + (d.Severity == Severity.Error ? " error " : " ") + d).ToList(), problems, false);
    }

    public static string Report(string name, RuleFileCheckOutcome outcome) =>
        $"{name}\nproblems:\n  - {string.Join("\n  - ", outcome.Problems)}\ndiagnostics:\n  - {string.Join("\n  - ", outcome.Diagnostics.Take(20))}";

    private static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} {(diagnostic.Severity == DiagnosticSeverity.Error ? "error " : string.Empty)}{diagnostic.Location.GetLineSpan()}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";

    private static string? LocationProblem(Location location, string path, SourceText text)
    {
        if (location == Location.None)
        {
            return "no location";
        }

        var span = location.GetLineSpan();
        if (!span.IsValid || span.Path != path)
        {
            return $"path '{span.Path}', expected '{path}'";
        }

        var lines = text.Lines.Count;
        var (start, end) = (span.StartLinePosition.Line, span.EndLinePosition.Line);
        if (start < 0 || start >= lines || end < start || end >= lines || span.StartLinePosition.Character < 0)
        {
            return $"line {start + 1}..{end + 1} of a file of {lines} lines";
        }

        if (location.SourceSpan.Start < 0 || location.SourceSpan.End > text.Length)
        {
            return $"characters {location.SourceSpan} of a text of {text.Length}";
        }

        return null;
    }

    /// <summary>A file as the build reads it from disk: bytes, decoded as UTF-8 (its BOM dropped) by Roslyn.</summary>
    private sealed class BytesAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public BytesAdditionalText(string path, byte[] bytes)
        {
            Path = path;
            using var stream = new MemoryStream(bytes, writable: false);
            _text = SourceText.From(stream, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
