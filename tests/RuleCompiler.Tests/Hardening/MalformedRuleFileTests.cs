using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RuleCompiler.Generator.Emit;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Tests.Hardening;

/// <summary>
/// A corpus of malformed rule files, each through the real generator: truncated YAML, wrong node kinds everywhere,
/// misspelt keys, huge numbers, unknown enum values, duplicate keys, tabs, byte order marks, invalid UTF-8, empty
/// files, and names or texts that are valid but odd for the emitter. For every file no exception escapes (no CS8785,
/// AD0001 or RC9999) and either code is generated, with no RC error, and compiles, or at least one RC error is
/// reported, every RC diagnostic at a real position of that file.
/// </summary>
public sealed class MalformedRuleFileTests
{
    public static IEnumerable<object[]> Cases => MalformedCorpus.Cases.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_rule_file_generates_compiling_code_or_reports_an_RC_error_at_a_real_position_and_never_throws(string name)
    {
        var malformed = MalformedCorpus.Cases[name];

        var outcome = RuleFileChecks.ThroughGenerator(malformed.Path, malformed.Text, malformed.Bytes);

        outcome.Problems.ShouldBeEmpty(RuleFileChecks.Report(name, outcome));
        if (malformed.MustGenerate)
        {
            outcome.Generated.ShouldBeTrue(RuleFileChecks.Report(name + ": a valid file must generate", outcome));
        }
    }

    [Fact]
    public void The_corpus_holds_every_kind_of_malformed_file()
    {
        var kinds = MalformedCorpus.Cases.Keys.Select(name => name.Substring(0, name.IndexOf(':'))).ToHashSet();

        kinds.ShouldBe(
            new[]
            {
                "truncated", "wrong types", "misspelt keys", "misspelt key", "huge number", "unknown enum value",
                "duplicate key", "tab", "BOM", "invalid UTF-8", "empty", "odd but valid",
            },
            ignoreOrder: true);
        MalformedCorpus.Cases.Keys.Count(name => name.StartsWith("truncated: ", StringComparison.Ordinal))
            .ShouldBeGreaterThanOrEqualTo(20 * SampleFiles.Names.Count());
    }
}

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

/// <summary>What checking one rule file found: whether code came out, the RC errors, and every rule it broke.</summary>
internal sealed record RuleFileCheckOutcome(bool Generated, IReadOnlyList<string> Diagnostics, IReadOnlyList<string> Problems, bool CompiledCSharp)
{
    public IEnumerable<string> ErrorIds => Diagnostics.Where(d => d.Contains(" error ", StringComparison.Ordinal)).Select(d => d.Split(' ')[0]);
}

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
            run = GeneratorHarness.Run(new RuleFile(path, text!));
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

/// <summary>One named malformed file: a text, or bytes a build decodes; <see cref="MustGenerate"/> for the valid ones.</summary>
internal sealed record MalformedFile(string Path, string? Text, byte[]? Bytes, bool MustGenerate = false);

/// <summary>The corpus: every case named "kind: what", built from the samples, the feature files and a small template.</summary>
internal static class MalformedCorpus
{
    // Every type, a default, two rules: the template the hand-written cases change one thing of.
    private const string Template = """
        ruleset: Odd
        inputs:
          name: string
          count: int
          total: long
          price: decimal
          ratio: double
          flag: bool
          level: { enum: [low, mid, high] }
          tags: string-list
        outputs:
          label: string
          score: int
          big: long
          amount: decimal
          weight: double
          ok: bool
          grade: { enum: [none, bronze, gold] }
        default: { label: none, score: 0, big: 0, amount: 0, weight: 0, ok: false, grade: none }
        rules:
          - id: first
            when: { name: x, count: 1 }
            then: { label: first, score: 1, big: 1, amount: 1, weight: 1, ok: true, grade: gold }
          - id: second
            then: { label: second, score: 2, big: 2, amount: 2, weight: 2, ok: false, grade: bronze }

        """;

    private const string FirstWhen = "when: { name: x, count: 1 }";
    private const string FirstThen = "then: { label: first, score: 1, big: 1, amount: 1, weight: 1, ok: true, grade: gold }";

    private static readonly string[] s_hugeNumbers =
    {
        "99999999999999999999", "-99999999999999999999", "2147483648", "9223372036854775808", "79228162514264337593543950336",
        "1e400", "-1e400", "1e-400", "0.00000000000000000000000000001", "1.7976931348623159e308", "4.9e-324", "1" + new string('0', 5000),
    };

    // The feature files whose every key is misspelt in turn: between them they use every key of the language but
    // 'namespace', which the samples have (misspelt with all their keys at once).
    private static readonly string[] s_keyByKeyFiles =
    {
        "types.rules.yaml", "combinators.rules.yaml", "strings.rules.yaml", "lists.rules.yaml", "numbers.rules.yaml",
        "priority.rules.yaml", "aggregate-count.rules.yaml", "collect.rules.yaml",
    };

    private static readonly Lazy<SortedDictionary<string, MalformedFile>> s_cases = new(Build);

    public static IReadOnlyDictionary<string, MalformedFile> Cases => s_cases.Value;

    private static string Lf(string text) => text.Replace("\r\n", "\n");

