using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Behaviour;
using RuleCompiler.Tests.Hardening;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Loader;

/// <summary>
/// One corpus, four engines (spec §15): every sample and feature file loaded at run time on its generated types must
/// decide exactly as its generated code and as the reference evaluator (matched, rule id, outputs with decimal scale,
/// holding rules and their outputs, the same exceptions), with Explain texts equal to the generated ones, character
/// for character; again with the plan as data; and every file's own <c>tests:</c> pass on the loaded rule set. The
/// fourth engine is the interpreter an untyped load runs under Native AOT (<see cref="LoadOptions.Interpret"/>):
/// the same decisions, outputs and Explain traces as generated code.
/// </summary>
public sealed class LoadedDifferentialTests
{
    private const int InputsPerFile = 1500;

    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Loaded_sample_decides_as_generated_code_and_the_reference(string name) => AssertThreeAgree(SampleFiles.Load(name), dataPlan: false);

    [Theory]
    [MemberData(nameof(FeatureFiles.Theory), MemberType = typeof(FeatureFiles))]
    public void Loaded_feature_decides_as_generated_code_and_the_reference(string name) => AssertThreeAgree(FeatureFiles.Load(name), dataPlan: false);

    /// <summary>The plan as data (first-wins leaves and small switches walked by the runtime), as past 2,048 rules.</summary>
    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Loaded_sample_with_its_plan_as_data_decides_as_generated_code(string name) => AssertThreeAgree(SampleFiles.Load(name), dataPlan: true);

    [Fact]
    public void Rule_file_test_cases_pass_on_the_loaded_rule_set()
    {
        var checkedCases = 0;
        foreach (var file in SampleFiles.Names.Select(SampleFiles.Load).Concat(FeatureFiles.Names.Select(FeatureFiles.Load)))
        {
            var model = DifferentialTests.Model(file);
            var loaded = LoadedRuleSets.Typed(GeneratorHarness.RunAndLoad(file), model, file.Text);
            foreach (var test in model.Tests)
            {
                var actual = loaded.Evaluate(test.Input);
                if (test.Rule is { } rule && model.Hit != HitPolicy.Collect)
                {
                    actual.RuleId.ShouldBe(rule.Id, $"{file.Path} test {test.DisplayName}");
                }

                if (test.Rules is { } rules && model.Aggregate == Aggregate.None)
                {
                    actual.HoldingRules.ShouldBe(rules.ToList(), $"{file.Path} test {test.DisplayName}");
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

    /// <summary>
    /// Seeded random rule sets (every type, operator, combinator and hit policy; every third with its plan as data),
    /// loaded on their generated types: the same decisions and Explain texts as their generated code. Long mode:
    /// RULECOMPILER_FUZZ_LOADED_SETS and RULECOMPILER_FUZZ_INPUTS.
    /// </summary>
    [Fact]
    public void Random_rule_sets_loaded_at_run_time_decide_as_their_generated_code()
    {
        var sets = RandomRuleSetDifferentialTests.Setting("RULECOMPILER_FUZZ_LOADED_SETS", 24);
        var inputs = RandomRuleSetDifferentialTests.Setting("RULECOMPILER_FUZZ_INPUTS", 400);
        var policies = new HashSet<string>();
        for (var seed = 1; seed <= sets; seed++)
        {
            var set = RandomRuleSet.Create(seed, seed % 12 == 0 ? 300 : 1 + (seed * 7 % 30));
            policies.Add(set.Policy);
            var file = new RuleFile(RandomRuleSetDifferentialTests.PathOf(set), set.Yaml(RandomRuleSetDifferentialTests.WithoutContradictions(set, set.Rules)));
            var model = DifferentialTests.Model(file);
            var dataPlan = RandomRuleSetDifferentialTests.DataPlan(set);
            var assembly = dataPlan
                ? GeneratorHarness.RunAndLoadUncached(new Dictionary<string, string> { ["RuleCompilerDataPlanRules"] = "0" }, file)
                : GeneratorHarness.RunAndLoadUncached(file);
            var generated = new RuleSetUnderTest(assembly, model);
            var loaded = LoadedRuleSets.Typed(assembly, model, file.Text, dataPlan ? 0 : null);
            var interpreted = InterpretedRuleSets.Load(assembly, model, file.Text);
            var index = 0;
            foreach (var row in new InputGenerator(model, set.Seed).Rows(inputs))
            {
                var at = index++;
                var explain = at % 4 == 0;
                if (LoadedRuleSets.Disagreement(model, generated, loaded, row, explain) is { } differs)
                {
                    throw new Xunit.Sdk.XunitException($"Random rule set (seed {seed}, {set.Policy}) loaded disagrees with its generated code.\n{file.Text}\n{differs}");
                }

                // The interpreter on every other input (it walks every rule; the suite's time is shared).
                if (at % 2 == 0 && InterpretedRuleSets.Disagreement(model, generated, interpreted, row, explain: at % 8 == 0) is { } interpretedDiffers)
                {
                    throw new Xunit.Sdk.XunitException($"Random rule set (seed {seed}, {set.Policy}) interpreted disagrees with its generated code.\n{file.Text}\n{interpretedDiffers}");
                }
            }
        }

        policies.Count.ShouldBeGreaterThanOrEqualTo(8);
    }

    /// <summary>
    /// A plan past the lowering's inline size compiles each node on its first call: eight threads evaluating a rule set
    /// just loaded (every node still to compile) decide exactly as its generated code.
    /// </summary>
    [Fact]
    public void Nodes_compiled_on_first_use_decide_alike_on_many_threads_at_once()
    {
        foreach (var file in new[] { RuleFileWriter.Ranges(400, seed: 7, hit: "first"), RuleFileWriter.Lookup(600) })
        {
            var model = DifferentialTests.Model(file);
            RuleCompiler.Language.Compilation.RuleFileCompiler.Compile(file.Text, new RuleCompiler.Language.Binding.BindOptions(string.Empty, file.Path), System.Threading.CancellationToken.None)
                .Lowered!.InlinePlan.ShouldBeFalse($"{file.Path} is a plan of node methods");
            var assembly = GeneratorHarness.RunAndLoad(file);
            var generated = new RuleSetUnderTest(assembly, model);
            var rows = new InputGenerator(model, seed: 5).Rows(400).ToList();
            var expected = rows.Select(generated.Evaluate).ToList();
            var loaded = LoadedRuleSets.Typed(assembly, model, file.Text);
            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            System.Threading.Tasks.Parallel.For(0, 8, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    var index = (i + (worker * 50)) % rows.Count;
                    if (!loaded.Evaluate(rows[index]).SameAs(expected[index]))
                    {
                        failures.Add($"{file.Path} input {index}");
                    }
                }
            });
            failures.ShouldBeEmpty();
        }
    }

    /// <summary>
    /// An interpreted rule set is shared as a compiled one is: eight threads evaluating and explaining one just loaded
    /// (its regexes and globs still to build, in caches the threads share) answer exactly as its generated code.
    /// </summary>
    [Fact]
    public void An_interpreted_rule_set_decides_alike_on_many_threads_at_once()
    {
        var file = SampleFiles.Load("shell-guard.rules.yaml");
        var model = DifferentialTests.Model(file);
        var assembly = GeneratorHarness.RunAndLoad(file);
        var generated = new RuleSetUnderTest(assembly, model);
        var rows = new InputGenerator(model, seed: 11).Rows(240).ToList();
        var interpreted = InterpretedRuleSets.Load(assembly, model, file.Text);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        System.Threading.Tasks.Parallel.For(0, 8, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var i = 0; i < rows.Count; i += 2)
            {
                var index = (i + (worker * 30)) % rows.Count;
                if (InterpretedRuleSets.Disagreement(model, generated, interpreted, rows[index], explain: index % 6 == 0) is { } differs)
                {
                    failures.Add(differs);
                }
            }
        });
        failures.ShouldBeEmpty();
    }

