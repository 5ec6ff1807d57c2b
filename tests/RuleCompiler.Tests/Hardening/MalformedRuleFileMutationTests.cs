using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using RuleCompiler.Tests.Infrastructure.YamlMutation;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Tests.Hardening;

/// <summary>
/// Seeded node-level mutations of every sample (rules/*.rules.yaml) and feature file: entries and items deleted,
/// duplicated (duplicate keys), swapped with siblings or with nodes anywhere, scalars replaced by values of another
/// kind (numbers, booleans, huge numbers, unknown enum values, empty and long strings, texts hostile to C#), nodes
/// replaced by nodes of another kind, keys misspelt by one letter, characters of scalars and of the text deleted,
/// duplicated and swapped, aliases. Every variant goes through the Roslyn-free compiler (no RC9999, a model exactly
/// when there is no error, every position inside the text; a model is emitted and the C# must parse); every 20th,
/// and about one in ten valid ones, through the real generator with the generated code compiled.
/// RULECOMPILER_FUZZ_MUTATIONS sets the number of variants (default 10,000; e.g. 100000 for a long run) and
/// RULECOMPILER_FUZZ_SEED the seed. A failure prints the seed, the variant's number, its mutations and the whole file.
/// </summary>
public sealed class MalformedRuleFileMutationTests
{
    private const int DefaultSeed = 20_250_611;
    private const int GeneratorEvery = 20;

    // Of the variants checked through RuleFileCompiler that turn out valid, this share also goes through the generator
    // with its code compiled: valid but odd files are where the emitter could write C# that does not compile.
    private const int CompileEveryValid = 10;

    private readonly ITestOutputHelper _output;

    public MalformedRuleFileMutationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_sample_and_feature_file_survives_the_mutators_YAML_round_trip_unchanged_in_meaning()
    {
        foreach (var source in MutationSources.All)
        {
            var text = source.Tree.Clone().ToYaml();
            var compiled = RuleFileCompiler.Compile(text, new BindOptions("Ns", source.Path), CancellationToken.None);

            compiled.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty($"{source.Path} after the round trip:\n{text}");
            compiled.Model.ShouldNotBeNull();
            compiled.Model.Rules.Count.ShouldBe(source.RuleCount, source.Path);
        }
    }

    [Fact]
    public void Seeded_mutations_of_the_samples_and_feature_files_compile_or_report_a_located_RC_error_and_never_crash()
    {
        var total = Setting("RULECOMPILER_FUZZ_MUTATIONS", 10_000);
        var seed = Setting("RULECOMPILER_FUZZ_SEED", DefaultSeed);
        var stats = new MutationStats();
        var failures = new Dictionary<string, (int Count, int First, string Message)>(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();

        Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            var started = Stopwatch.GetTimestamp();
            var variant = MutationSources.Variant(seed, index);
            var viaGenerator = index % GeneratorEvery == 0;
            var outcome = viaGenerator
                ? RuleFileChecks.ThroughGenerator(variant.Path, variant.Text, bytes: null)
                : RuleFileChecks.ThroughCompiler(variant.Path, variant.Text);
            if (!viaGenerator && outcome.Generated && outcome.Problems.Count == 0 && index % CompileEveryValid == 1)
            {
                viaGenerator = true;
                outcome = RuleFileChecks.ThroughGenerator(variant.Path, variant.Text, bytes: null);
            }

            stats.Record(variant, outcome, viaGenerator, Stopwatch.GetElapsedTime(started));
            if (outcome.Problems.Count > 0)
            {
                var message = $"Mutated rule file (RULECOMPILER_FUZZ_SEED={seed}, variant {index} of {total}) from {variant.Source}, checked through "
                    + $"{(viaGenerator ? "the generator" : "RuleFileCompiler")}.\nMutations: {variant.Description}\n"
                    + RuleFileChecks.Report(variant.Path, outcome) + "\n--- mutated file ---\n" + variant.Text + "\n--- end of mutated file ---";
                var kind = ProblemKind(outcome.Problems[0]);
                lock (failures)
                {
                    // Per kind of problem: how often, and the whole report of its first variant.
                    var (count, first, firstMessage) = failures.GetValueOrDefault(kind, (0, int.MaxValue, string.Empty));
                    failures[kind] = index < first ? (count + 1, index, message) : (count + 1, first, firstMessage);
                }
            }
        });

        _output.WriteLine($"seed {seed}: {stats.Summary(stopwatch.Elapsed)}");
        if (failures.Count > 0)
        {
            var kinds = failures.OrderBy(f => f.Value.First).ToList();
            var report = new StringBuilder($"{kinds.Sum(k => k.Value.Count)} of {total} mutated variants broke the rules (seed {seed}), {kinds.Count} kinds of problem:\n");
            foreach (var (kind, (count, first, _)) in kinds)
            {
                report.AppendLine($"  {count} x {kind} (first: variant {first})");
            }

            foreach (var (_, (_, _, message)) in kinds.Take(5))
            {
                report.AppendLine().AppendLine(message);
            }

            _output.WriteLine(report.ToString());
            throw new Xunit.Sdk.XunitException(report.ToString());
        }

        stats.Variants.ShouldBe(total);
        stats.ViaGenerator.ShouldBeGreaterThanOrEqualTo(total / GeneratorEvery);
        stats.Generated.ShouldBeGreaterThan(0, "some variants must be valid, or the emitter is never exercised");
        stats.Rejected.ShouldBeGreaterThan(0);
        stats.CompiledCSharp.ShouldBeGreaterThan(0, "some variants through the generator must generate code that is then compiled");
    }

    // A problem's kind: its first two lines (what, and the first compiler error if any) without positions, numbers
    // (but diagnostic ids) and quoted texts.
    private static string ProblemKind(string problem)
    {
        var line = string.Join(" ", problem.Split('\n').Take(2).Select(l => l.Trim()));
        line = System.Text.RegularExpressions.Regex.Replace(line, "\\([0-9]+,[0-9]+\\)|(?<![A-Z0-9])[0-9]+|'[^']*'|\"[^\"]*\"|\\S*\\.g\\.cs", "#");
        return line.Length > 200 ? line.Substring(0, 200) : line;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