    private static SortedDictionary<string, MalformedFile> Build()
    {
        var cases = new SortedDictionary<string, MalformedFile>(StringComparer.Ordinal);
        void Add(string name, MalformedFile file)
        {
            if (!cases.TryAdd(name, file))
            {
                throw new InvalidOperationException("two corpus cases named " + name);
            }
        }

        var samples = SampleFiles.Names.Select(SampleFiles.Load).ToList();
        var features = FeatureFiles.Names.Select(FeatureFiles.Load).ToList();
        var all = samples.Concat(features).ToList();
        var template = Lf(Template);

        // Truncated: each sample cut at 20 places, half of them mid-line, half at a line end; features at 5.
        foreach (var file in all)
        {
            var text = Lf(file.Text);
            var cuts = file.Path.StartsWith("rules/", StringComparison.Ordinal) ? 20 : 5;
            for (var k = 1; k <= cuts; k++)
            {
                var at = (int)((long)text.Length * k / (cuts + 1));
                if (k % 2 == 0 && text.IndexOf('\n', at) is var end and >= 0)
                {
                    at = end + 1;
                }

                Add($"truncated: {Name(file)} after {at} of {text.Length} characters", new MalformedFile(file.Path, text.Substring(0, at), null));
            }
        }

        Add("truncated: an unclosed flow sequence and no final line break", new MalformedFile("rules/odd.rules.yaml", "ruleset: [", null));
        Add("truncated: an unclosed flow mapping at the end of a rule and no final line break", new MalformedFile("rules/odd.rules.yaml", template.TrimEnd('\n').TrimEnd('}'), null));
        Add("truncated: an unclosed quote and no final line break", new MalformedFile("rules/odd.rules.yaml", template + "description: \"never closed", null));

        // Wrong types everywhere: every scalar, mapping or sequence of a file replaced by another kind of node.
        foreach (var file in all)
        {
            var tree = YTree.Parse(file.Text);
            Add($"wrong types: {Name(file)} with every scalar value a mapping", Derived(file, tree, root => YTree.MapValues(root, YTree.ScalarsToMappings)));
            Add($"wrong types: {Name(file)} with every scalar value a sequence", Derived(file, tree, root => YTree.MapValues(root, YTree.ScalarsToSequences)));
            Add($"wrong types: {Name(file)} with every mapping a sequence of its values", Derived(file, tree, root => YTree.MapValues(root, YTree.MappingsToSequences)));
            Add($"wrong types: {Name(file)} with every sequence a mapping", Derived(file, tree, root => YTree.MapValues(root, YTree.SequencesToMappings)));
        }

        {
            // One scalar at a time, in the file that uses every type.
            var file = features.Single(f => f.Path.EndsWith("/types.rules.yaml", StringComparison.Ordinal));
            var tree = YTree.Parse(file.Text);
            var count = YTree.Slots(tree).Count(s => !s.IsKey && s.Node.Kind == YKind.Scalar);
            for (var i = 0; i < count; i++)
            {
                var copy = tree.Clone();
                var slot = YTree.Slots(copy).Where(s => !s.IsKey && s.Node.Kind == YKind.Scalar).ElementAt(i);
                slot.Replace(YNode.Mapping(true, new YEntry(YNode.Scalar("value"), slot.Node)));
                Add($"wrong types: {Name(file)} with {slot.Path} a mapping", new MalformedFile(file.Path, copy.ToYaml(), null));
            }
        }

        // Every key misspelt: all at once in every file, and one at a time in the files that use every key.
        foreach (var file in all)
        {
            Add($"misspelt keys: {Name(file)} with every key misspelt", Derived(file, YTree.Parse(file.Text), root =>
            {
                foreach (var slot in YTree.Slots(root).Where(s => s.IsKey).ToList())
                {
                    slot.Node.Value = Misspell(slot.Node.Value);
                }

                return root;
            }));
        }

        foreach (var file in features.Where(f => s_keyByKeyFiles.Contains(Name(f))))
        {
            var tree = YTree.Parse(file.Text);
            var count = YTree.Slots(tree).Count(s => s.IsKey);
            for (var i = 0; i < count; i++)
            {
                var copy = tree.Clone();
                var slot = YTree.Slots(copy).Where(s => s.IsKey).ElementAt(i);
                var original = slot.Node.Value;
                slot.Node.Value = Misspell(original);
                Add($"misspelt key: {Name(file)} {slot.Path} as '{slot.Node.Value}'", new MalformedFile(file.Path, copy.ToYaml(), null));
            }
        }

        // Huge numbers, for each numeric type, in a test, a range, an output and a test input.
        foreach (var (input, output) in new[] { ("count", "score"), ("total", "big"), ("price", "amount"), ("ratio", "weight") })
        {
            foreach (var number in s_hugeNumbers)
            {
                var shown = number.Length > 40 ? $"1 followed by {number.Length - 1} zeros" : number;
                Add($"huge number: {shown} as {input} in a test", Odd(template, FirstWhen, $"when: {{ {input}: {number} }}"));
                Add($"huge number: {shown} as {input} in a range", Odd(template, FirstWhen, $"when: {{ {input}: {{ between: [0, {number}] }} }}"));
                Add($"huge number: {shown} as output {output}", Odd(template, FirstThen, FirstThen.Replace($"{output}: 1,", $"{output}: {number},")));
                Add($"huge number: {shown} as {input} in a test case input", new MalformedFile("rules/odd.rules.yaml", template + $"tests:\n  - input: {{ {input}: {number} }}\n    rule: second\n", null));
            }

            Add($"huge number: {input} between the extremes of its type", Odd(template, FirstWhen, input switch
            {
                "count" => "when: { count: { between: [-2147483648, 2147483647] } }",
                "total" => "when: { total: { between: [-9223372036854775808, 9223372036854775807] } }",
                "price" => "when: { price: { between: [-79228162514264337593543950335, 79228162514264337593543950335] } }",
                _ => "when: { ratio: { between: [-.inf, .inf] } }",
            }));
        }

        foreach (var number in s_hugeNumbers.Take(6).Append("-9223372036854775808").Append("9223372036854775807"))
        {
            Add($"huge number: {number} as a priority", new MalformedFile("rules/odd.rules.yaml", template.Replace("ruleset: Odd\n", "ruleset: Odd\nhit: priority\n").Replace("  - id: first\n", $"  - id: first\n    priority: {number}\n"), null));
        }

        Add("huge number: a scalar longer than the limit as a string", Odd(template, "when: { name: x, count: 1 }", $"when: {{ name: {new string('x', 64 * 1024 + 1)} }}"));
        Add("huge number: 100 rules with priority 9223372036854775807", new MalformedFile(
            "rules/odd.rules.yaml",
            template.Replace("ruleset: Odd\n", "ruleset: Odd\nhit: priority\n") + string.Concat(Enumerable.Range(0, 100).Select(i =>
                $"  - {{ id: p{i}, priority: {(i % 2 == 0 ? "9223372036854775807" : "-9223372036854775808")}, when: {{ count: {i} }}, then: {{ label: p, score: {i}, big: 0, amount: 0, weight: 0, ok: true, grade: none }} }}\n")),
            null));

        // Unknown enum values and other values no list of names allows.
        foreach (var (what, from, to) in new[]
        {
            ("in an eq test", FirstWhen, "when: { level: urgent }"),
            ("in an in test", FirstWhen, "when: { level: [low, urgent] }"),
            ("in a ne test", FirstWhen, "when: { level: { ne: urgent } }"),
            ("in a not-in test", FirstWhen, "when: { level: { not-in: [urgent, high] } }"),
            ("in an empty in test", FirstWhen, "when: { level: { in: [] } }"),
            ("spelt in another case", FirstWhen, "when: { level: LOW }"),
            ("as a number", FirstWhen, "when: { level: 1 }"),
            ("as an empty string", FirstWhen, "when: { level: \"\" }"),
            ("as null", FirstWhen, "when: { level: ~ }"),
            ("as true", FirstWhen, "when: { level: true }"),
            ("as an output", FirstThen, FirstThen.Replace("grade: gold", "grade: platinum")),
            ("as an output spelt in another case", FirstThen, FirstThen.Replace("grade: gold", "grade: Gold")),
            ("as an output number", FirstThen, FirstThen.Replace("grade: gold", "grade: 2")),
            ("as an output null", FirstThen, FirstThen.Replace("grade: gold", "grade: ~")),
            ("in the default", "grade: none }", "grade: platinum }"),
            ("as a hit policy", "ruleset: Odd\n", "ruleset: Odd\nhit: most-recent\n"),
            ("as a hit policy spelt in another case", "ruleset: Odd\n", "ruleset: Odd\nhit: First\n"),
            ("as a hit policy sequence", "ruleset: Odd\n", "ruleset: Odd\nhit: [first]\n"),
            ("as an aggregate", "ruleset: Odd\n", "ruleset: Odd\nhit: collect\naggregate: median\n"),
            ("as an aggregate without collect", "ruleset: Odd\n", "ruleset: Odd\naggregate: sum\n"),
            ("as a type", "  name: string\n", "  name: text\n"),
            ("as a type in the long form", "  name: string\n", "  name: { type: varchar }\n"),
            ("as an empty enum", "level: { enum: [low, mid, high] }", "level: { enum: [] }"),
            ("as a repeated enum value", "level: { enum: [low, mid, high] }", "level: { enum: [low, mid, low] }"),
            ("as an enum that is a scalar", "level: { enum: [low, mid, high] }", "level: { enum: low }"),
            ("as an enum holding a mapping", "level: { enum: [low, mid, high] }", "level: { enum: [low, { mid: 1 }, high] }"),
            ("as enum values with one C# name", "level: { enum: [low, mid, high] }", "level: { enum: [read-only, read_only, readOnly] }"),
            ("as enum values that are numbers", "level: { enum: [low, mid, high] }", "level: { enum: [1, 2, 3] }"),
            ("as enum values that are empty", "level: { enum: [low, mid, high] }", "level: { enum: [\"\", low] }"),
            ("as an enum type keyword", "level: { enum: [low, mid, high] }", "level: { type: enum }"),
        })
        {
            Add($"unknown enum value: {what}", Odd(template, from, to));
        }

        Add("unknown enum value: in a test case input", new MalformedFile("rules/odd.rules.yaml", template + "tests:\n  - input: { level: urgent }\n    rule: second\n", null));
        Add("unknown enum value: in a test case expectation", new MalformedFile("rules/odd.rules.yaml", template + "tests:\n  - input: {}\n    expect: { grade: platinum }\n", null));
        Add("unknown enum value: output-priority over a string output", Odd(template, "ruleset: Odd\n", "ruleset: Odd\nhit: output-priority\n"));

        // Duplicate keys: at every level, block and flow, equal and different values, through an alias, a merge key.
        foreach (var (what, from, to) in new[]
        {
            ("ruleset twice with one value", "ruleset: Odd\n", "ruleset: Odd\nruleset: Odd\n"),
            ("ruleset twice with two values", "ruleset: Odd\n", "ruleset: Odd\nruleset: Even\n"),
            ("rules twice", "rules:\n", "rules: []\nrules:\n"),
            ("an input twice", "  count: int\n", "  count: int\n  count: long\n"),
            ("an input once quoted", "  count: int\n", "  count: int\n  \"count\": int\n"),
            ("a field in a test", FirstWhen, "when: { name: x, name: y }"),
            ("an operator in a test", FirstWhen, "when: { count: { gt: 1, gt: 2 } }"),
            ("an output", FirstThen, FirstThen.Replace("score: 1,", "score: 1, score: 2,")),
            ("a rule id", "  - id: first\n", "  - id: first\n    id: again\n"),
            ("the type of a long-form field", "  total: long\n", "  total: { type: long, type: int }\n"),
            ("a default value", "default: { label: none,", "default: { label: none, label: none,"),
            ("through an alias", FirstWhen, "when: { &field name: x, *field : y }"),
            ("through a merge key", FirstThen, "then: &t { label: first, score: 1, big: 1, amount: 1, weight: 1, ok: true, grade: gold }\n  - id: third\n    then: { <<: *t, label: third }"),
            ("in an enum", "level: { enum: [low, mid, high] }", "level: { enum: [low, mid, high], enum: [low] }"),
        })
        {
            Add($"duplicate key: {what}", Odd(template, from, to));
        }

        Add("duplicate key: a test case input twice", new MalformedFile("rules/odd.rules.yaml", template + "tests:\n  - input: { count: 1 }\n    input: { count: 2 }\n    rule: second\n", null));

        // Tabs: as indentation (an error), and where YAML allows them (separators, inside scalars and flow collections).
        foreach (var (what, from, to) in new[]
        {
            ("indenting a rule", "  - id: first\n    when:", "  - id: first\n\twhen:"),
            ("indenting a sequence item", "  - id: second\n", "\t- id: second\n"),
            ("after spaces in an indentation", "    then: { label: second", "  \t  then: { label: second"),
            ("after a key's colon", "ruleset: Odd\n", "ruleset:\tOdd\n"),
            ("after a sequence dash", "  - id: second\n", "  -\tid: second\n"),
            ("inside a flow mapping", FirstWhen, "when: {\tname: x,\tcount:\t1\t}"),
            ("inside a plain scalar", FirstThen, FirstThen.Replace("label: first", "label: fi\trst")),
            ("escaped in a quoted scalar", FirstThen, FirstThen.Replace("label: first", "label: \"fi\\trst\"")),
            ("as a whole line", "outputs:\n", "\t\noutputs:\n"),
            ("at line ends", "rules:\n", "rules:\t\t\n"),
            ("before a comment", "ruleset: Odd\n", "ruleset: Odd\t# the name\n"),
            ("indenting a folded description", "ruleset: Odd\n", "ruleset: Odd\ndescription: >\n  one\n\ttwo\n"),
            ("indenting a literal description", "ruleset: Odd\n", "ruleset: Odd\ndescription: |\n  one\n  \ttwo\n"),
        })
        {
            Add($"tab: {what}", Odd(template, from, to));
        }

        foreach (var file in samples.Take(2))
        {
            Add($"tab: {Name(file)} indented with tabs", new MalformedFile(file.Path, string.Join("\n", Lf(file.Text).Split('\n').Select(line => line.StartsWith("  ", StringComparison.Ordinal) ? "\t" + line.Substring(2) : line)), null));
        }

        // BOM: a file saved as UTF-8 with a BOM is valid and must generate; BOMs elsewhere must not crash.
        // (GeneratorRobustnessTests covers a BOM in the text of every sample; the regex-heavy ones are left out here.)
        foreach (var file in all.Where(f => CountOf(f.Text, "regex:") <= 1))
        {
            Add($"BOM: {Name(file)} saved as UTF-8 with a BOM", new MalformedFile(file.Path, null, Utf8Bom(file.Text), MustGenerate: true));
        }

        Add("BOM: UTF-8 with a BOM and CRLF line ends", new MalformedFile("rules/odd.rules.yaml", null, Utf8Bom(template.Replace("\n", "\r\n")), MustGenerate: true));
        Add("BOM: before a document start marker", new MalformedFile("rules/odd.rules.yaml", null, Utf8Bom("---\n" + template), MustGenerate: true));
        Add("BOM: saved as UTF-16 with a BOM", new MalformedFile("rules/odd.rules.yaml", null, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(template)).ToArray()));
        Add("BOM: two BOMs", new MalformedFile("rules/odd.rules.yaml", null, Utf8Bom("\uFEFF" + template)));
        Add("BOM: at the start of a line in the middle", Odd(template, "outputs:\n", "\uFEFFoutputs:\n"));
        Add("BOM: inside a key", Odd(template, "  count: int\n", "  co\uFEFFunt: int\n"));
        Add("BOM: inside a string literal", Odd(template, FirstThen, FirstThen.Replace("label: first", "label: \"fi\uFEFFrst\"")));
        Add("BOM: only a BOM", new MalformedFile("rules/odd.rules.yaml", null, Encoding.UTF8.GetPreamble()));

