using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace RuleCompiler.Tests.Hardening;

/// <summary>
/// Seeded random rule sets (every type, operator, ignore-case, combinator and hit policy; 1 to 1,000 rules in CI),
/// compiled through the real generator and run on inputs at, below and above every literal and boundary plus hostile
/// values, must agree with the reference evaluator on every input; every fourth input also checks the generated
/// Explain against the reference explanation (Explain checks every rule, so it costs more than Evaluate). A
/// disagreement is shrunk to a minimal rule file and printed with its input. Long mode: RULECOMPILER_FUZZ_SETS and RULECOMPILER_FUZZ_INPUTS (e.g. 1000 and 5000), and
/// RULECOMPILER_FUZZ_MAX_RULES (default 1000; 10000 for the largest sets). Every third set is generated with its plan
/// as data (<see cref="DataPlan"/>).
/// </summary>
public sealed class RandomRuleSetDifferentialTests
{
    private readonly ITestOutputHelper _output;

    public RandomRuleSetDifferentialTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Random_rule_sets_agree_with_the_reference_evaluator_on_every_input()
    {
        var sets = Setting("RULECOMPILER_FUZZ_SETS", 60);
        var inputsPerSet = Setting("RULECOMPILER_FUZZ_INPUTS", 2_000);
        var maxRules = Setting("RULECOMPILER_FUZZ_MAX_RULES", 1_000);
        var compared = 0L;
        var policies = new HashSet<string>();
        for (var seed = 1; seed <= sets; seed++)
        {
            var size = seed % 30 == 0 ? maxRules : seed % 6 == 0 ? 200 : 1 + (seed * 7 % 30);
            var set = RandomRuleSet.Create(seed, size);
            policies.Add(set.Policy);
            if (FirstDisagreement(set, set.Rules, inputsPerSet) is { } failure)
            {
                var (rules, message) = Shrink(set, WithoutContradictions(set, set.Rules), failure.Row);
                throw new Xunit.Sdk.XunitException(
                    $"Random rule set (seed {seed}, {set.Policy}) disagrees with the reference evaluator.\nMinimal rule file:\n{set.Yaml(rules)}\n{message}");
            }

            compared += inputsPerSet;
        }

        _output.WriteLine($"{sets} random rule sets, {compared} inputs compared, policies: {string.Join(", ", policies.OrderBy(p => p))}");
        compared.ShouldBeGreaterThanOrEqualTo(100_000);
        policies.Count.ShouldBe(10);
    }

    private static (Value[] Row, string Message)? FirstDisagreement(RandomRuleSet set, List<string> rules, int inputs)
    {
        // The set as drawn is compiled once: for its contradictions, and, when it has none (most sets), as the model too.
        var drawn = CompileText(set, rules);
        var kept = WithoutContradictions(drawn, rules);
        var (model, generated) = Compile(set, kept, kept.Count == rules.Count ? drawn : null);
        var reference = new ReferenceEvaluator(model);
        var index = 0;
        foreach (var row in new InputGenerator(model, set.Seed).Rows(inputs))
        {
            if (Agreement.Disagreement(model, generated, reference, row, explain: index++ % 4 == 0) is { } message)
            {
                return (row, message);
            }
        }

        return null;
    }

    // Removes rules while the generated code still disagrees on the input: chunks of halving size first, then single
    // rules until none can go.
    private static (List<string> Rules, string Message) Shrink(RandomRuleSet set, List<string> rules, Value[] row)
    {
        var current = rules;
        var message = Check(set, current, row)!;

        bool RemoveChunks(int chunk)
        {
            var removed = false;
            for (var start = 0; start < current.Count && current.Count > 1;)
            {
                var candidate = current.Take(start).Concat(current.Skip(start + chunk)).ToList();
                if (candidate.Count > 0 && Check(set, candidate, row) is { } still)
                {
                    (current, message, removed) = (candidate, still, true);
                }
                else
                {
                    start += chunk;
                }
            }

            return removed;
        }

        for (var chunk = current.Count / 2; chunk > 1; chunk /= 2)
        {
            RemoveChunks(chunk);
        }

        while (RemoveChunks(1))
        {
        }

        return (current, message);
    }

    private static string? Check(RandomRuleSet set, List<string> rules, Value[] row)
    {
        var (model, generated) = Compile(set, rules);
        return Agreement.Disagreement(model, generated, new ReferenceEvaluator(model), row);
    }

    /// <summary>
    /// Random conditions can contradict themselves ({ all: [{ x: 1 }, { x: 2 }] }): the build rejects such a rule
    /// (RC3007, which <see cref="AnalysisSoundnessTests"/> checks), so the set is compared without it.
    /// </summary>
    internal static List<string> WithoutContradictions(RandomRuleSet set, List<string> rules) => WithoutContradictions(CompileText(set, rules), rules);

    private static List<string> WithoutContradictions(CompiledRuleFile compiled, List<string> rules)
    {
        var contradictory = compiled.Diagnostics.Where(d => d.Id == "RC3007").Select(d => "{ id: " + d.Arguments[0] + ",").ToList();
        return rules.Where(rule => !contradictory.Any(id => rule.Contains(id, StringComparison.Ordinal))).ToList();
    }

    internal static string PathOf(RandomRuleSet set) => $"random/r{set.Seed}.rules.yaml";

    private static CompiledRuleFile CompileText(RandomRuleSet set, List<string> rules) =>
        RuleFileCompiler.Compile(set.Yaml(rules), new BindOptions(GeneratorHarness.RootNamespace, PathOf(set)), CancellationToken.None);

    /// <param name="compiled">These rules already compiled by <see cref="CompileText"/>, or null.</param>
    private static (RuleSetModel Model, RuleSetUnderTest Generated) Compile(RandomRuleSet set, List<string> rules, CompiledRuleFile? compiled = null)
    {
        var file = new RuleFile(PathOf(set), set.Yaml(rules));
        compiled ??= CompileText(set, rules);
        // Random rules overlap, shadow each other and leave gaps: analysis warnings are expected; errors are not.
        compiled.Diagnostics.Where(d => d.Severity == RuleCompiler.Language.Diagnostics.Severity.Error).ShouldBeEmpty($"the random rule set (seed {set.Seed}) must compile:\n{file.Text}");
        var assembly = DataPlan(set)
            ? GeneratorHarness.RunAndLoadUncached(new Dictionary<string, string> { ["RuleCompilerDataPlanRules"] = "0" }, file)
            : GeneratorHarness.RunAndLoadUncached(file);
        return (compiled.Model!, new RuleSetUnderTest(assembly, compiled.Model!));
    }

    /// <summary>
    /// Every third set is generated with its plan's leaves and small switches as data (<c>RuleCompilerDataPlanRules</c>
    /// 0), the form rule sets past 2,048 rules take, so that the runtime's walk of them is compared on every kind of set.
    /// </summary>
    internal static bool DataPlan(RandomRuleSet set) => set.Seed % 3 == 0;

    internal static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
