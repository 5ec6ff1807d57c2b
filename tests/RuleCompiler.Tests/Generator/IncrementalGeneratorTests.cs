using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RuleCompiler.Generator;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>
/// The generator's incremental pipeline: what a second run re-does after no change, an edit of one rule file, an edit
/// of C# code, a file added or removed; that no step output holds a Roslyn object (which would silently defeat the
/// cache); and that the output does not depend on input order or on where the project sits on disk.
/// </summary>
public sealed class IncrementalGeneratorTests
{
    private static readonly string[] s_perFileSteps =
    {
        RuleSetGenerator.TrackingNames.RuleFiles,
        RuleSetGenerator.TrackingNames.Compiled,
        RuleSetGenerator.TrackingNames.Emitted,
    };

    private const string SourceOutputStep = "SourceOutput";

    [Fact]
    public void Second_run_without_changes_serves_every_rule_file_step_from_the_cache()
    {
        var files = ThreeRuleFiles();
        var compilation = GeneratorHarness.NewCompilation("class Existing { }");
        var first = GeneratorHarness.Run(DriverFor(files), compilation);
        first.Sources.Length.ShouldBe(3);

        var second = GeneratorHarness.Run(first.Driver, compilation);

        foreach (var step in s_perFileSteps)
        {
            var outputs = OutputsOf(second.Result, step);
            outputs.Select(o => o.Path).ShouldBe(PathsOf(files), ignoreOrder: true, customMessage: $"step {step}");
            outputs.ShouldAllBe(o => IsCached(o.Reason), $"step {step}: {Describe(outputs)}");
        }

        OutputReasons(second.Result).ShouldNotBeEmpty();
        OutputReasons(second.Result).ShouldAllBe(reason => reason != IncrementalStepRunReason.New && reason != IncrementalStepRunReason.Modified);
        SourcesByHintName(second).ShouldBe(SourcesByHintName(first));
    }

    [Fact]
    public void Editing_one_of_three_rule_files_reruns_only_that_files_steps()
    {
        var files = ThreeRuleFiles();
        var compilation = GeneratorHarness.NewCompilation();
        var first = GeneratorHarness.Run(DriverFor(files), compilation);
        var edited = new TestRuleText(files[1].RelativePath, RuleSetText("Beta", reason: "beta changed its mind"));

        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(files[1], edited), compilation);

        second.Diagnostics.ShouldBeEmpty();
        foreach (var step in s_perFileSteps)
        {
            var outputs = OutputsOf(second.Result, step);
            outputs.Where(o => o.Path == edited.Path).Select(o => o.Reason).ShouldBe(new[] { IncrementalStepRunReason.Modified }, customMessage: $"step {step}");
            var others = outputs.Where(o => o.Path != edited.Path).ToList();
            others.Select(o => o.Path).ShouldBe(new[] { files[0].Path, files[2].Path }, ignoreOrder: true, customMessage: $"step {step}");
            others.ShouldAllBe(o => IsCached(o.Reason), $"step {step}: {Describe(others)}");
        }

        OutputReasons(second.Result).Count(reason => reason == IncrementalStepRunReason.Modified).ShouldBe(1);
        OutputReasons(second.Result).ShouldNotContain(IncrementalStepRunReason.New);

