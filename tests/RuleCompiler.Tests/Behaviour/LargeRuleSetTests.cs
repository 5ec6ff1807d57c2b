using System.Linq;
using System.Reflection;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;
using RuleCompiler.Tests.Infrastructure;
using RuleInfo = RuleCompiler.RuleInfo;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// Large generated rule sets reach the paths small samples never do: frozen-dictionary dispatch, dispatch and
/// leaves split into part methods, the planning budget's fallback, multi-word collect bit sets. Each is compiled
/// and run against the reference evaluator.
/// </summary>
public sealed class LargeRuleSetTests
{
    [Fact]
    public void A_lookup_of_600_keys_dispatches_through_a_table_hashed_at_build_time_and_agrees_with_the_reference()
    {
        var file = RuleFileWriter.Lookup(600);
        var source = GeneratorHarness.Run(file).Sources.ShouldHaveSingleItem().SourceText.ToString();
        source.ShouldContain("RuleTables.Find(");
        source.ShouldNotContain("Frozen", customMessage: "nothing is built at start-up");
        source.ShouldContain("Node0Part2(");
        AssertAgrees(file, inputs: 4000);
    }

    /// <summary>
    /// Past <see cref="RuleCompiler.Language.Lowering.Lowerer.MaxLiteralTableRows"/> rules the rule metadata, the
    /// literal outputs are data built by loops and the dispatch's keys a table hashed at build time, not an initializer per rule or key; every
    /// rule's metadata (id, line, column) and every output still come out as the rule file says.
    /// </summary>
    [Fact]
    public void A_large_rule_set_writes_its_tables_as_data_and_every_rule_and_output_reads_back()
    {
        var file = RuleFileWriter.Lookup(600);
        var source = GeneratorHarness.Run(file).Sources.ShouldHaveSingleItem().SourceText.ToString();
        source.ShouldContain("s_rules = CreateRules();");
        source.ShouldContain("s_outputs = CreateOutputs();");
        source.ShouldContain("RuleTables.Find(");
        source.ShouldNotContain("new(0, \"k0\""); // no initializer per rule

        var model = DifferentialTests.Model(file);
        var type = GeneratorHarness.RunAndLoad(file).GetTypes().Single(t => t.Name == "BigLookup");
        var rules = (System.Collections.IEnumerable)type.GetProperty("Rules")!.GetValue(null)!;
        var infos = rules.Cast<RuleInfo>().ToList();
        infos.Select(r => (r.Index, r.Id, r.Description, r.Line, r.Column)).ShouldBe(model.Rules.Select(r => (r.Index, r.Id, r.Description, r.Span.Line, r.Span.Column)));
        AssertAgrees(file, inputs: 4000);
    }

    /// <summary>
    /// The catch-all after 600 keyed rules is possible on every path of the key switch: it is planned as one node
    /// that every key's leaf falls through to (and the switch's default goes to), and written once.
    /// </summary>
    [Fact]
    public void A_rule_no_switch_constrains_is_planned_once_and_shared_by_every_leaf_it_follows()
    {
        var file = RuleFileWriter.Lookup(600);
        var model = DifferentialTests.Model(file);
        var plan = Planner.Build(model, System.Threading.CancellationToken.None);
        var family = model.Rules.Single(rule => rule.Id == "family").Index;

        var shared = plan.Nodes.OfType<Leaf>().Where(leaf => leaf.Fallthrough >= 0).GroupBy(leaf => leaf.Fallthrough).ShouldHaveSingleItem();
        shared.Count().ShouldBe(600);
        plan.Nodes[shared.Key].ShouldBeOfType<Leaf>().Candidates.Select(candidate => candidate.Rule).ShouldBe([family]);
        plan.Nodes.OfType<Leaf>().Where(leaf => leaf.Candidates.Any(candidate => candidate.Rule == family)).ShouldHaveSingleItem().Id.ShouldBe(shared.Key);

        var source = RuleCompiler.Generator.Emit.CSharpEmitter.Emit(model, plan, System.Threading.CancellationToken.None, explain: false);
        source.Split("StartsWith(\"key-1\"").Length.ShouldBe(2, "the catch-all's test is written once");
        AssertAgrees(file, inputs: 4000);
    }

    [Theory]
    [InlineData("first")]
    [InlineData("priority")]
    [InlineData("collect")]
    public void Rules_that_exhaust_the_planning_budget_still_evaluate_correctly(string hit)
    {
        var file = RuleFileWriter.Ranges(300, seed: 7, hit);
        var model = DifferentialTests.Model(file);
        Planner.Build(model, System.Threading.CancellationToken.None).Statistics.Strategy.ShouldBe(PlanStrategy.SingleSwitch);
        Planner.Build(model, budget: 500, System.Threading.CancellationToken.None).Statistics.Strategy.ShouldBe(PlanStrategy.Linear);

        var source = GeneratorHarness.Run(file).Sources.ShouldHaveSingleItem().SourceText.ToString();
        source.ShouldContain("would exceed the size budget");
        if (hit == "collect")
        {
            source.ShouldContain("InlineArray(5)");
        }

        AssertAgrees(file, inputs: 2000);
    }

