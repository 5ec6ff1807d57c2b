using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RuleCompiler.Benchmarks.RuleSets.Shape;
using RuleCompiler.Generator;

namespace RuleCompiler.Benchmarks.Build;

/// <summary>
/// Runs <see cref="RuleSetGenerator"/> in-process as a build does (the rule file as an additional text, RootNamespace
/// and ProjectDir as build properties), without step tracking, and compiles C# with the same references the generated
/// code needs.
/// </summary>
public static class InProcessGenerator
{
    public const string ProjectDirectory = "/project/";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>A rule set named like the synthetic runners: <c>First1000</c>, <c>Unique10000</c>.</summary>
    public static (Policy Policy, int Rules) Parse(string ruleSet)
    {
        var digits = ruleSet.IndexOfAny("0123456789".ToCharArray());
        return (Enum.Parse<Policy>(ruleSet[..digits]), int.Parse(ruleSet[digits..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static AdditionalText RuleFile(string fileName, string text) => new InMemoryText(ProjectDirectory + "rules/" + fileName, text);

    public static CSharpCompilation EmptyCompilation() => Compilation();

    public static CSharpCompilation Compilation(params SyntaxTree[] trees) => CSharpCompilation.Create(
        "RuleCompiler.Benchmarks.Compiled",
        trees,
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>One generator run on a fresh driver (a driver keeps its results: a second run on it would be cached).</summary>
    public static string Run(AdditionalText file, Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new RuleSetGenerator().AsSourceGenerator()],
            [file],
            ParseOptions,
            new BuildProperties());
        driver = driver.RunGenerators(compilation, CancellationToken.None);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is { } exception)
        {
            throw new InvalidOperationException("the generator threw", exception);
        }

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || result.GeneratedSources.Length != 1)
        {
            throw new InvalidOperationException($"{file.Path}: {result.GeneratedSources.Length} sources, errors: " + string.Join("; ", errors.Take(5)));
        }

        return result.GeneratedSources[0].SourceText.ToString();
    }

    /// <summary>Compiles and emits to memory; returns the assembly's size. Throws on any error.</summary>
    public static long Emit(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException("compilation failed: " + string.Join("; ", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        }

        return stream.Length;
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(RuleInfo).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "RuleCompiler.Benchmarks.Compiled",
            ["build_property.ProjectDir"] = ProjectDirectory,
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