        // Invalid UTF-8: bytes no UTF-8 decoder accepts, at the start, in a comment, a key, a value, a string, the end.
        var templateBytes = Encoding.UTF8.GetBytes(template);
        foreach (var (what, bytes) in new[]
        {
            ("a lone continuation byte at the start", Bytes(new byte[] { 0x80 }, templateBytes)),
            ("0xFF 0xFE at the start (a UTF-16 BOM before UTF-8 text)", Bytes(new byte[] { 0xFF, 0xFE }, templateBytes)),
            ("in a comment", Bytes(Encoding.UTF8.GetBytes("# broken: "), new byte[] { 0xC3, 0x28, 0xA0, 0xA1 }, Encoding.UTF8.GetBytes("\n"), templateBytes)),
            ("in the rule set name", Replace(templateBytes, "ruleset: Odd", Bytes(Encoding.UTF8.GetBytes("ruleset: O"), new byte[] { 0xFF }, Encoding.UTF8.GetBytes("dd")))),
            ("in a key", Replace(templateBytes, "  count: int", Bytes(Encoding.UTF8.GetBytes("  co"), new byte[] { 0xC0, 0xAF }, Encoding.UTF8.GetBytes("unt: int")))),
            ("in a plain string value", Replace(templateBytes, "label: first", Bytes(Encoding.UTF8.GetBytes("label: fi"), new byte[] { 0xED, 0xA0, 0x80 }, Encoding.UTF8.GetBytes("rst")))),
            ("in a quoted string value", Replace(templateBytes, "label: first", Bytes(Encoding.UTF8.GetBytes("label: \"fi"), new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, Encoding.UTF8.GetBytes("rst\"")))),
            ("in an enum value", Replace(templateBytes, "grade: gold }", Bytes(Encoding.UTF8.GetBytes("grade: go"), new byte[] { 0xF5, 0x80 }, Encoding.UTF8.GetBytes("ld }")))),
            ("a truncated sequence at the end", Bytes(templateBytes, new byte[] { 0xE2, 0x82 })),
            ("a NUL byte in a key", Replace(templateBytes, "  count: int", Bytes(Encoding.UTF8.GetBytes("  co"), new byte[] { 0x00 }, Encoding.UTF8.GetBytes("unt: int")))),
            ("a NUL byte in a string value", Replace(templateBytes, "label: first", Bytes(Encoding.UTF8.GetBytes("label: \"fi"), new byte[] { 0x00 }, Encoding.UTF8.GetBytes("rst\"")))),
            ("bytes of a sample flipped at 16 places", Splatter(Encoding.UTF8.GetBytes(samples[0].Text), seed: 7, count: 16)),
            ("every byte of a feature file with its high bit set", Encoding.UTF8.GetBytes(features[0].Text).Select(b => (byte)(b | 0x80)).ToArray()),
        })
        {
            Add($"invalid UTF-8: {what}", new MalformedFile("rules/odd.rules.yaml", null, bytes));
        }

        // Empty: no bytes at all, and documents with nothing in them.
        Add("empty: a file of no bytes", new MalformedFile("rules/empty.rules.yaml", null, Array.Empty<byte>()));
        foreach (var (what, text) in new[]
        {
            ("only line ends", "\n\n\n"), ("only CR line ends", "\r\r"), ("a document start marker", "---\n"), ("a document end marker", "...\n"),
            ("an empty document between markers", "---\n...\n"), ("a null", "~\n"), ("null spelt out", "null\n"), ("an empty mapping", "{}\n"),
            ("an empty sequence", "[]\n"), ("an empty quoted string", "''\n"), ("a directive and no document", "%YAML 1.2\n---\n"),
            ("a mapping of nulls", "ruleset:\ninputs:\noutputs:\nrules:\n"), ("a NUL character", "\0"),
        })
        {
            Add($"empty: {what}", new MalformedFile("rules/empty.rules.yaml", text, null));
        }