    internal static void AssertThreeAgree(RuleFile file, bool dataPlan, int inputs = InputsPerFile)
    {
        var model = DifferentialTests.Model(file);
        var assembly = dataPlan
            ? GeneratorHarness.RunAndLoadUncached(new Dictionary<string, string> { ["RuleCompilerDataPlanRules"] = "0" }, file)
            : GeneratorHarness.RunAndLoad(file);
        var generated = new RuleSetUnderTest(assembly, model);
        var loaded = LoadedRuleSets.Typed(assembly, model, file.Text, dataPlan ? 0 : null);
        var reference = new ReferenceEvaluator(model);
        // The interpreter has no data plan: it is compared once, beside the compiled plan.
        var interpreted = dataPlan ? null : InterpretedRuleSets.Load(assembly, model, file.Text);
        var compared = 0;
        foreach (var row in new InputGenerator(model, seed: 20261206).Rows(inputs))
        {
            var explain = compared % 3 == 0;
            if (LoadedRuleSets.Disagreement(model, generated, loaded, row, explain) is { } differs)
            {
                throw new Xunit.Sdk.XunitException($"{model.FilePath}: the loaded rule set disagrees with generated code\n{differs}");
            }

            if (Agreement.Disagreement(model, loaded, reference, row, explain: false) is { } disagreement)
            {
                throw new Xunit.Sdk.XunitException($"{model.FilePath}: the loaded rule set disagrees with the reference evaluator\n{disagreement}");
            }

            // The interpreter on every third input, explaining every ninth (it walks every rule; the suite's time is shared).
            if (interpreted is not null && compared % 3 == 0 && InterpretedRuleSets.Disagreement(model, generated, interpreted, row, explain: compared % 9 == 0) is { } interpretedDiffers)
            {
                throw new Xunit.Sdk.XunitException($"{model.FilePath}: the interpreted rule set disagrees with generated code\n{interpretedDiffers}");
            }

            compared++;
        }

        compared.ShouldBe(inputs);
    }
}
