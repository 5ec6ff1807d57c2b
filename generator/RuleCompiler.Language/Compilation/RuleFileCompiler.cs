using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Composition;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Compilation;

/// <summary>A compiled rule file: the model, its plan and what the plan becomes in code, when it has no errors; and every diagnostic.</summary>
public sealed record CompiledRuleFile(RuleSetModel? Model, Plan? Plan, LoweredRuleSet? Lowered, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The paths of the files the compile read, by <see cref="SourceSpan.File"/>: where each diagnostic stands.</summary>
    public EquatableArray<string> SourcePaths { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// For a layer (§12): the paths of its bases (its <c>extends</c> chain), and where <c>extends</c> is written. A base
    /// whose own build fails (its tests, its analysis) stops the layer too; the generator, which sees every file's
    /// build, reports that (RC2043).
    /// </summary>
    public EquatableArray<string> BasePaths { get; init; } = EquatableArray<string>.Empty;

    public SourceSpan ExtendsSpan { get; init; }

    /// <summary>
    /// The bound model once analysis ran, also when the analysis or the file's tests reported errors (<see cref="Model"/>
    /// is null then): a tool (rulec test) reports each case of a file whose tests fail.
    /// </summary>
    public RuleSetModel? Analyzed { get; init; }

    /// <summary>The rules the file's <c>tests:</c> exercise (indexes into <see cref="RuleSetModel.Rules"/>): its rule coverage.</summary>
    public EquatableArray<int> ExercisedRules { get; init; } = EquatableArray<int>.Empty;
}

/// <summary>
/// The whole front end and middle of the compiler for one file, as a pure function of its text:
/// read → bind → analyze (rule analysis, rule-file tests, coverage) → plan → lower. User mistakes become diagnostics;
/// cancellation propagates; any other exception is a compiler bug and becomes one RC9999 error.
/// </summary>
public static class RuleFileCompiler
{
    public static CompiledRuleFile Compile(string text, BindOptions options, CancellationToken cancellationToken) =>
        Compile(text, options, ReaderLimits.Default, cancellationToken);

    public static CompiledRuleFile Compile(string text, BindOptions options, ReaderLimits limits, CancellationToken cancellationToken) =>
        Compile(new RuleSource(options.FilePath, options.FilePath, text), Array.Empty<RuleSource>(), options, limits, cancellationToken);

    /// <summary>
    /// Compiles <paramref name="main"/>, reading the files it <c>extends</c> or <c>imports</c> (§12) from
    /// <paramref name="available"/>: compose → bind → analyze → plan → lower. Without <paramref name="lower"/>, it stops
    /// after the plan (<see cref="CompiledRuleFile.Lowered"/> null): what an interpreter needs, without the automata
    /// and member layout only code needs.
    /// </summary>
    public static CompiledRuleFile Compile(RuleSource main, IEnumerable<RuleSource> available, BindOptions options, ReaderLimits limits, CancellationToken cancellationToken, bool lower = true)
    {
        var diagnostics = new List<DiagnosticInfo>();
        IReadOnlyList<RuleSource> sources = new[] { main };
        try
        {
            var composed = RuleSetComposer.Compose(main, available, limits, diagnostics, cancellationToken);
            sources = composed.Sources;
            var bindOptions = options with { MaxRules = limits.MaxRules };
            var model = composed.Root is null ? null : Binder.Bind(composed.Root, bindOptions, diagnostics, cancellationToken);
            ReportBaseErrors(composed, diagnostics);
            if (model is null)
            {
                return Done(null, null, diagnostics, sources);
            }

            model = model with { SourcePaths = sources.Select(source => source.DisplayPath).ToEquatableArray() };

            // One Predicates per compile: every stage that evaluates tests shares its regexes and globs.
            var predicates = new Predicates();
            var analysis = Analyzer.Analyze(model, predicates, options.RequireRuleCoverage, cancellationToken);
            diagnostics.AddRange(analysis.Findings);
            if (composed.RestrictedBase is { } restricted && composed.Root is YamlMapping layerRoot && !analysis.HasErrors)
            {
                // The base binds without errors (they would be reported above). The layer's rules and the base's are
                // bound together, so that their conditions read the same input fields.
                var unbound = new List<DiagnosticInfo>();
                var baseModel = Binder.Bind(restricted, bindOptions, unbound, cancellationToken);
                var union = Binder.Bind(RuleSetComposer.Union(layerRoot, restricted, out var prefix), bindOptions with { MaxRules = 2 * limits.MaxRules }, unbound, cancellationToken);
                if (baseModel is not null && union is not null)
                {
                    RestrictOnlyProof.Run(union, model.Rules.Count, prefix, baseModel, predicates, composed.RestrictOnlySpan, diagnostics, new AnalysisBudget(AnalysisBudget.DefaultTotal, cancellationToken));
                }
                else
                {
                    // Never a silent "proven": a comparison that could not be set up is said.
                    var why = unbound.FirstOrDefault(d => d.Severity == Severity.Error)?.Message ?? "the layer and its base could not be bound together";
                    diagnostics.Add(DiagnosticCatalog.LayerUnproven.At(composed.RestrictOnlySpan, "at all", why.TrimEnd('.')));
                }
            }

            if (diagnostics.Any(d => d.Severity == Severity.Error))
            {
                return Done(null, null, diagnostics, sources) with { Analyzed = model, ExercisedRules = analysis.ExercisedRules };
            }

            var plan = Planner.Build(model, predicates, cancellationToken);
            var lowered = lower ? Lowerer.Lower(model, plan, cancellationToken, options.DataPlanRules) : null;
            diagnostics.AddRange(lowered?.RegexFallbacks.Select(f => DiagnosticCatalog.RegexLeftToEngine.At(f.At, f.Pattern.Pattern, f.Reason)) ?? []);
            return new CompiledRuleFile(model, plan, lowered, diagnostics.ToEquatableArray())
            {
                SourcePaths = sources.Select(source => source.Path).ToEquatableArray(),
                BasePaths = composed.Bases.Select(file => sources[file].Path).ToEquatableArray(),
                ExtendsSpan = composed.ExtendsSpan ?? SourceSpan.FileStart,
                Analyzed = model,
                ExercisedRules = analysis.ExercisedRules,
            };
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            diagnostics.Add(DiagnosticCatalog.InternalError.At(SourceSpan.FileStart, exception.GetType().Name + ": " + exception.Message.TrimEnd('.')));
            return Done(null, null, diagnostics, sources);
        }
    }

    /// <summary>
    /// A base or imported file with errors of its own (reported at that file) stops this file too: RC2043 says so
    /// here, at <c>extends</c>, once per such file.
    /// </summary>
    private static void ReportBaseErrors(ComposedRuleFile composed, List<DiagnosticInfo> diagnostics)
    {
        var reported = new HashSet<string>(diagnostics.Where(d => d.Id == DiagnosticCatalog.BaseHasErrors.Id).Select(d => d.Arguments[0]), StringComparer.Ordinal);
        foreach (var file in diagnostics.Where(d => d.Severity == Severity.Error && d.Span.File != 0).GroupBy(d => d.Span.File).ToList())
        {
            var path = composed.Sources[file.Key].DisplayPath;
            if (reported.Add(path))
            {
                diagnostics.Add(DiagnosticCatalog.BaseHasErrors.At(composed.ExtendsSpan ?? SourceSpan.FileStart, path, file.Count()));
            }
        }
    }

    private static CompiledRuleFile Done(RuleSetModel? model, Plan? plan, List<DiagnosticInfo> diagnostics, IReadOnlyList<RuleSource> sources) =>
        new(model, plan, null, diagnostics.ToEquatableArray()) { SourcePaths = sources.Select(source => source.Path).ToEquatableArray() };
}