        // Odd but valid: names and texts the emitter must escape or the binder must refuse, never uncompilable C#.
        foreach (var (what, from, to) in new[]
        {
            ("a description with a line separator escape", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"before\\Lafter\"\n"),
            ("a description with a paragraph separator escape", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"before\\Pafter\"\n"),
            ("a description with a next-line escape", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"before\\Nafter\"\n"),
            ("a description closing the XML doc", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"</summary> <see cref=\\\"x\\\"/> & */ {0}\"\n"),
            ("a description over several lines", "ruleset: Odd\n", "ruleset: Odd\ndescription: |\n  line one\n  line two\r\n  line three\n"),
            ("an output description with a line separator", "  score: int\n", "  score: { type: int, description: \"a\\Lb\" }\n"),
            ("an input description with a line separator", "  count: int\n", "  count: { type: int, description: \"a\\Lb\" }\n"),
            ("a rule description with a line separator", "  - id: second\n", "  - id: second\n    description: \"a\\Lb\"\n"),
            ("string literals with every escape", FirstThen, FirstThen.Replace("label: first", "label: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\\"\\/\\\\\\N\\_\\L\\P\\x7F\\u00e9\\U0001F600 {0} */\"")),
            ("a string literal with a lone surrogate", FirstThen, FirstThen.Replace("label: first", "label: \"\\uD800\"")),
            ("a test with a line separator", FirstWhen, "when: { name: \"a\\Lb\", count: 1 }"),
            ("a regex with quotes, backslashes and a line separator", FirstWhen, "when: { name: { regex: \"^\\\"\\\\d+\\L$\" } }"),
            ("a glob with quotes and backslashes", FirstWhen, "when: { name: { glob: \"\\\"*\\\\?\\\\*\" } }"),
            ("a rule set named Evaluate", "ruleset: Odd\n", "ruleset: Evaluate\n"),
            ("a rule set named Rules", "ruleset: Odd\n", "ruleset: Rules\n"),
            ("a rule set named Node0", "ruleset: Odd\n", "ruleset: Node0\n"),
            ("a rule set named __arglist", "ruleset: Odd\n", "ruleset: __arglist\n"),
            ("a rule set named record", "ruleset: Odd\n", "ruleset: record\n"),
            ("a rule set named required", "ruleset: Odd\n", "ruleset: required\n"),
            ("a rule set named file", "ruleset: Odd\n", "ruleset: file\n"),
            ("a rule set named scoped", "ruleset: Odd\n", "ruleset: scoped\n"),
            ("a rule set named var", "ruleset: Odd\n", "ruleset: var\n"),
            ("a rule set named _", "ruleset: Odd\n", "ruleset: _\n"),
            ("a rule set named System", "ruleset: Odd\n", "ruleset: System\n"),
            ("a rule set named RuleCompiler", "ruleset: Odd\n", "ruleset: RuleCompiler\n"),
            ("a rule set named like its namespace", "ruleset: Odd\n", "ruleset: Odd\nnamespace: Odd\n"),
            ("a namespace named System", "ruleset: Odd\n", "ruleset: Odd\nnamespace: System\n"),
            ("a namespace named global", "ruleset: Odd\n", "ruleset: Odd\nnamespace: global\n"),
            ("a namespace named __arglist", "ruleset: Odd\n", "ruleset: Odd\nnamespace: __arglist\n"),
            ("a namespace part named like the input type", "ruleset: Odd\n", "ruleset: Odd\nnamespace: A.OddInput\n"),
            ("fields of one letter in two cases", "  name: string\n", "  name: string\n  a: int\n  A: int\n"),
            ("a field named like the rule set", "  name: string\n", "  name: string\n  odd: int\n"),
            ("a field named like the input type", "  name: string\n", "  name: string\n  odd-input: int\n"),
            ("an enum field named like the output type", "  name: string\n", "  name: string\n  output: { enum: [a, b] }\n"),
            ("an enum value that is a C# keyword", "level: { enum: [low, mid, high] }", "level: { enum: [class, static, value__] }"),
            ("an enum value named like the enum", "level: { enum: [low, mid, high] }", "level: { enum: [low, odd-level, level] }"),
            ("a rule id that is long", "  - id: second\n", $"  - id: {new string('r', 10_000)}\n"),
            ("a rule set named s_rules", "ruleset: Odd\n", "ruleset: s_rules\n"),
            ("a rule set named s_outputs", "ruleset: Odd\n", "ruleset: s_outputs\n"),
            ("a rule set named s_noMatch", "ruleset: Odd\n", "ruleset: s_noMatch\n"),
            ("a rule set name ending in a line break", "ruleset: Odd\n", "ruleset: \"Odd\\n\"\n"),
            ("a namespace ending in a line break", "ruleset: Odd\n", "ruleset: Odd\nnamespace: \"Acme.Rules\\n\"\n"),
            ("an input name ending in a line break", "  name: string\n", "  name: string\n  \"extra\\n\": int\n"),
            ("an enum value ending in a line break", "level: { enum: [low, mid, high] }", "level: { enum: [low, mid, \"high\\n\"] }"),
            ("a rule id ending in a line break", "  - id: second\n", "  - id: \"second\\n\"\n"),
            ("a rule id from a literal block scalar", "  - id: second\n", "  - id: |\n      second\n"),
            ("a description with a NUL and a Ctrl-Z", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"a\\0b\\x1Ac\"\n"),
            ("an enum description with a line separator", "grade: { enum: [none, bronze, gold] }", "grade: { enum: [none, bronze, gold], description: \"x\\Ly\" }"),
        })
        {
            Add($"odd but valid: {what}", Odd(template, from, to));
        }

        Add("odd but valid: an output name ending in a line break", new MalformedFile("rules/odd.rules.yaml", template
            .Replace("  score: int\n", "  score: int\n  \"extra\\n\": int\n")
            .Replace("grade: none }", "grade: none, \"extra\\n\": 0 }")
            .Replace("grade: gold }", "grade: gold, \"extra\\n\": 1 }")
            .Replace("grade: bronze }", "grade: bronze, \"extra\\n\": 2 }"), null));

        foreach (var name in new[] { "RuleBits", "Matches", "EvaluateAll", "Enumerator" })
        {
            Add($"odd but valid: a collect rule set named {name}", new MalformedFile("rules/odd.rules.yaml", template.Replace("ruleset: Odd\n", $"ruleset: {name}\nhit: collect\n").Replace("default: { label: none, score: 0, big: 0, amount: 0, weight: 0, ok: false, grade: none }\n", string.Empty), null));
        }

        Add("odd but valid: conditions nested to the depth limit", Odd(template, FirstWhen, "when: " + string.Concat(Enumerable.Repeat("{ not: ", 59)) + "{ count: 1 }" + new string('}', 59)));
        Add("odd but valid: an alias expanded in many places", Odd(
            Odd(template, FirstWhen, "when: &w { any: [{ count: 1 }, { name: { prefix: a } }] }").Text!,
            "  - id: second\n",
            "  - id: third\n    when: { all: [*w, *w, { not: *w }] }\n    " + FirstThen + "\n  - id: second\n"));
        return cases;
    }

    private static MalformedFile Odd(string template, string from, string to)
    {
        if (!template.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the template has no '{from}'");
        }

        var index = template.IndexOf(from, StringComparison.Ordinal);
        return new MalformedFile("rules/odd.rules.yaml", template.Substring(0, index) + to + template.Substring(index + from.Length), null);
    }

    private static MalformedFile Derived(RuleFile file, YNode tree, Func<YNode, YNode> change) =>
        new(file.Path, change(tree.Clone()).ToYaml(), null);

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    private static string Name(RuleFile file) => file.Path.Substring(file.Path.LastIndexOf('/') + 1);

    /// <summary>A one-letter typo: the middle letter dropped, or for short keys the last one doubled.</summary>
    public static string Misspell(string key) => key.Length >= 4 ? key.Remove(key.Length / 2, 1) : key + (key.Length > 0 ? key[^1] : 'x');

    private static byte[] Utf8Bom(string text) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Lf(text))).ToArray();

    private static byte[] Bytes(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Replace(byte[] bytes, string from, byte[] to)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var index = Encoding.UTF8.GetByteCount(text.Substring(0, text.IndexOf(from, StringComparison.Ordinal)));
        return Bytes(bytes.Take(index).ToArray(), to, bytes.Skip(index + Encoding.UTF8.GetByteCount(from)).ToArray());
    }

    private static byte[] Splatter(byte[] bytes, int seed, int count)
    {
        var random = new Random(seed);
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < count; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(0x80, 0x100);
        }

        return copy;
    }
}

/// <summary>A sample or feature file ready to be mutated: its YAML tree and how many rules it has.</summary>
internal sealed record MutationSource(string Path, string Name, YNode Tree, int RuleCount, double Weight, double FullFileChance);

/// <summary>One mutated file: the file it came from, how it was changed, and its text.</summary>
internal sealed record MutatedFile(string Source, string Path, string Description, string Text);

/// <summary>The files the mutator starts from, and the seeded derivation of variant number i.</summary>
internal static class MutationSources
{
    // Rule sets with more rules than this are usually mutated as a window of their rules (tests kept when they
    // name kept rules only): regex validation dominates compile time, and big files would eat the CI budget.
    private const int MaxWindow = 16;

    private static readonly Lazy<IReadOnlyList<MutationSource>> s_all = new(Load);

    public static IReadOnlyList<MutationSource> All => s_all.Value;

