using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// The generated code of every sample and feature file, run on seeded inputs (the files' own test cases, every
/// literal and its neighbours, hostile values) and compared with the rule-by-rule reference evaluator:
/// matched, rule id and outputs, or the ordered list of holding rules for <c>collect</c>.
/// </summary>
public sealed class DifferentialTests
{
    private const int InputsPerFile = 3000;

    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Generated_sample_agrees_with_the_reference_evaluator(string name) => AssertAgrees(SampleFiles.Load(name));

    [Theory]
    [MemberData(nameof(FeatureFiles.Theory), MemberType = typeof(FeatureFiles))]
    public void Generated_feature_agrees_with_the_reference_evaluator(string name) => AssertAgrees(FeatureFiles.Load(name));

    /// <summary>
    /// Each sample again with its plan as data (<c>RuleCompilerDataPlanRules</c> 0: the form of first-wins rule sets past
    /// 2,048 rules, leaves and enum and bool switches walked by the runtime): the same decisions, and the same Explain.
    /// Every combinator and type meets that form in the random rule sets (every third is generated so).
    /// </summary>
    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Generated_sample_with_its_plan_as_data_agrees_with_the_reference_evaluator(string name) => AssertAgreesAsData(SampleFiles.Load(name));


    [Fact]
    public void Rule_file_test_cases_pass_on_the_generated_code_too()
    {
        var checkedCases = 0;
        foreach (var file in SampleFiles.Names.Select(SampleFiles.Load).Concat(FeatureFiles.Names.Select(FeatureFiles.Load)))
        {
            var model = Model(file);
            var generated = new RuleSetUnderTest(GeneratorHarness.RunAndLoad(file), model);
            foreach (var test in model.Tests)
            {
                var actual = generated.Evaluate(test.Input);
                if (test.Rule is { } rule)
                {
                    if (model.Hit == HitPolicy.Collect)
                    {
                        // With collect, only `rule: null` is allowed: no rule holds.
                        actual.Matched.ShouldBeFalse($"{file.Path} test {test.DisplayName}");
                    }
                    else
                    {
                        actual.RuleId.ShouldBe(rule.Id, $"{file.Path} test {test.DisplayName}");
                    }
                }

                if (test.Rules is { } rules)
                {
                    // An aggregate's result lists no rules: its Explain says which held.
                    var holding = model.Aggregate == Aggregate.None
                        ? actual.HoldingRules
                        : generated.Explain(test.Input).Rules.Where(trace => trace.Held).Select(trace => trace.Rule.Id).ToList();
                    holding.ShouldBe(rules.ToList(), $"{file.Path} test {test.DisplayName}");
                }

                foreach (var expected in test.Expect)
                {
                    actual.Outputs![expected.Output].SameAs(expected.Value).ShouldBeTrue($"{file.Path} test {test.DisplayName}: {model.Outputs[expected.Output].Name}");
                }

                checkedCases++;
            }
        }

        checkedCases.ShouldBeGreaterThan(250);
    }

    /// <summary>The model of a rule file that compiles without errors; each file is compiled once per test process and shared.</summary>
    internal static RuleSetModel Model(RuleFile file) =>
        s_models.GetOrAdd((file.Path, file.Text), static key => new Lazy<RuleSetModel>(() => Compile(new RuleFile(key.Path, key.Text)))).Value;

    // Models are immutable records; the same sample, feature or large file is compiled by several tests.
    private static readonly ConcurrentDictionary<(string Path, string Text), Lazy<RuleSetModel>> s_models = new();

    private static RuleSetModel Compile(RuleFile file)
    {
        var compiled = RuleFileCompiler.Compile(file.Text, new BindOptions(GeneratorHarness.RootNamespace, file.Path), CancellationToken.None);
        compiled.Diagnostics.Where(d => d.Severity == RuleCompiler.Language.Diagnostics.Severity.Error).ShouldBeEmpty();
        return compiled.Model!;
    }

    private static void AssertAgrees(RuleFile file) => AssertAgrees(file, GeneratorHarness.RunAndLoad(file), InputsPerFile);

    private static void AssertAgreesAsData(RuleFile file)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.NewDriver(new[] { file }, buildProperties: new System.Collections.Generic.Dictionary<string, string> { ["RuleCompilerDataPlanRules"] = "0" }), GeneratorHarness.NewCompilation());
        var source = run.Sources.ShouldHaveSingleItem().SourceText.ToString();
        source.Contains("RuleConditions.Decide<", StringComparison.Ordinal).ShouldBe(DataNodes(file) > 0, "nodes lowered as data are walked by the runtime");
        AssertAgrees(file, GeneratorHarness.LoadCleanlyCompiled(run), InputsPerFile / 3);
    }

    [Fact]
    public void Most_first_wins_files_have_nodes_as_data_when_asked()
    {
        var files = SampleFiles.Names.Select(SampleFiles.Load).Concat(FeatureFiles.Names.Select(FeatureFiles.Load))
            .Where(file => Model(file).Hit.Info().SingleResult)
            .ToList();
        var withData = files.Count(file => DataNodes(file) > 0);
        withData.ShouldBeGreaterThan(files.Count / 2, $"{withData} of {files.Count} first-wins files");
    }

    /// <summary>How many plan nodes of the file are data under <c>RuleCompilerDataPlanRules</c> 0.</summary>
    private static int DataNodes(RuleFile file)
    {
        var compiled = RuleFileCompiler.Compile(file.Text, new BindOptions(GeneratorHarness.RootNamespace, file.Path) { DataPlanRules = 0 }, CancellationToken.None);
        return compiled.Lowered!.Nodes.Count(node => node.Form == RuleCompiler.Language.Lowering.NodeForm.Data);
    }

    private static void AssertAgrees(RuleFile file, System.Reflection.Assembly assembly, int inputs)
    {
        var model = Model(file);
        var generated = new RuleSetUnderTest(assembly, model);
        var reference = new ReferenceEvaluator(model);
        var compared = 0;
        foreach (var row in new InputGenerator(model, seed: 20261122).Rows(inputs))
        {
            if (Agreement.Disagreement(model, generated, reference, row) is { } disagreement)
            {
                throw new Xunit.Sdk.XunitException($"{model.FilePath}: generated code disagrees with the reference evaluator\n{disagreement}");
            }

            compared++;
        }

        compared.ShouldBe(inputs);
    }
}
