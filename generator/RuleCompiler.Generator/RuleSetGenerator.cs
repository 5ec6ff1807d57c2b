using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RuleCompiler.Generator.Emit;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Composition;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Lowering;

namespace RuleCompiler.Generator;

/// <summary>
/// Compiles every <c>*.rules.yaml</c> / <c>*.rules.yml</c> additional file into a C# rule set.
/// Each file flows through its own steps, so editing one file re-runs only that file's work.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RuleSetGenerator : IIncrementalGenerator
{
    /// <summary>Step names, for incremental-generator tests.</summary>
    public static class TrackingNames
    {
        public const string BuildOptions = nameof(BuildOptions);
        public const string Sources = nameof(Sources);
        public const string Dependencies = nameof(Dependencies);
        public const string RuleFiles = nameof(RuleFiles);
        public const string Compiled = nameof(Compiled);
        public const string Loadable = nameof(Loadable);
        public const string Emitted = nameof(Emitted);
        public const string RuleSetNames = nameof(RuleSetNames);
        public const string Outputs = nameof(Outputs);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.BuildOptions);

        // Every YAML additional file, with the files it names (extends, imports; §12): a layer's compile is handed the
        // texts of its bases and imports, so that editing a base re-runs the layers over it and nothing else.
        var sources = context.AdditionalTextsProvider
            .Where(static text => SourceFiles.IsYaml(text.Path))
            .Combine(options)
            .Select(static (pair, cancellationToken) =>
            {
                var text = pair.Left.GetText(cancellationToken)?.ToString();
                var source = new RuleSource(pair.Left.Path, RuleFileText.ToDisplayPath(pair.Left.Path, pair.Right.ProjectDirectory), text);
                return new SourceFile(source, SourceFiles.ReferencesOf(source.Path, text));
            })
            .WithTrackingName(TrackingNames.Sources)
            .Collect();

        // A file is a rule file by its name (*.rules.yaml, *.rules.yml), unless its item says otherwise with
        // RuleCompiler="true" or "false" metadata (made visible to the compiler by the package's targets).
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => RuleFileText.IsRuleFile(pair.Left.Path, ItemMetadata(pair.Right.GetOptions(pair.Left))))
            .Select(static (pair, _) => pair.Left)
            .Combine(options)
            .Select(static (pair, cancellationToken) => new RuleFileText(
                pair.Left.Path,
                RuleFileText.ToDisplayPath(pair.Left.Path, pair.Right.ProjectDirectory),
                pair.Left.GetText(cancellationToken)?.ToString(),
                pair.Right.RootNamespace,
                pair.Right.RequireRuleCoverage,
                pair.Right.GenerateExplain,
                pair.Right.DataPlanRules))
            .WithTrackingName(TrackingNames.RuleFiles)
            .Combine(sources)
            .Select(static (pair, _) => pair.Left with { Dependencies = SourceFiles.DependenciesOf(pair.Left.Path, pair.Left.Text, pair.Right) })
            .WithTrackingName(TrackingNames.Dependencies);

        var compiled = files
            .Select(static (file, cancellationToken) => (file.Path, file.GenerateExplain, Result: Compile(file, cancellationToken)))
            .WithTrackingName(TrackingNames.Compiled);

        // Whether the project references the run-time loader: then each rule set also gets Load (spec §14). A bool, so
        // that an edit to the project's C# leaves every rule set's emitted source cached.
        var loadable = context.CompilationProvider
            .Select(static (compilation, _) => compilation.ReferencedAssemblyNames.Any(name => name.Name == LoaderAssembly))
            .WithTrackingName(TrackingNames.Loadable);

        var emitted = compiled
            .Combine(loadable)
            .Select(static (pair, cancellationToken) => Emit(pair.Left.Path, pair.Left.Result, pair.Left.GenerateExplain, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Emitted);

        var names = emitted
            .Select(static (set, _) => new RuleSetSummary(set.FullName, set.Path, set.Diagnostics))
            .Collect()
            .WithTrackingName(TrackingNames.RuleSetNames);

        // What each file reports and adds, given every rule set of the build: equal for a file an edit elsewhere does not
        // concern, so that its output is not produced again.
        var outputs = emitted
            .Combine(names)
            .Select(static (pair, _) => Finish(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Outputs);

        context.RegisterSourceOutput(outputs, static (output, set) => Produce(output, set));
    }

    private static string? ItemMetadata(AnalyzerConfigOptions options) =>
        options.TryGetValue("build_metadata.AdditionalFiles.RuleCompiler", out var value) ? value : null;

    private static BuildOptions ReadOptions(AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        options.TryGetValue("build_property.ProjectDir", out var projectDirectory);
        options.TryGetValue("build_property.RuleCompilerRequireRuleCoverage", out var requireRuleCoverage);
        options.TryGetValue("build_property.RuleCompilerGenerateExplain", out var generateExplain);
        options.TryGetValue("build_property.RuleCompilerDataPlanRules", out var dataPlanRules);
        return new BuildOptions(
            rootNamespace ?? string.Empty,
            projectDirectory ?? string.Empty,
            string.Equals(requireRuleCoverage?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
            !string.Equals(generateExplain?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            int.TryParse(dataPlanRules?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rules) ? rules : Lowerer.MaxCodeNodeRules);
    }

    private static CompiledRuleFile Compile(RuleFileText file, CancellationToken cancellationToken) => RuleFileCompiler.Compile(
        new RuleSource(file.Path, file.DisplayPath, file.Text),
        file.Dependencies,
        new BindOptions(file.DefaultNamespace, file.DisplayPath) { RequireRuleCoverage = file.RequireRuleCoverage, DataPlanRules = file.DataPlanRules },
        Language.Syntax.ReaderLimits.Default,
        cancellationToken);

    /// <summary>The run-time loader's assembly (package <c>RuleCompiler.Loader</c>).</summary>
    private const string LoaderAssembly = "RuleCompiler.Loader";

    private static GeneratedRuleSet Emit(string path, CompiledRuleFile compiled, bool explain, bool loadable, CancellationToken cancellationToken)
    {
        if (compiled.Model is not { } model || compiled.Plan is not { } plan || compiled.Lowered is not { } lowered || compiled.HasErrors)
        {
            return new GeneratedRuleSet(path, null, default, null, null, compiled.Diagnostics) { SourcePaths = compiled.SourcePaths };
        }

        try
        {
            return new GeneratedRuleSet(path, model.FullName, model.NameSpan, CSharpEmitter.HintName(model), CSharpEmitter.Emit(model, plan, lowered, cancellationToken, explain, loadable), compiled.Diagnostics)
            {
                SourcePaths = compiled.SourcePaths,
                BasePaths = compiled.BasePaths,
                ExtendsSpan = compiled.ExtendsSpan,
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = DiagnosticCatalog.InternalError.At(SourceSpan.FileStart, exception.GetType().Name + ": " + exception.Message.TrimEnd('.'));
            return new GeneratedRuleSet(path, null, default, null, null, compiled.Diagnostics.Append(failure).ToEquatableArray()) { SourcePaths = compiled.SourcePaths };
        }
    }

    private static EmittedRuleSet Finish(GeneratedRuleSet set, ImmutableArray<RuleSetSummary> sets)
    {
        var diagnostics = set.Diagnostics
            .Where(diagnostic => !ReportedByItsOwnFile(set, diagnostic, sets))
            .Select(diagnostic => new LocatedDiagnostic(diagnostic, set.PathOf(diagnostic)))
            .ToList();
        if (set.Source is null || set.HintName is null)
        {
            return new EmittedRuleSet(diagnostics.ToEquatableArray(), null, null);
        }

        // A base whose own build fails (a failing test, an analysis error) stops its layers: they read its rules.
        foreach (var basePath in set.BasePaths)
        {
            var failing = sets.FirstOrDefault(other => SourcePaths.Same(other.Path, basePath));
            var errors = failing?.Diagnostics.Count(d => d.Severity == Severity.Error) ?? 0;
            if (errors > 0)
            {
                diagnostics.Add(new LocatedDiagnostic(DiagnosticCatalog.BaseHasErrors.At(set.ExtendsSpan, SourcePaths.FileName(basePath), errors), set.Path));
                return new EmittedRuleSet(diagnostics.ToEquatableArray(), null, null);
            }
        }

        // Two files defining one rule set: the file whose path sorts first keeps it, the other reports the clash.
        var owner = sets
            .Where(n => n.FullName == set.FullName)
            .Select(n => n.Path)
            .OrderBy(p => p, StringComparer.Ordinal)
            .First();
        if (owner != set.Path)
        {
            diagnostics.Add(new LocatedDiagnostic(DiagnosticCatalog.DuplicateRuleSet.At(set.NameSpan, set.FullName!, owner), set.Path));
            return new EmittedRuleSet(diagnostics.ToEquatableArray(), null, null);
        }

        return new EmittedRuleSet(diagnostics.ToEquatableArray(), set.HintName, set.Source);
    }

    private static void Produce(SourceProductionContext output, EmittedRuleSet set)
    {
        foreach (var diagnostic in set.Diagnostics)
        {
            output.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(diagnostic.Info, diagnostic.Path));
        }

        if (set.HintName is not null && set.Source is not null)
        {
            output.AddSource(set.HintName, Microsoft.CodeAnalysis.Text.SourceText.From(set.Source, System.Text.Encoding.UTF8));
        }
    }

    /// <summary>
    /// Whether a diagnostic a layer found in its base (§12) is one the base's own compile reports at the same place:
    /// then it is reported once, by the base. Findings the layer causes there (a base rule its rules shadow) stay.
    /// </summary>
    private static bool ReportedByItsOwnFile(GeneratedRuleSet set, DiagnosticInfo diagnostic, ImmutableArray<RuleSetSummary> sets)
    {
        if (diagnostic.Span.File == 0)
        {
            return false;
        }

        var path = set.PathOf(diagnostic);
        var own = diagnostic with { Span = diagnostic.Span with { File = 0 } };
        return sets.Any(other => SourcePaths.Same(other.Path, path) && other.Diagnostics.Contains(own));
    }
}