    public static MutatedFile Variant(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) ^ (index * 7_919) ^ 0x5bd1e995));
        var source = Pick(random);
        var tree = source.Tree.Clone();
        var mutator = new YamlMutator(random);
        if (source.RuleCount > MaxWindow && random.NextDouble() >= source.FullFileChance)
        {
            mutator.KeepWindowOfRules(tree, MaxWindow);
        }

        var mutations = random.NextDouble() switch
        {
            < 0.55 => 1,
            < 0.80 => 2,
            < 0.92 => 3,
            _ => random.Next(4, 9),
        };
        for (var i = 0; i < mutations; i++)
        {
            mutator.Mutate(tree);
        }

        string text;
        try
        {
            text = tree.ToYaml();
        }
        catch (YamlException exception)
        {
            // A tree YamlDotNet cannot write (it refuses some characters): mutate the original text instead.
            mutator.Log("(YamlDotNet could not write the tree: " + exception.Message + "; text-level edits of the original instead)");
            text = source.Tree.Clone().ToYaml();
            text = mutator.EditText(text);
        }

        if (random.NextDouble() < 0.08)
        {
            text = mutator.EditText(text);
        }

        return new MutatedFile(source.Name, source.Path, mutator.Description, text);
    }

    private static MutationSource Pick(Random random)
    {
        var total = All.Sum(s => s.Weight);
        var roll = random.NextDouble() * total;
        foreach (var source in All)
        {
            roll -= source.Weight;
            if (roll < 0)
            {
                return source;
            }
        }

        return All[^1];
    }

    private static IReadOnlyList<MutationSource> Load()
    {
        var files = SampleFiles.Names.Select(SampleFiles.Load).Concat(FeatureFiles.Names.Select(FeatureFiles.Load));
        return files.Select(file =>
        {
            var tree = YTree.Parse(file.Text);
            var rules = tree.Entries.FirstOrDefault(e => e.Key.Value == "rules")?.Value.Items.Count ?? 0;
            var regexes = YTree.Slots(tree).Count(s => s.IsKey && s.Node.Value == "regex");

            // Compile time grows with the regexes (each is built with the non-backtracking engine to validate it, and
            // again for the file's test cases): regex-heavy files are drawn less often and rarely whole.
            var weight = 1.0 / (1.0 + (regexes / 2.0));
            var fullFileChance = regexes > 10 ? 0.01 : 0.1;
            return new MutationSource(file.Path, file.Path.Substring(file.Path.LastIndexOf('/') + 1), tree, rules, weight, fullFileChance);
        }).ToList();
    }
}

/// <summary>Counts what the mutated variants did, for the test's output.</summary>
internal sealed class MutationStats
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (int Count, double Milliseconds)> _perSource = new(StringComparer.Ordinal);
    private readonly TimeSpan _processorTimeAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private double _compilerMilliseconds;
    private (double Milliseconds, string What) _slowest;
    private double _generatorMilliseconds;
    private readonly Dictionary<string, int> _errorIds = new(StringComparer.Ordinal);

    public int Variants { get; private set; }

    public int ViaGenerator { get; private set; }

    public int Generated { get; private set; }

    public int Rejected { get; private set; }

    public int CompiledCSharp { get; private set; }

    public void Record(MutatedFile variant, RuleFileCheckOutcome outcome, bool viaGenerator, TimeSpan elapsed)
    {
        lock (_gate)
        {
            Variants++;
            ViaGenerator += viaGenerator ? 1 : 0;
            Generated += outcome.Generated ? 1 : 0;
            Rejected += outcome.Generated ? 0 : 1;
            CompiledCSharp += outcome.CompiledCSharp ? 1 : 0;
            _compilerMilliseconds += viaGenerator ? 0 : elapsed.TotalMilliseconds;
            if (elapsed.TotalMilliseconds > _slowest.Milliseconds)
            {
                _slowest = (elapsed.TotalMilliseconds, $"{variant.Source} ({(viaGenerator ? "generator" : "RuleFileCompiler")}): {variant.Description}");
            }

            _generatorMilliseconds += viaGenerator ? elapsed.TotalMilliseconds : 0;
            var (count, milliseconds) = _perSource.GetValueOrDefault(variant.Source);
            _perSource[variant.Source] = (count + 1, milliseconds + elapsed.TotalMilliseconds);
            foreach (var id in outcome.ErrorIds.Distinct())
            {
                _errorIds[id] = _errorIds.GetValueOrDefault(id) + 1;
            }
        }
    }

    public string Summary(TimeSpan elapsed) =>
        $"{Variants} variants in {elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - _processorTimeAtStart).TotalSeconds:F1} s of processor time in the process; "
        + $"mean {_compilerMilliseconds / Math.Max(1, Variants - ViaGenerator):F1} ms through RuleFileCompiler, {_generatorMilliseconds / Math.Max(1, ViaGenerator):F1} ms through the generator): {Generated} valid (a model or generated code), {Rejected} rejected with an RC error; "
        + $"{ViaGenerator} through the generator, {CompiledCSharp} of them generated code that was compiled.\n"
        + "variants per file (mean ms): " + string.Join(", ", _perSource.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value.Count} ({p.Value.Milliseconds / p.Value.Count:F1})")) + "\n"
        + $"slowest: {_slowest.Milliseconds:F0} ms, {(_slowest.What.Length > 300 ? _slowest.What.Substring(0, 300) : _slowest.What)}\n"
        + "variants per error id: " + string.Join(", ", _errorIds.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
}

internal enum YKind
{
    Scalar,
    Mapping,
    Sequence,
}

/// <summary>A mapping entry of <see cref="YNode"/>; a mapping may hold two entries with one key (a duplicate key).</summary>
internal sealed class YEntry
{
    public YEntry(YNode key, YNode value) => (Key, Value) = (key, value);

    public YNode Key { get; set; }

    public YNode Value { get; set; }
}

/// <summary>
/// A mutable YAML tree, read with YamlDotNet's representation model and written with its emitter. Unlike
/// YamlMappingNode it keeps duplicate keys, and a node referenced twice is written once with an anchor, then as
/// an alias.
/// </summary>
internal sealed class YNode
{
    private YNode(YKind kind) => Kind = kind;

    public YKind Kind { get; }

    public string Value { get; set; } = string.Empty;

    public ScalarStyle Style { get; set; }

    public bool Flow { get; set; }

    public List<YEntry> Entries { get; } = new();

    public List<YNode> Items { get; } = new();

    public static YNode Scalar(string value, ScalarStyle style = ScalarStyle.Any) => new(YKind.Scalar) { Value = value, Style = style };

    public static YNode Mapping(bool flow, params YEntry[] entries)
    {
        var node = new YNode(YKind.Mapping) { Flow = flow };
        node.Entries.AddRange(entries);
        return node;
    }

    public static YNode Sequence(bool flow, params YNode[] items)
    {
        var node = new YNode(YKind.Sequence) { Flow = flow };
        node.Items.AddRange(items);
        return node;
    }

