using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RuleCompiler.Generator;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>A rule file given to the generator in memory.</summary>
public sealed record RuleFile(string Path, string Text);

/// <summary>
/// What one generator run produced. <see cref="Diagnostics"/> are the errors and warnings a build prints;
/// <see cref="Messages"/> the information a build keeps quiet about but an IDE lists (rule coverage, redundant tests).
/// </summary>
public sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<GeneratedSourceResult> Sources,
    GeneratorRunResult Result,
    ImmutableArray<Diagnostic> Messages)
{
    public string SourceOf(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// Drives <see cref="RuleSetGenerator"/> in-process the way a build does: rule files as additional texts, the
/// project's RootNamespace and ProjectDir as build properties, step tracking on.
/// </summary>
public static class GeneratorHarness
{
    public const string ProjectDirectory = "/project/";
    public const string RootNamespace = "Tests.Generated";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    public static CSharpCompilation NewCompilation(params string[] sources) => CSharpCompilation.Create(
        "Tests.Generated",
        sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
        s_references.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    /// <param name="files">The rule files, as additional texts under <paramref name="projectDirectory"/>.</param>
    /// <param name="rootNamespace">The RootNamespace build property; null for none.</param>
    /// <param name="projectDirectory">The ProjectDir build property.</param>
    /// <param name="buildProperties">More build properties (name without the build_property. prefix → value).</param>
    /// <param name="trackSteps">Step tracking on (the default), or off for timing.</param>
    /// <param name="parseOptions">The consumer's parse options (preprocessor symbols: DEBUG for a Debug build); the default has none.</param>
    public static GeneratorDriver NewDriver(IEnumerable<RuleFile> files, string? rootNamespace = RootNamespace, string projectDirectory = ProjectDirectory, IReadOnlyDictionary<string, string>? buildProperties = null, bool trackSteps = true, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new RuleSetGenerator().AsSourceGenerator() },
            files.Select(file => (AdditionalText)new InMemoryAdditionalText(projectDirectory + file.Path, file.Text)),
            parseOptions ?? ParseOptions,
            new BuildProperties(rootNamespace, projectDirectory, buildProperties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// Runs the generator on <paramref name="files"/> with the default build properties. The run is shared: see
    /// <see cref="Shared"/>; <see cref="RunUncached"/> gives a run of one's own.
    /// </summary>
    public static GeneratorRun Run(params RuleFile[] files) => Shared(files).Run.Value;

    /// <summary>A generator run of its own, kept by no cache: for rule files that no other test compiles (fuzzers).</summary>
    public static GeneratorRun RunUncached(params RuleFile[] files) => Run(NewDriver(files), NewCompilation());

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, CancellationToken.None);
        var result = driver.GetRunResult().Results.Single();
        return new GeneratorRun(
            driver,
            output,
            diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).ToImmutableArray(),
            result.GeneratedSources,
            result,
            diagnostics.Where(d => d.Severity == DiagnosticSeverity.Info).ToImmutableArray());
    }

    /// <summary>Runs the generator and compiles its output; the compilation's own diagnostics come back for checking (shared, see <see cref="Shared"/>).</summary>
    public static (GeneratorRun Run, ImmutableArray<Diagnostic> CompilerDiagnostics) RunAndCompile(params RuleFile[] files)
    {
        var shared = Shared(files);
        return (shared.Run.Value, shared.CompilerDiagnostics.Value);
    }

    /// <summary>Runs, compiles, emits and loads the generated code into a collectible context (shared, see <see cref="Shared"/>).</summary>
    public static Assembly RunAndLoad(params RuleFile[] files) => Shared(files).Assembly.Value;

    /// <summary>Runs, compiles, emits and loads the generated code of rule files no other test compiles, caching nothing.</summary>
    public static Assembly RunAndLoadUncached(params RuleFile[] files)
    {
        return LoadCleanlyCompiled(RunUncached(files));
    }

    /// <summary>As <see cref="RunAndLoadUncached(RuleFile[])"/>, under more build properties (name without the build_property. prefix → value).</summary>
    public static Assembly RunAndLoadUncached(IReadOnlyDictionary<string, string> buildProperties, params RuleFile[] files)
    {
        return LoadCleanlyCompiled(Run(NewDriver(files, buildProperties: buildProperties), NewCompilation()));
    }

    /// <summary>
    /// The generator run, the compiler's diagnostics and the loaded assembly of one list of rule files (paths and
    /// texts, in order) under the default build properties, each computed once per test process on first use and then
    /// shared. Generator runs and Roslyn compilations are about half of the suite's time, and many tests compile the same files
    /// (every sample and feature file is generated by the snapshot tests and compiled, loaded and run by the
    /// differential, rule-file test, JIT-limit and member tests). Sharing is safe: generator runs and compilations are
    /// immutable, and generated code keeps no mutable state. A failure (an exception) is cached and rethrown too, so
    /// every test that uses those files fails the same way.
    /// </summary>
    private static SharedRuleSet Shared(RuleFile[] files) =>
        s_shared.GetOrAdd(SharedRuleSet.KeyOf(files), static (_, files) => new SharedRuleSet(files), files);

    private static readonly ConcurrentDictionary<string, SharedRuleSet> s_shared = new(StringComparer.Ordinal);

    private sealed class SharedRuleSet
    {
        public SharedRuleSet(RuleFile[] files)
        {
            files = (RuleFile[])files.Clone();
            Run = new(() => RunUncached(files));
            CompilerDiagnostics = new(() => Run.Value.OutputCompilation.GetDiagnostics());
            Assembly = new(() => LoadCleanlyCompiled(Run.Value));
        }

        public Lazy<GeneratorRun> Run { get; }

        public Lazy<ImmutableArray<Diagnostic>> CompilerDiagnostics { get; }

        public Lazy<Assembly> Assembly { get; }

        // Lengths before texts, so that no two lists of files have one key.
        public static string KeyOf(RuleFile[] files) =>
            string.Concat(files.Select(file => $"{file.Path.Length}:{file.Path}{file.Text.Length}:{file.Text}"));
    }

    /// <summary>
    /// Compiles the generated code once, emitting it: the emit reports every error and warning a separate
    /// <c>GetDiagnostics</c> would (checked on unused fields and variables, nullable warnings and <c>#warning</c>), at
    /// half the cost of compiling twice. Throws when the generator or the compiler reported a problem.
    /// </summary>
    public static Assembly LoadCleanlyCompiled(GeneratorRun run)
    {
        using var stream = new MemoryStream();
        var emit = run.OutputCompilation.Emit(stream);

        // The generator's warnings are findings about the rules' logic (shadowing, gaps), not about the code.
        var problems = run.Errors.Concat(emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)).ToList();
        if (problems.Count > 0 || !emit.Success)
        {
            throw new InvalidOperationException("generated code did not compile cleanly:\n" + string.Join("\n", problems.Concat(emit.Diagnostics).Distinct()));
        }

        return LoadFrom(stream);
    }

    /// <summary>Emits a compilation and loads it into a collectible context.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException(string.Join("\n", emit.Diagnostics));
        }

        return LoadFrom(stream);
    }

    private static Assembly LoadFrom(MemoryStream stream)
    {
        stream.Position = 0;
        return new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(RuleInfo).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        public BuildProperties(string? rootNamespace, string projectDirectory, IReadOnlyDictionary<string, string>? more) =>
            GlobalOptions = new Options(rootNamespace, projectDirectory, more: more);

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(null, string.Empty, more: null, empty: true);

            private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

            public Options(string? rootNamespace, string projectDirectory, IReadOnlyDictionary<string, string>? more, bool empty = false)
            {
                if (!empty)
                {
                    foreach (var pair in more ?? new Dictionary<string, string>())
                    {
                        _values["build_property." + pair.Key] = pair.Value;
                    }

                    _values["build_property.ProjectDir"] = projectDirectory;
                    if (rootNamespace is not null)
                    {
                        _values["build_property.RootNamespace"] = rootNamespace;
                    }
                }
            }

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