    [Fact]
    public void The_linear_fallback_splits_its_leaf_into_parts_and_agrees_with_the_reference()
    {
        var file = RuleFileWriter.Ranges(300, seed: 5, "first");
        var model = DifferentialTests.Model(file);
        var plan = Planner.Build(model, budget: 100, System.Threading.CancellationToken.None);
        plan.Statistics.Strategy.ShouldBe(PlanStrategy.Linear);
        plan.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>().Candidates.Count.ShouldBe(300);

        var source = RuleCompiler.Generator.Emit.CSharpEmitter.Emit(model, plan, System.Threading.CancellationToken.None);
        source.ShouldContain("Node0Part1(");
        var compilation = GeneratorHarness.NewCompilation(source);
        compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ShouldBeEmpty();
        AssertAgrees(model, new RuleSetUnderTest(GeneratorHarness.Load(compilation), model), inputs: 2000);
    }

    /// <summary>
    /// Collect lists the rules that held when no leaf checks more than 32 (a path ends in one leaf, which bounds the
    /// matches), and keeps one bit per rule otherwise: the same 40 rules planned as a DAG and as one linear leaf.
    /// </summary>
    [Theory]
    [InlineData(false, "RuleHits hits", "RuleBits")]
    [InlineData(true, "RuleBits bits", "RuleHits")]
    public void Collect_lists_its_matches_when_every_leaf_is_small_and_keeps_bits_otherwise(bool linear, string collector, string absent)
    {
        var model = DifferentialTests.Model(RuleFileWriter.Ranges(40, seed: 3, "collect"));
        var plan = Planner.Build(model, budget: linear ? 10 : Planner.DefaultBudget(model), System.Threading.CancellationToken.None);
        var largestLeaf = plan.Nodes.OfType<Leaf>().Max(leaf => leaf.Candidates.Count);
        (largestLeaf <= 32).ShouldBe(!linear, $"largest leaf: {largestLeaf} rules");

        var source = RuleCompiler.Generator.Emit.CSharpEmitter.Emit(model, plan, System.Threading.CancellationToken.None);
        source.ShouldContain($"ref {collector})");
        source.ShouldNotContain(absent);
        var compilation = GeneratorHarness.NewCompilation(source);
        compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ShouldBeEmpty();
        AssertAgrees(model, new RuleSetUnderTest(GeneratorHarness.Load(compilation), model), inputs: 3000);
    }

    [Fact]
    public void A_table_like_rule_set_past_the_code_plan_limit_is_data_with_few_methods_and_agrees_with_the_reference()
    {
        const int Rules = 2_500;
        var file = RuleFileWriter.Table(Rules);
        var source = GeneratorHarness.Run(file).Sources.Single().SourceText.ToString();
        source.ShouldContain("RuleConditions.Decide<");
        source.ShouldNotContain("private static int Node1(", customMessage: "the switches on actor and the leaves are data, not methods");
        (source.Length / Rules).ShouldBeLessThan(400, "characters of C# per rule");

        var assembly = GeneratorHarness.RunAndLoad(file);
        var ruleSet = assembly.GetTypes().Single(type => type.Name == "BigTable");
        var methods = ruleSet.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Length
            + ruleSet.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public).Sum(nested => nested.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Length);
        methods.ShouldBeLessThan(100, "methods of the rule set's class and its nested types");
        AssertAgrees(file, inputs: 400); // each input also explains all 2,500 rules
    }

    [Fact]
    public void Generated_code_size_grows_about_linearly_with_the_rule_count()
    {
        var small = GeneratorHarness.Run(RuleFileWriter.Ranges(200, seed: 3, "first")).Sources.Single().SourceText.Length;
        var large = GeneratorHarness.Run(RuleFileWriter.Ranges(1600, seed: 3, "first")).Sources.Single().SourceText.Length;
        ((double)large / small).ShouldBeLessThan(8 * 2.5, $"200 rules: {small} chars, 1600 rules: {large} chars");
    }

    private static void AssertAgrees(RuleFile file, int inputs)
    {
        var model = DifferentialTests.Model(file);
        AssertAgrees(model, new RuleSetUnderTest(GeneratorHarness.RunAndLoad(file), model), inputs);
    }

    private static void AssertAgrees(RuleSetModel model, RuleSetUnderTest generated, int inputs)
    {
        var reference = new ReferenceEvaluator(model);
        foreach (var row in new InputGenerator(model, seed: 11).Rows(inputs))
        {
            Agreement.Disagreement(model, generated, reference, row).ShouldBeNull();
        }
    }
}