    public static YNode From(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar.Value ?? string.Empty, scalar.Style),
        YamlMappingNode mapping => Mapping(mapping.Style == MappingStyle.Flow, mapping.Children.Select(c => new YEntry(From(c.Key), From(c.Value))).ToArray()),
        YamlSequenceNode sequence => Sequence(sequence.Style == SequenceStyle.Flow, sequence.Children.Select(From).ToArray()),
        _ => throw new ArgumentException("unexpected node " + node.GetType().Name),
    };

    public YNode Clone() => Kind switch
    {
        YKind.Scalar => Scalar(Value, Style),
        YKind.Mapping => Mapping(Flow, Entries.Select(e => new YEntry(e.Key.Clone(), e.Value.Clone())).ToArray()),
        _ => Sequence(Flow, Items.Select(i => i.Clone()).ToArray()),
    };

    public IEnumerable<YNode> Children => Kind switch
    {
        YKind.Mapping => Entries.SelectMany(e => new[] { e.Key, e.Value }),
        YKind.Sequence => Items,
        _ => Enumerable.Empty<YNode>(),
    };

    public string ToYaml()
    {
        var seen = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        var shared = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        void Count(YNode node)
        {
            if (!seen.Add(node))
            {
                shared.Add(node);
                return;
            }

            foreach (var child in node.Children)
            {
                Count(child);
            }
        }

        Count(this);
        var writer = new StringWriter();
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        var anchors = new Dictionary<YNode, AnchorName>(ReferenceEqualityComparer.Instance);
        Emit(emitter, shared, anchors);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private void Emit(IEmitter emitter, HashSet<YNode> shared, Dictionary<YNode, AnchorName> anchors)
    {
        if (anchors.TryGetValue(this, out var existing))
        {
            emitter.Emit(new AnchorAlias(existing));
            return;
        }

        var anchor = AnchorName.Empty;
        if (shared.Contains(this))
        {
            anchor = new AnchorName("a" + (anchors.Count + 1).ToString(CultureInfo.InvariantCulture));
            anchors.Add(this, anchor);
        }

        switch (Kind)
        {
            case YKind.Scalar:
                emitter.Emit(new YamlDotNet.Core.Events.Scalar(anchor, TagName.Empty, Value, Style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            case YKind.Mapping:
                emitter.Emit(new MappingStart(anchor, TagName.Empty, isImplicit: true, Flow ? MappingStyle.Flow : MappingStyle.Any));
                foreach (var entry in Entries)
                {
                    entry.Key.Emit(emitter, shared, anchors);
                    entry.Value.Emit(emitter, shared, anchors);
                }

                emitter.Emit(new MappingEnd());
                break;
            default:
                emitter.Emit(new SequenceStart(anchor, TagName.Empty, isImplicit: true, Flow ? SequenceStyle.Flow : SequenceStyle.Any));
                foreach (var item in Items)
                {
                    item.Emit(emitter, shared, anchors);
                }

                emitter.Emit(new SequenceEnd());
                break;
        }
    }
}

/// <summary>A place in a <see cref="YNode"/> tree that holds a node: a mapping key or value, a sequence item, or the root.</summary>
internal sealed class YSlot
{
    private readonly Action<YNode> _replace;

    public YSlot(string path, YNode node, bool isKey, YNode[] ancestors, Action<YNode> replace)
    {
        (Path, Node, IsKey, Ancestors, _replace) = (path, node, isKey, ancestors, replace);
    }

    public string Path { get; }

    public YNode Node { get; }

    public bool IsKey { get; }

    /// <summary>The nodes above this slot, the root first.</summary>
    public YNode[] Ancestors { get; }

    public bool IsRoot => Ancestors.Length == 0;

    public void Replace(YNode node) => _replace(node);
}

/// <summary>Reading, walking and whole-tree rewrites of <see cref="YNode"/> trees.</summary>
internal static class YTree
{
    public static YNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return YNode.From(stream.Documents[0].RootNode);
    }

    /// <summary>Every slot, in document order. The root's slot cannot be replaced (mutations change the root in place).</summary>
    public static List<YSlot> Slots(YNode root)
    {
        var slots = new List<YSlot> { new("(root)", root, false, Array.Empty<YNode>(), _ => throw new InvalidOperationException("the root is changed in place")) };
        Walk(root, string.Empty, new List<YNode>(), slots);
        return slots;
    }

    private static void Walk(YNode node, string path, List<YNode> ancestors, List<YSlot> slots)
    {
        ancestors.Add(node);
        var above = ancestors.ToArray();
        if (node.Kind == YKind.Mapping)
        {
            foreach (var entry in node.Entries)
            {
                var key = entry.Key.Kind == YKind.Scalar ? Shorten(entry.Key.Value) : "{complex key}";
                var childPath = path.Length == 0 ? key : path + "." + key;
                var e = entry;
                slots.Add(new YSlot(childPath + " (key)", entry.Key, true, above, n => e.Key = n));
                Walk(entry.Key, childPath + " (key)", ancestors, slots);
                slots.Add(new YSlot(childPath, entry.Value, false, above, n => e.Value = n));
                Walk(entry.Value, childPath, ancestors, slots);
            }
        }
        else if (node.Kind == YKind.Sequence)
        {
            for (var i = 0; i < node.Items.Count; i++)
            {
                var (items, index) = (node.Items, i);
                var childPath = $"{path}[{i}]";
                slots.Add(new YSlot(childPath, node.Items[i], false, above, n => items[index] = n));
                Walk(node.Items[i], childPath, ancestors, slots);
            }
        }

        ancestors.RemoveAt(ancestors.Count - 1);
    }

    /// <summary>Whether a node contains itself (shared nodes make it possible): such a tree cannot be walked or written.</summary>
    public static bool HasCycle(YNode root)
    {
        var onPath = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        var done = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        bool Visit(YNode node)
        {
            if (done.Contains(node))
            {
                return false;
            }

            if (!onPath.Add(node))
            {
                return true;
            }

            foreach (var child in node.Children)
            {
                if (Visit(child))
                {
                    return true;
                }
            }

            onPath.Remove(node);
            done.Add(node);
            return false;
        }

        return Visit(root);
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text.Substring(0, 27) + "...";

    /// <summary>Rewrites the values of the root mapping with <paramref name="change"/>, keeping the root a mapping so the binder reads on.</summary>
    public static YNode MapValues(YNode root, Func<YNode, YNode> change)
    {
        foreach (var entry in root.Entries)
        {
            entry.Value = change(entry.Value);
        }

        return root;
    }

    public static YNode ScalarsToMappings(YNode node) => node.Kind switch
    {
        YKind.Scalar => YNode.Mapping(true, new YEntry(YNode.Scalar("value"), node)),
        YKind.Mapping => YNode.Mapping(node.Flow, node.Entries.Select(e => new YEntry(e.Key, ScalarsToMappings(e.Value))).ToArray()),
        _ => YNode.Sequence(node.Flow, node.Items.Select(ScalarsToMappings).ToArray()),
    };

    public static YNode ScalarsToSequences(YNode node) => node.Kind switch
    {
        YKind.Scalar => YNode.Sequence(true, node),
        YKind.Mapping => YNode.Mapping(node.Flow, node.Entries.Select(e => new YEntry(e.Key, ScalarsToSequences(e.Value))).ToArray()),
        _ => YNode.Sequence(node.Flow, node.Items.Select(ScalarsToSequences).ToArray()),
    };

    public static YNode MappingsToSequences(YNode node) => node.Kind switch
    {
        YKind.Scalar => node,
        YKind.Mapping => YNode.Sequence(node.Flow, node.Entries.Select(e => MappingsToSequences(e.Value)).ToArray()),
        _ => YNode.Sequence(node.Flow, node.Items.Select(MappingsToSequences).ToArray()),
    };

    public static YNode SequencesToMappings(YNode node) => node.Kind switch
    {
        YKind.Scalar => node,
        YKind.Mapping => YNode.Mapping(node.Flow, node.Entries.Select(e => new YEntry(e.Key, SequencesToMappings(e.Value))).ToArray()),
        _ => YNode.Mapping(node.Flow, node.Items.Select((item, i) => new YEntry(YNode.Scalar("item" + i.ToString(CultureInfo.InvariantCulture)), SequencesToMappings(item))).ToArray()),
    };
}

/// <summary>The seeded mutations, each logged in words with the path of the node it changed.</summary>
internal sealed class YamlMutator
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const string OddCharacters = "*?\\[](){}^$.|+-_/ \t\"'#:,&%@`!\u00e9\u212a\u0000\n\r\u2028\uFEFF";

    // Scalars of every kind: numbers (huge, tiny, odd spellings), booleans, nulls, unknown enum values and names,
    // empty and long strings, and texts hostile to C# literals, comments and XML docs, to regexes and to globs.
    private static readonly (string Value, ScalarStyle Style)[] s_scalars =
    {
        ("0", ScalarStyle.Any), ("1", ScalarStyle.Any), ("-1", ScalarStyle.Any), ("2.5", ScalarStyle.Any), ("-0", ScalarStyle.Any), ("0.1", ScalarStyle.Any),
        ("1e3", ScalarStyle.Any), ("true", ScalarStyle.Any), ("false", ScalarStyle.Any), ("TRUE", ScalarStyle.Any), ("null", ScalarStyle.Any), ("~", ScalarStyle.Any),
        ("", ScalarStyle.Plain), ("yes", ScalarStyle.Any), ("1e400", ScalarStyle.Any), ("-1e400", ScalarStyle.Any), ("1e-400", ScalarStyle.Any),
        ("99999999999999999999", ScalarStyle.Any), ("-99999999999999999999", ScalarStyle.Any), ("2147483648", ScalarStyle.Any), ("-2147483649", ScalarStyle.Any),
        ("9223372036854775808", ScalarStyle.Any), ("-9223372036854775809", ScalarStyle.Any), ("79228162514264337593543950336", ScalarStyle.Any),
        ("0.00000000000000000000000000001", ScalarStyle.Any), ("1.00000000000000000000000000001", ScalarStyle.Any), ("1" + new string('0', 400), ScalarStyle.Any),
        ("0x1F", ScalarStyle.Any), ("0o17", ScalarStyle.Any), ("1_000", ScalarStyle.Any), ("+5", ScalarStyle.Any), (".5", ScalarStyle.Any), ("5.", ScalarStyle.Any),
        (".nan", ScalarStyle.Any), (".inf", ScalarStyle.Any), ("-.inf", ScalarStyle.Any), ("NaN", ScalarStyle.Any),
        ("bogus-value", ScalarStyle.Any), ("Bogus", ScalarStyle.Any), ("class", ScalarStyle.Any), ("string", ScalarStyle.Any), ("string-list", ScalarStyle.Any),
        ("enum", ScalarStyle.Any), ("collect", ScalarStyle.Any), ("sum", ScalarStyle.Any), ("Evaluate", ScalarStyle.Any), ("__arglist", ScalarStyle.Any),
        ("", ScalarStyle.DoubleQuoted), (" ", ScalarStyle.DoubleQuoted), ("a b", ScalarStyle.Any), ("a\tb", ScalarStyle.Any), (new string('x', 1000), ScalarStyle.Any),
        ("\"quoted\" \\ back", ScalarStyle.DoubleQuoted), ("{0} }} {{", ScalarStyle.DoubleQuoted), ("line\nbreak", ScalarStyle.DoubleQuoted),
        ("\r\n", ScalarStyle.DoubleQuoted), ("a\u2028b", ScalarStyle.DoubleQuoted), ("a\u2029b", ScalarStyle.DoubleQuoted), ("a\u0085b", ScalarStyle.DoubleQuoted),
        ("\0nul", ScalarStyle.DoubleQuoted), ("</summary><see cref=\"x\"/>&amp;", ScalarStyle.DoubleQuoted), ("*/ /* //", ScalarStyle.DoubleQuoted),
        ("\\u0041 \\x41", ScalarStyle.DoubleQuoted), ("@\"verbatim\"", ScalarStyle.DoubleQuoted), ("$\"{x}\"", ScalarStyle.DoubleQuoted),
        ("\"\"\"raw\"\"\"", ScalarStyle.DoubleQuoted), ("#region", ScalarStyle.DoubleQuoted), ("e\u0301", ScalarStyle.DoubleQuoted), ("\U0001F600", ScalarStyle.DoubleQuoted),
        ("\u202Eevil", ScalarStyle.DoubleQuoted), ("\uFEFF", ScalarStyle.DoubleQuoted), ("straße", ScalarStyle.Any), ("\u212A", ScalarStyle.Any),
        ("(a+)+$", ScalarStyle.Any), ("(?<=x)y", ScalarStyle.Any), ("(x)\\1", ScalarStyle.Any), ("[", ScalarStyle.DoubleQuoted), ("a{99999}", ScalarStyle.Any),
        ("(?i)x", ScalarStyle.Any), ("\\p{L}+", ScalarStyle.Any), ("^$", ScalarStyle.Any), ("**", ScalarStyle.DoubleQuoted), ("[a-z]?*", ScalarStyle.DoubleQuoted),
        ("\\", ScalarStyle.DoubleQuoted), ("r.1", ScalarStyle.Any), ("-x", ScalarStyle.DoubleQuoted), ("a_b-c", ScalarStyle.Any),
    };

    private readonly Random _random;
    private readonly List<string> _log = new();

    public YamlMutator(Random random) => _random = random;

    public string Description => _log.Count == 0 ? "(none)" : string.Join("; ", _log);

    public void Log(string text) => _log.Add(text);

    /// <summary>Deletes all rules but a window of them, and the tests that name a deleted rule or none.</summary>
    public void KeepWindowOfRules(YNode root, int maxWindow)
    {
        var rules = root.Entries.First(e => e.Key.Value == "rules").Value.Items;
        var size = _random.Next(1, maxWindow + 1);
        var start = _random.Next(0, rules.Count - size + 1);
        var total = rules.Count;
        var kept = rules.Skip(start).Take(size).ToList();
        rules.Clear();
        rules.AddRange(kept);
        var ids = kept.Select(r => r.Entries.FirstOrDefault(e => e.Key.Value == "id")?.Value.Value).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        var testsNote = string.Empty;
        if (root.Entries.FirstOrDefault(e => e.Key.Value == "tests")?.Value is { Kind: YKind.Sequence } tests)
        {
            var before = tests.Items.Count;
            tests.Items.RemoveAll(test =>
            {
                var rule = test.Entries.FirstOrDefault(e => e.Key.Value == "rule")?.Value;
                var many = test.Entries.FirstOrDefault(e => e.Key.Value == "rules")?.Value;
                return !(rule is { Kind: YKind.Scalar } && (ids.Contains(rule.Value) || rule.Value is "null" or "~" or ""))
                    && !(many is { Kind: YKind.Sequence } && many.Items.All(i => ids.Contains(i.Value)));
            });
            testsNote = $" and {tests.Items.Count} of {before} tests (those naming kept rules only)";
        }

        Log($"kept rules[{start}..{start + size - 1}] of {total}{testsNote}, deleting the others");
    }

    public void Mutate(YNode root)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var slots = YTree.Slots(root);
            var applied = _random.Next(100) switch
            {
                < 10 => DeleteEntry(slots),
                < 18 => DeleteItem(slots),
                < 24 => DuplicateEntry(slots),
                < 30 => DuplicateItem(slots),
                < 39 => SwapSiblings(slots),
                < 45 => SwapAnywhere(root, slots),
                < 60 => ReplaceScalar(slots),
                < 72 => ChangeKind(slots),
                < 83 => MisspellKey(slots),
                < 94 => EditScalarCharacters(slots),
                < 97 => AliasAnotherNode(root, slots),
                _ => KeyOfAnotherKind(slots),
            };
            if (applied)
            {
                return;
            }
        }
    }

    /// <summary>Character- and line-level edits of the written text: delete, duplicate, swap.</summary>
    public string EditText(string text)
    {
        if (text.Length < 2)
        {
            Log("text edit: appended '#'");
            return text + "#";
        }

        var lines = text.Split('\n').ToList();
        var at = _random.Next(text.Length - 1);
        switch (_random.Next(6))
        {
            case 0:
                Log($"text edit: deleted character {at} ({Show(text[at])})");
                return text.Remove(at, 1);
            case 1:
                Log($"text edit: duplicated character {at} ({Show(text[at])})");
                return text.Insert(at, text[at].ToString());
            case 2:
                Log($"text edit: swapped characters {at} and {at + 1} ({Show(text[at])}, {Show(text[at + 1])})");
                return text.Substring(0, at) + text[at + 1] + text[at] + text.Substring(at + 2);
            case 3:
            {
                var (a, b) = (_random.Next(lines.Count), _random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                Log($"text edit: swapped lines {a + 1} and {b + 1}");
                return string.Join("\n", lines);
            }

            case 4:
            {
                var line = _random.Next(lines.Count);
                lines.Insert(line, lines[line]);
                Log($"text edit: duplicated line {line + 1}");
                return string.Join("\n", lines);
            }

            default:
            {
                var line = _random.Next(lines.Count);
                lines.RemoveAt(line);
                Log($"text edit: deleted line {line + 1}");
                return string.Join("\n", lines);
            }
        }
    }

    private static string Show(char c) => c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";

    private T? Pick<T>(IReadOnlyList<T> items) where T : class => items.Count == 0 ? null : items[_random.Next(items.Count)];

    private static string Child(YSlot mapping, YEntry entry) =>
        (mapping.IsRoot ? string.Empty : mapping.Path + ".") + (entry.Key.Kind == YKind.Scalar ? entry.Key.Value : "{complex key}");

    private bool DeleteEntry(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Mapping && s.Node.Entries.Count > 0).ToList()) is not { } slot)
        {
            return false;
        }

        var index = _random.Next(slot.Node.Entries.Count);
        Log($"deleted {Child(slot, slot.Node.Entries[index])}");
        slot.Node.Entries.RemoveAt(index);
        return true;
    }

    private bool DeleteItem(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Sequence && s.Node.Items.Count > 0).ToList()) is not { } slot)
        {
            return false;
        }

        var index = _random.Next(slot.Node.Items.Count);
        Log($"deleted {slot.Path}[{index}]");
        slot.Node.Items.RemoveAt(index);
        return true;
    }

    private bool DuplicateEntry(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Mapping && s.Node.Entries.Count > 0).ToList()) is not { } slot)
        {
            return false;
        }

        var entries = slot.Node.Entries;
        var index = _random.Next(entries.Count);
        var at = _random.Next(entries.Count + 1);
        var copy = new YEntry(entries[index].Key.Clone(), _random.Next(2) == 0 ? entries[index].Value.Clone() : Pick(slots)!.Node.Clone());
        entries.Insert(at, copy);
        Log($"duplicated key {Child(slot, copy)} (at entry {at})");
        return true;
    }

    private bool DuplicateItem(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Sequence && s.Node.Items.Count > 0).ToList()) is not { } slot)
        {
            return false;
        }

        var index = _random.Next(slot.Node.Items.Count);
        var at = _random.Next(slot.Node.Items.Count + 1);
        slot.Node.Items.Insert(at, slot.Node.Items[index].Clone());
        Log($"duplicated {slot.Path}[{index}] as item {at}");
        return true;
    }

    private bool SwapSiblings(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => (s.Node.Kind == YKind.Mapping && s.Node.Entries.Count > 1) || (s.Node.Kind == YKind.Sequence && s.Node.Items.Count > 1)).ToList()) is not { } slot)
        {
            return false;
        }

        var count = slot.Node.Kind == YKind.Mapping ? slot.Node.Entries.Count : slot.Node.Items.Count;
        var a = _random.Next(count);
        var b = (a + 1 + _random.Next(count - 1)) % count;
        if (slot.Node.Kind == YKind.Sequence)
        {
            (slot.Node.Items[a], slot.Node.Items[b]) = (slot.Node.Items[b], slot.Node.Items[a]);
            Log($"swapped {slot.Path}[{a}] and [{b}]");
        }
        else if (_random.Next(2) == 0)
        {
            var (x, y) = (slot.Node.Entries[a], slot.Node.Entries[b]);
            (x.Value, y.Value) = (y.Value, x.Value);
            Log($"swapped the values of {Child(slot, x)} and {Child(slot, y)}");
        }
        else
        {
            var entries = slot.Node.Entries;
            Log($"swapped the order of {Child(slot, entries[a])} and {Child(slot, entries[b])}");
            (entries[a], entries[b]) = (entries[b], entries[a]);
        }

        return true;
    }

    private bool SwapAnywhere(YNode root, List<YSlot> slots)
    {
        var values = slots.Where(s => !s.IsRoot && !s.IsKey).ToList();
        var a = Pick(values);
        var b = Pick(values);
        if (a is null || b is null || ReferenceEquals(a.Node, b.Node) || a.Ancestors.Contains(b.Node) || b.Ancestors.Contains(a.Node))
        {
            return false;
        }

        var (nodeA, nodeB) = (a.Node, b.Node);
        a.Replace(nodeB);
        b.Replace(nodeA);
        if (YTree.HasCycle(root))
        {
            b.Replace(nodeB);
            a.Replace(nodeA);
            return false;
        }

        Log($"swapped {a.Path} and {b.Path}");
        return true;
    }

    private bool ReplaceScalar(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => !s.IsKey && !s.IsRoot && s.Node.Kind == YKind.Scalar).ToList()) is not { } slot)
        {
            return false;
        }

        YNode replacement;
        if (_random.Next(3) == 0)
        {
            // A value of the same kind: numbers stay numbers (but huge, tiny or oddly spelt), texts stay texts (but
            // hostile to C#): more of these variants are valid, and reach the emitter.
            var numeric = decimal.TryParse(slot.Node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            var pool = s_scalars.Where(s => numeric == decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || (numeric && s.Value.Contains("e", StringComparison.Ordinal) && s.Value.Any(char.IsDigit))).ToList();
            var (value, style) = pool[_random.Next(pool.Count)];
            replacement = YNode.Scalar(value, style);
        }
        else if (_random.Next(4) == 0)
        {
            // A value from elsewhere in the file: an enum value, a name, a literal of another field.
            var other = Pick(slots.Where(s => s.Node.Kind == YKind.Scalar).ToList())!.Node;
            replacement = YNode.Scalar(other.Value, other.Style);
        }
        else if (_random.Next(40) == 0)
        {
            replacement = YNode.Scalar(new string('y', 64 * 1024 + 1));
        }
        else
        {
            var (value, style) = s_scalars[_random.Next(s_scalars.Length)];
            replacement = YNode.Scalar(value, style);
        }

        Log($"replaced {slot.Path} ({Quote(slot.Node.Value)}) with {Quote(replacement.Value)}");
        slot.Replace(replacement);
        return true;
    }

    private bool ChangeKind(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => !s.IsRoot && !s.IsKey).ToList()) is not { } slot)
        {
            return false;
        }

        var node = slot.Node;
        var flow = _random.Next(2) == 0;
        YNode replacement;
        string what;
        switch (node.Kind, _random.Next(3))
        {
            case (YKind.Scalar, 0):
                (replacement, what) = (YNode.Mapping(flow, new YEntry(YNode.Scalar(node.Value.Length > 0 ? node.Value : "x"), YNode.Scalar("1"))), "a mapping");
                break;
            case (YKind.Scalar, 1):
                (replacement, what) = (YNode.Sequence(flow, node), "a sequence of it");
                break;
            case (YKind.Scalar, _):
                (replacement, what) = (_random.Next(2) == 0 ? YNode.Mapping(true) : YNode.Sequence(true), "an empty collection");
                break;
            case (YKind.Mapping, 0):
                (replacement, what) = (YNode.Scalar(node.Entries.Count > 0 && node.Entries[0].Key.Kind == YKind.Scalar ? node.Entries[0].Key.Value : "mapping"), "a scalar");
                break;
            case (YKind.Mapping, 1):
                (replacement, what) = (YNode.Sequence(node.Flow, node.Entries.Select(e => YNode.Mapping(true, e)).ToArray()), "a sequence of one-entry mappings");
                break;
            case (YKind.Mapping, _):
                (replacement, what) = (YNode.Mapping(node.Flow), "an empty mapping");
                break;
            case (YKind.Sequence, 0):
                (replacement, what) = (node.Items.Count > 0 ? node.Items[0] : YNode.Scalar("sequence"), "its first item");
                break;
            case (YKind.Sequence, 1):
                (replacement, what) = (YNode.Mapping(node.Flow, node.Items.Select((item, i) => new YEntry(item.Kind == YKind.Scalar ? YNode.Scalar(item.Value) : YNode.Scalar("item" + i), YNode.Scalar("true"))).ToArray()), "a mapping of its items");
                break;
            default:
                (replacement, what) = (YNode.Sequence(node.Flow), "an empty sequence");
                break;
        }

        Log($"replaced the {node.Kind.ToString().ToLowerInvariant()} {slot.Path} with {what}");
        slot.Replace(replacement);
        return true;
    }

    private bool MisspellKey(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.IsKey && s.Node.Kind == YKind.Scalar).ToList()) is not { } slot)
        {
            return false;
        }

        var key = slot.Node.Value;
        var at = key.Length == 0 ? 0 : _random.Next(key.Length);
        var letter = Letters[_random.Next(Letters.Length)];
        var typo = _random.Next(6) switch
        {
            0 when key.Length > 1 => key.Remove(at, 1),
            1 => key.Insert(at, letter.ToString()),
            2 when key.Length > 0 => key.Substring(0, at) + (key[at] == letter ? 'q' : letter) + key.Substring(at + 1),
            3 when key.Length > 1 && at < key.Length - 1 => key.Substring(0, at) + key[at + 1] + key[at] + key.Substring(at + 2),
            4 when key.Length > 0 => key.Substring(0, at) + (char.IsUpper(key[at]) ? char.ToLowerInvariant(key[at]) : char.ToUpperInvariant(key[at])) + key.Substring(at + 1),
            _ => key + (_random.Next(2) == 0 ? "-" : "_"),
        };
        Log($"misspelt the key {slot.Path} as {Quote(typo)}");
        slot.Node.Value = typo;
        return true;
    }

    private bool EditScalarCharacters(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Scalar).ToList()) is not { } slot)
        {
            return false;
        }

        var value = slot.Node.Value;
        var at = value.Length == 0 ? 0 : _random.Next(value.Length);
        var odd = OddCharacters[_random.Next(OddCharacters.Length)];
        var (edited, what) = _random.Next(5) switch
        {
            0 when value.Length > 0 => (value.Remove(at, 1), $"deleted character {at}"),
            1 when value.Length > 0 => (value.Insert(at, value[at].ToString()), $"duplicated character {at}"),
            2 when value.Length > 1 && at < value.Length - 1 => (value.Substring(0, at) + value[at + 1] + value[at] + value.Substring(at + 2), $"swapped characters {at} and {at + 1}"),
            3 => (value + odd, $"appended {Show(odd)}"),
            _ => (value.Insert(at, odd.ToString()), $"inserted {Show(odd)} at {at}"),
        };
        Log($"{what} of {slot.Path} ({Quote(value)} became {Quote(edited)})");
        slot.Node.Value = edited;
        if (slot.Node.Style == ScalarStyle.Plain)
        {
            slot.Node.Style = ScalarStyle.Any;
        }

        return true;
    }

    private bool AliasAnotherNode(YNode root, List<YSlot> slots)
    {
        var target = Pick(slots.Where(s => !s.IsRoot && !s.IsKey).ToList());
        var shared = Pick(slots.Where(s => !s.IsRoot).ToList());
        if (target is null || shared is null || ReferenceEquals(target.Node, shared.Node) || target.Ancestors.Contains(shared.Node))
        {
            return false;
        }

        var original = target.Node;
        target.Replace(shared.Node);
        if (YTree.HasCycle(root))
        {
            // An alias inside the node it names (possible once a node is shared): YAML has no such thing.
            target.Replace(original);
            return false;
        }

        Log($"replaced {target.Path} with an alias of {shared.Path}");
        return true;
    }

    private bool KeyOfAnotherKind(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.IsKey).ToList()) is not { } slot)
        {
            return false;
        }

        var node = slot.Node;
        slot.Replace(_random.Next(2) == 0 ? YNode.Mapping(true, new YEntry(node, YNode.Scalar("1"))) : YNode.Sequence(true, node));
        Log($"made the key {slot.Path} a collection");
        return true;
    }

    private static string Quote(string text)
    {
        var shown = text.Length > 60 ? text.Substring(0, 57) + $"... ({text.Length} characters)" : text;
        return "\"" + string.Concat(shown.Select(c => c < ' ' || (c > '~' && c < '\u00a0') || c is '\u2028' or '\u2029' or '\uFEFF' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
    }
}