        var before = SourcesByHintName(first);
        var after = SourcesByHintName(second);
        after.Keys.ShouldBe(before.Keys, ignoreOrder: true);
        after.Keys.Where(hint => after[hint] != before[hint]).ShouldBe(new[] { "Tests.Generated.Beta.g.cs" });
        after["Tests.Generated.Beta.g.cs"].ShouldContain("\"beta changed its mind\"");
    }

    [Fact]
    public void Appending_a_comment_to_a_rule_file_stops_at_the_compile_step_and_keeps_the_source()
    {
        var files = ThreeRuleFiles();
        var compilation = GeneratorHarness.NewCompilation();
        var first = GeneratorHarness.Run(DriverFor(files), compilation);
        var commented = new TestRuleText(files[0].RelativePath, RuleSetText("Alpha") + "# a trailing comment changes no rule\n");

        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(files[0], commented), compilation);

        OutputsOf(second.Result, RuleSetGenerator.TrackingNames.RuleFiles).Single(o => o.Path == commented.Path).Reason.ShouldBe(IncrementalStepRunReason.Modified);
        OutputsOf(second.Result, RuleSetGenerator.TrackingNames.Compiled).Single(o => o.Path == commented.Path).Reason.ShouldBe(IncrementalStepRunReason.Unchanged);
        OutputsOf(second.Result, RuleSetGenerator.TrackingNames.Emitted).ShouldAllBe(o => IsCached(o.Reason));
        OutputReasons(second.Result).ShouldAllBe(reason => reason != IncrementalStepRunReason.New && reason != IncrementalStepRunReason.Modified);
        SourcesByHintName(second).ShouldBe(SourcesByHintName(first));
    }

    [Fact]
    public void Adding_a_csharp_file_to_the_compilation_reruns_no_rule_file_step()
    {
        var files = ThreeRuleFiles();
        var compilation = GeneratorHarness.NewCompilation("class Existing { }");
        var first = GeneratorHarness.Run(DriverFor(files), compilation);
        var changed = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class X {}", GeneratorHarness.ParseOptions));

        var second = GeneratorHarness.Run(first.Driver, changed);

        foreach (var step in s_perFileSteps.Append(RuleSetGenerator.TrackingNames.BuildOptions).Append(RuleSetGenerator.TrackingNames.RuleSetNames))
        {
            var outputs = OutputsOf(second.Result, step);
            outputs.ShouldNotBeEmpty($"step {step}");
            outputs.ShouldAllBe(o => IsCached(o.Reason), $"step {step}: {Describe(outputs)}");
        }

        OutputReasons(second.Result).ShouldAllBe(reason => reason != IncrementalStepRunReason.New && reason != IncrementalStepRunReason.Modified);
        SourcesByHintName(second).ShouldBe(SourcesByHintName(first));
    }

    [Fact]
    public void Adding_a_fourth_rule_file_runs_only_its_steps()
    {
        var files = ThreeRuleFiles();
        var compilation = GeneratorHarness.NewCompilation();
        var first = GeneratorHarness.Run(DriverFor(files), compilation);
        var fourth = new TestRuleText("rules/delta.rules.yaml", RuleSetText("Delta"));

        var second = GeneratorHarness.Run(first.Driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(fourth)), compilation);

        foreach (var step in s_perFileSteps)
        {
            var outputs = OutputsOf(second.Result, step);
            outputs.Where(o => o.Path == fourth.Path).Select(o => o.Reason).ShouldBe(new[] { IncrementalStepRunReason.New }, customMessage: $"step {step}");
            var others = outputs.Where(o => o.Path != fourth.Path).ToList();
            others.Select(o => o.Path).ShouldBe(PathsOf(files), ignoreOrder: true, customMessage: $"step {step}");
            others.ShouldAllBe(o => IsCached(o.Reason), $"step {step}: {Describe(others)}");
        }

        var before = SourcesByHintName(first);
        var after = SourcesByHintName(second);
        after.Keys.Except(before.Keys).ShouldBe(new[] { "Tests.Generated.Delta.g.cs" });
        before.Keys.ShouldAllBe(hint => after[hint] == before[hint]);
    }

    [Fact]
    public void Removing_a_rule_file_removes_only_its_outputs()
    {
        var files = ThreeRuleFiles();
        var compilation = GeneratorHarness.NewCompilation();
        var first = GeneratorHarness.Run(DriverFor(files), compilation);

        var second = GeneratorHarness.Run(first.Driver.RemoveAdditionalTexts(ImmutableArray.Create<AdditionalText>(files[2])), compilation);

        foreach (var step in s_perFileSteps)
        {
            var outputs = OutputsOf(second.Result, step);
            outputs.Where(o => o.Path == files[2].Path).Select(o => o.Reason).ShouldBe(new[] { IncrementalStepRunReason.Removed }, customMessage: $"step {step}");
            var others = outputs.Where(o => o.Path != files[2].Path).ToList();
            others.Select(o => o.Path).ShouldBe(new[] { files[0].Path, files[1].Path }, ignoreOrder: true, customMessage: $"step {step}");
            others.ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached, $"step {step}: {Describe(others)}");
        }

        var before = SourcesByHintName(first);
        var after = SourcesByHintName(second);
        after.Keys.OrderBy(k => k, StringComparer.Ordinal).ShouldBe(new[] { "Tests.Generated.Alpha.g.cs", "Tests.Generated.Beta.g.cs" });
        after.Keys.ShouldAllBe(hint => after[hint] == before[hint]);
    }

    [Fact]
    public void No_step_output_holds_a_Roslyn_object()
    {
        // Every sample and feature file, a file with errors and one that is not YAML: the error paths carry diagnostics too.
        var files = SampleFiles.Names.Select(SampleFiles.Load)
            .Concat(FeatureFiles.Names.Select(FeatureFiles.Load))
            .Append(new RuleFile("broken/unknown-key.rules.yaml", RuleSetText("Broken") + "colour: blue\n"))
            .Append(new RuleFile("broken/not-yaml.rules.yaml", "ruleset: [unclosed\n  - {"))
            .ToArray();
        var compilation = GeneratorHarness.NewCompilation();
        var first = GeneratorHarness.Run(GeneratorHarness.NewDriver(files), compilation);
        var second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class X {}", GeneratorHarness.ParseOptions)));

        foreach (var run in new[] { first, second })
        {
            var visited = 0;
            foreach (var name in GeneratorTrackingNames())
            {
                run.Result.TrackedSteps.ShouldContainKey(name);
                foreach (var step in run.Result.TrackedSteps[name])
                {
                    for (var i = 0; i < step.Outputs.Length; i++)
                    {
                        var found = RoslynObjectFinder.Find(step.Outputs[i].Value, $"{name}.Outputs[{i}]", ref visited);
                        found.ShouldBeNull();
                    }
                }
            }

            // The walk went into the models (rules, conditions, plans), not just the top of each value.
            visited.ShouldBeGreaterThan(1000);
        }
    }

    [Fact]
    public void Roslyn_object_finder_finds_a_Location_nested_in_records_tuples_and_arrays()
    {
        var visited = 0;
        var location = Location.Create("/project/a.rules.yaml", new TextSpan(0, 1), new LinePositionSpan(default, default));
        var nested = (Path: "a", Items: new object[] { 1, new List<object?> { "x", new KeyValuePair<string, object>("k", location) } });

        RoslynObjectFinder.Find(nested, "value", ref visited).ShouldNotBeNull().ShouldContain("Location");
        RoslynObjectFinder.Find(GeneratorHarness.NewCompilation(), "value", ref visited).ShouldNotBeNull();
        RoslynObjectFinder.Find(new TestRuleText("a.rules.yaml", ""), "value", ref visited).ShouldNotBeNull();
        RoslynObjectFinder.Find((1, "text", new[] { 1.5m }), "value", ref visited).ShouldBeNull();
    }

    [Fact]
    public void Two_drivers_given_the_same_files_in_different_orders_generate_identical_bytes()
    {
        var files = SampleFiles.Names.Select(SampleFiles.Load).ToArray();

        var forward = GeneratorHarness.Run(GeneratorHarness.NewDriver(files), GeneratorHarness.NewCompilation());
        var backward = GeneratorHarness.Run(GeneratorHarness.NewDriver(files.Reverse()), GeneratorHarness.NewCompilation());

        forward.Diagnostics.ShouldBeEmpty();
        backward.Diagnostics.ShouldBeEmpty();
        forward.Sources.Length.ShouldBe(files.Length);
        var expected = BytesByHintName(forward);
        var actual = BytesByHintName(backward);
        actual.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var hint in expected.Keys)
        {
            actual[hint].ShouldBe(expected[hint], $"source {hint}");
        }
    }

    [Fact]
    public void Generated_source_names_the_rule_file_by_its_project_relative_path_only()
    {
        var files = SampleFiles.Names.Select(SampleFiles.Load).Append(new RuleFile("nested/dir/gamma.rules.yaml", RuleSetText("Gamma"))).ToArray();

        var run = GeneratorHarness.Run(files);

        run.Sources.Length.ShouldBe(files.Length);
        foreach (var source in run.Sources)
        {
            source.SourceText.ToString().ShouldNotContain(GeneratorHarness.ProjectDirectory, customMessage: source.HintName);
        }

        run.SourceOf("Tests.Generated.Gamma.g.cs").ShouldContain("\"nested/dir/gamma.rules.yaml\"");
        run.SourceOf("Tests.Generated.Gamma.g.cs").ShouldContain("from nested/dir/gamma.rules.yaml.");
    }

    [Fact]
    public void Editing_a_base_reruns_the_layers_over_it_and_nothing_else()
    {
        var files = LayeredFiles();
        var compilation = GeneratorHarness.NewCompilation();
        var first = GeneratorHarness.Run(DriverFor(files), compilation);
        first.Diagnostics.ShouldBeEmpty();
        first.Sources.Length.ShouldBe(3);
        var edited = new TestRuleText(files[0].RelativePath, Layers.LayerTests.Base.Replace("never delete /", "never ever delete /"));

        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(files[0], edited), compilation);

        second.Diagnostics.ShouldBeEmpty();
        var compiled = OutputsOf(second.Result, RuleSetGenerator.TrackingNames.Compiled);
        compiled.Single(o => o.Path == edited.Path).Reason.ShouldBe(IncrementalStepRunReason.Modified);
        compiled.Single(o => o.Path == files[1].Path).Reason.ShouldBe(IncrementalStepRunReason.Modified, "the layer reads its base's text");
        compiled.Single(o => o.Path == files[2].Path).Reason.ShouldBe(IncrementalStepRunReason.Cached, Describe(compiled));
        second.SourceOf("Tests.Generated.User.g.cs").ShouldContain("never ever delete /");
    }

    [Fact]
    public void Editing_a_file_a_layer_does_not_read_leaves_the_layer_cached()
    {
        var files = LayeredFiles();
        var compilation = GeneratorHarness.NewCompilation();
        var first = GeneratorHarness.Run(DriverFor(files), compilation);
        var edited = new TestRuleText(files[2].RelativePath, RuleSetText("Gamma", reason: "gamma changed its mind"));

        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(files[2], edited), compilation);

        foreach (var step in s_perFileSteps)
        {
            var outputs = OutputsOf(second.Result, step);
            outputs.Where(o => o.Path != edited.Path).ShouldAllBe(o => IsCached(o.Reason), $"step {step}: {Describe(outputs)}");
        }

        OutputReasons(second.Result).Count(reason => reason == IncrementalStepRunReason.Modified).ShouldBe(1);
    }

    private static TestRuleText[] LayeredFiles() => new[]
    {
        new TestRuleText("rules/base.rules.yaml", Layers.LayerTests.Base),
        new TestRuleText("rules/user.rules.yaml", Layers.LayerTests.User),
        new TestRuleText("rules/gamma.rules.yaml", RuleSetText("Gamma")),
    };

    private static TestRuleText[] ThreeRuleFiles() => new[]
    {
        new TestRuleText("rules/alpha.rules.yaml", RuleSetText("Alpha")),
        new TestRuleText("rules/beta.rules.yaml", RuleSetText("Beta")),
        new TestRuleText("rules/gamma.rules.yaml", RuleSetText("Gamma")),
    };

    private static string RuleSetText(string name, string reason = "reading is fine") => $$"""
        ruleset: {{name}}
        hit: first
        inputs:
          action: string
        outputs:
          allow: bool
          reason: string
        default: { allow: false, reason: denied }
        rules:
          - id: reads
            when: { action: read }
            then: { allow: true, reason: {{reason}} }
          - id: writes
            when: { action: [write, append] }
            then: { allow: false, reason: writing is not }

        """.Replace("\r\n", "\n");

    private static GeneratorDriver DriverFor(IEnumerable<TestRuleText> files) =>
        GeneratorHarness.NewDriver(Array.Empty<RuleFile>()).AddAdditionalTexts(files.ToImmutableArray<AdditionalText>());

    private static string[] PathsOf(IEnumerable<TestRuleText> files) => files.Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal).ToArray();

    // Stricter than "Cached or Unchanged": Unchanged means the step ran again and happened to produce an equal value.
    // None of these steps has a reason to run again here, so any re-run is a caching regression worth seeing.
    private static bool IsCached(IncrementalStepRunReason reason) => reason == IncrementalStepRunReason.Cached;

    /// <summary>Every output of one named step, with the rule file it belongs to.</summary>
    private static List<(string Path, IncrementalStepRunReason Reason)> OutputsOf(GeneratorRunResult result, string stepName)
    {
        result.TrackedSteps.ShouldContainKey(stepName);
        return result.TrackedSteps[stepName]
            .SelectMany(step => step.Outputs)
            .Select(output => (PathOf(output.Value), output.Reason))
            .ToList();
    }

    private static string PathOf(object value) => value switch
    {
        RuleFileText file => file.Path,
        SourceFile source => source.Source.Path,
        ValueTuple<string, bool, CompiledRuleFile> compiled => compiled.Item1,
        GeneratedRuleSet set => set.Path,
        EmittedRuleSet output => output.HintName ?? "(no source)",
        BuildOptions => "(build options)",
        _ when value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(ImmutableArray<>) => "(all rule sets)",
        _ => throw new InvalidOperationException("unexpected step output " + value.GetType()),
    };

    private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result)
    {
        result.TrackedOutputSteps.ShouldContainKey(SourceOutputStep);
        return result.TrackedOutputSteps[SourceOutputStep].SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
    }

    private static string Describe(IEnumerable<(string Path, IncrementalStepRunReason Reason)> outputs) =>
        string.Join(", ", outputs.Select(o => o.Path + "=" + o.Reason));

    private static SortedDictionary<string, string> SourcesByHintName(GeneratorRun run) =>
        new(run.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()), StringComparer.Ordinal);

    private static SortedDictionary<string, byte[]> BytesByHintName(GeneratorRun run) =>
        new(run.Sources.ToDictionary(s => s.HintName, s => Encoding.UTF8.GetBytes(s.SourceText.ToString())), StringComparer.Ordinal);

    private static IEnumerable<string> GeneratorTrackingNames() => typeof(RuleSetGenerator.TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!);

    /// <summary>A rule file held in memory, whose identity the test keeps so that it can replace or remove it later.</summary>
    private sealed class TestRuleText : AdditionalText
    {
        private readonly SourceText _text;

        public TestRuleText(string relativePath, string text)
        {
            RelativePath = relativePath;
            Path = GeneratorHarness.ProjectDirectory + relativePath;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public string RelativePath { get; }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>
    /// Walks a pipeline value through its fields, tuples, arrays and sequences, looking for an object of the Roslyn API:
    /// such an object compares by reference (or changes on every compilation), so holding one breaks the cache.
    /// </summary>
    private static class RoslynObjectFinder
    {
        private const int MaxDepth = 64;

        private static readonly Type[] s_forbidden =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(AdditionalText),
            typeof(Location), typeof(Diagnostic), typeof(SemanticModel), typeof(SourceText),
        };

        /// <summary>The path to the first Roslyn object inside <paramref name="value"/>, or null when there is none.</summary>
        public static string? Find(object? value, string path, ref int visited)
        {
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            return Walk(value, path, 0, seen, ref visited);
        }

        private static string? Walk(object? value, string path, int depth, HashSet<object> seen, ref int visited)
        {
            if (value is null)
            {
                return null;
            }

            visited++;
            var type = value.GetType();
            if (IsRoslynType(type))
            {
                return $"{path} is a {type.FullName}";
            }

            if (type.IsPrimitive || type.IsEnum || value is string or decimal or DateTime or Type)
            {
                return null;
            }

            if (depth >= MaxDepth || (!type.IsValueType && !seen.Add(value)))
            {
                return null;
            }

            if (value is IEnumerable sequence)
            {
                var index = 0;
                foreach (var item in sequence)
                {
                    if (Walk(item, $"{path}[{index++}]", depth + 1, seen, ref visited) is { } found)
                    {
                        return found;
                    }
                }

                // A collection's own fields are its storage, already walked as its items.
                return null;
            }

            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (IsRoslynType(field.FieldType))
                    {
                        return $"{path}.{field.Name} is declared as {field.FieldType.FullName}";
                    }

                    if (Walk(field.GetValue(value), $"{path}.{field.Name}", depth + 1, seen, ref visited) is { } found)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        private static bool IsRoslynType(Type type) =>
            s_forbidden.Any(forbidden => forbidden.IsAssignableFrom(type))
            || (type.Assembly.GetName().Name?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ?? false);
    }
}
