using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Benchmarks.RuleSets.Shape;
using RuleCompiler.Benchmarks.RuleSets.Writing;

namespace RuleCompiler.Benchmarks.Build;

/// <summary>
/// The C# compiler's extra time for generated code: parsing, binding and emitting (Release) a compilation made of a
/// synthetic rule set's generated source and a small consumer, against the same compilation with the consumer alone.
/// The compiler here is the Roslyn the generator builds against, run in-process; a build's compiler server is newer
/// and warm, so the numbers are a guide (benchmarks/README.md has a measured build for comparison).
/// </summary>
[Config(typeof(BuildConfig))]
public class CompilerBenchmarks
{
    private const string Consumer = """
        namespace Consumer;

        public static class Caller
        {
            public static int Code(string command) => command.Length;
        }
        """;

    private string _generated = string.Empty;

    /// <summary>Not 100,000: that compilation alone takes tens of minutes and over 10 GB (benchmarks/README.md).</summary>
    [Params(1_000, 10_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var set = SyntheticRuleSetBuilder.Build(Policy.First, Rules);
        _generated = InProcessGenerator.Run(InProcessGenerator.RuleFile(set.FileName, RuleFileYaml.Write(set)), InProcessGenerator.EmptyCompilation());
    }

    /// <summary>The consumer alone: the fixed cost of a compilation with these references.</summary>
    [Benchmark(Baseline = true)]
    public long CompileConsumerOnly() => InProcessGenerator.Emit(InProcessGenerator.Compilation(Parse(Consumer)));

    /// <summary>The consumer and the generated rule set; returns the assembly's size in bytes.</summary>
    [Benchmark]
    public long CompileWithGeneratedRuleSet() => InProcessGenerator.Emit(InProcessGenerator.Compilation(Parse(Consumer), Parse(_generated)));

    private static SyntaxTree Parse(string text) => CSharpSyntaxTree.ParseText(text, InProcessGenerator.ParseOptions);
}
