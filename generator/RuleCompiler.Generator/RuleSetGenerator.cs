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
        public const string RuleFiles = nameof(RuleFiles);
        public const string Compiled = nameof(Compiled);
        public const string Emitted = nameof(Emitted);
        public const string RuleSetNames = nameof(RuleSetNames);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.BuildOptions);

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
            .WithTrackingName(TrackingNames.RuleFiles);

        var compiled = files
            .Select(static (file, cancellationToken) => (file.Path, file.GenerateExplain, Result: Compile(file, cancellationToken)))
            .WithTrackingName(TrackingNames.Compiled);

        var emitted = compiled
            .Select(static (pair, cancellationToken) => Emit(pair.Path, pair.Result, pair.GenerateExplain, cancellationToken))
            .WithTrackingName(TrackingNames.Emitted);

        var names = emitted
            .Select(static (set, _) => (set.FullName, set.Path))
            .Collect()
            .WithTrackingName(TrackingNames.RuleSetNames);

        context.RegisterSourceOutput(emitted.Combine(names), static (output, pair) => Produce(output, pair.Left, pair.Right));
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

    private static CompiledRuleFile Compile(RuleFileText file, CancellationToken cancellationToken) => file.Text is null
        ? new CompiledRuleFile(null, null, null, EquatableArray.Create(DiagnosticCatalog.UnreadableFile.At(SourceSpan.FileStart)))
        : RuleFileCompiler.Compile(file.Text, new BindOptions(file.DefaultNamespace, file.DisplayPath) { RequireRuleCoverage = file.RequireRuleCoverage, DataPlanRules = file.DataPlanRules }, cancellationToken);

    private static GeneratedRuleSet Emit(string path, CompiledRuleFile compiled, bool explain, CancellationToken cancellationToken)
    {
        if (compiled.Model is not { } model || compiled.Plan is not { } plan || compiled.Lowered is not { } lowered || compiled.HasErrors)
        {
            return new GeneratedRuleSet(path, null, default, null, null, compiled.Diagnostics);
        }

        try
        {
            return new GeneratedRuleSet(path, model.FullName, model.NameSpan, CSharpEmitter.HintName(model), CSharpEmitter.Emit(model, plan, lowered, cancellationToken, explain), compiled.Diagnostics);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = DiagnosticCatalog.InternalError.At(SourceSpan.FileStart, exception.GetType().Name + ": " + exception.Message.TrimEnd('.'));
            return new GeneratedRuleSet(path, null, default, null, null, compiled.Diagnostics.Append(failure).ToEquatableArray());
        }
    }

    private static void Produce(SourceProductionContext output, GeneratedRuleSet set, ImmutableArray<(string? FullName, string Path)> names)
    {
        foreach (var diagnostic in set.Diagnostics)
        {
            output.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(diagnostic, set.Path));
        }

        if (set.Source is null || set.HintName is null)
        {
            return;
        }

        // Two files defining one rule set: the file whose path sorts first keeps it, the other reports the clash.
        var owner = names
            .Where(n => n.FullName == set.FullName)
            .Select(n => n.Path)
            .OrderBy(p => p, StringComparer.Ordinal)
            .First();
        if (owner != set.Path)
        {
            var clash = DiagnosticCatalog.DuplicateRuleSet.At(set.NameSpan, set.FullName!, owner);
            output.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(clash, set.Path));
            return;
        }

        output.AddSource(set.HintName, Microsoft.CodeAnalysis.Text.SourceText.From(set.Source, System.Text.Encoding.UTF8));
    }
}
