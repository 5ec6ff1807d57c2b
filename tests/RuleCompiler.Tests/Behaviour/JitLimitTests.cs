using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using RuleCompiler.Tests.Infrastructure;
using RuleCompiler.Tests.Performance;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// The JIT compiles a method without optimizing it (MinOpts) past 60,000 bytes of IL, 20,000 instructions or 2,000
/// basic blocks. No generated evaluation method comes near those limits, whatever the rule set's size or shape:
/// dispatch tables and leaves are split into part methods. Static constructors (the rule and output tables, run
/// once) are not evaluation code and are left out.
/// </summary>
public sealed class JitLimitTests
{
    private const int MaxIlBytes = 60_000;
    private const int MaxInstructions = 20_000;
    private const int MaxBasicBlocks = 2_000;

    [Fact]
    public void No_generated_method_of_any_sample_exceeds_the_jit_optimization_limits() =>
        AssertMethodsFit(SampleFiles.Names.Select(SampleFiles.Load).ToArray());

    [Fact]
    public void No_generated_method_of_large_rule_sets_exceeds_the_jit_optimization_limits() =>
        AssertMethodsFit(RuleFileWriter.Lookup(3000), RuleFileWriter.Ranges(1500, seed: 1, "first"));

    [Fact]
    public void No_generated_method_of_large_collect_and_mixed_rule_sets_exceeds_the_jit_optimization_limits() =>
        AssertMethodsFit(RuleFileWriter.Ranges(1500, seed: 2, "collect") with { Path = "rules/big-ranges-collect.rules.yaml" }, TimingShapes.Mixed(3000, seed: 42));

    [Fact]
    public void No_generated_method_exceeds_the_jit_optimization_limits_when_every_leaf_check_is_long() =>
        AssertMethodsFit(LongChecks(1200));

    [Fact]
    public void No_generated_method_exceeds_the_jit_optimization_limits_when_a_range_switch_has_thousands_of_classes() =>
        AssertMethodsFit(IntLookup(3000));

    /// <summary>
    /// <c>Evaluate</c> builds its result in at most two places (a rule held; none did), however many leaves its plan
    /// has. The JIT gives each place a stack slot of its own and clears every slot that holds references on each call:
    /// with a result built at each of its 34 leaves, ModelPricing's <c>Evaluate</c> had a 4.6 KB frame and took 277 ns
    /// a call, 62 ns with one place (BenchmarkDotNet).
    /// </summary>
    [Fact]
    public void Evaluate_builds_its_result_in_at_most_two_places()
    {
        var files = SampleFiles.Names.Select(SampleFiles.Load).Concat(FeatureFiles.Names.Select(FeatureFiles.Load)).ToArray();
        var assembly = GeneratorHarness.RunAndLoad(files);
        // Where rules read map keys, the public Evaluate hands a View to a private overload, which builds the result.
        var evaluates = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(method => method.Name == "Evaluate")
            .GroupBy(method => method.DeclaringType!)
            .ToList();
        evaluates.Count.ShouldBeGreaterThan(files.Length / 2);
        foreach (var overloads in evaluates)
        {
            var results = overloads.Sum(evaluate => IlBlocks.TokensOf(evaluate.GetMethodBody()!.GetILAsByteArray()!, System.Reflection.Emit.OpCodes.Newobj)
                .Select(token => evaluate.Module.ResolveMethod(token)!.DeclaringType!)
                .Count(type => type.IsGenericType && type.GetGenericTypeDefinition().FullName == "RuleCompiler.RuleResult`1"));
            results.ShouldBeInRange(1, 2, $"{overloads.Key.Name}.Evaluate builds its result in {results} places");
        }
    }

    [Fact]
    public void The_il_decoder_finds_the_blocks_of_a_branch_and_of_a_switch()
    {
        // ldarg.0; ldc.i4.0; ble.s +2; ldc.i4.1; ret; ldc.i4.2; ret — blocks at 0, 4 (after the branch), 6 (its target).
        IlBlocks.Of([0x02, 0x16, 0x31, 0x02, 0x17, 0x2A, 0x18, 0x2A], []).ShouldBe(new IlBlocks.Shape(7, 3));

        // ldarg.0; switch (2 targets: +0, +2); ldc.i4.0; ret; ldc.i4.1; ret — blocks at 0, 14 (fall-through and case 0), 16.
        byte[] withSwitch = [0x02, 0x45, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0x16, 0x2A, 0x17, 0x2A];
        IlBlocks.Of(withSwitch, []).ShouldBe(new IlBlocks.Shape(6, 3));

        // An exception region's bounds start blocks even without a branch.
        IlBlocks.Of([0x00, 0x00, 0x00, 0x2A], [1, 2]).ShouldBe(new IlBlocks.Shape(4, 3));
    }

    /// <summary>
    /// Rules over independent ranges (so planning falls back to leaves checking many rules) whose checks each hold a
    /// dozen alternatives: leaves whose candidates are many branches each.
    /// </summary>
    private static RuleFile LongChecks(int rules)
    {
        var yaml = new StringBuilder()
            .AppendLine("ruleset: LongChecks")
            .AppendLine("inputs: { a: int, b: int, name: string }")
            .AppendLine("outputs: { value: int }")
            .AppendLine("rules:");
        var random = new System.Random(9);
        for (var i = 0; i < rules; i++)
        {
            var names = string.Join(", ", Enumerable.Range(0, 12).Select(n => $"n{random.Next(40)}"));
            var lo = random.Next(-50, 50);
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: r{i}, when: {{ a: {{ between: [{lo}, {lo + random.Next(0, 30)}] }}, b: {{ gt: {random.Next(-50, 50)} }}, name: {{ in: [{names}], ignore-case: true }} }}, then: {{ value: {i} }} }}");
        }

        return new RuleFile("rules/long-checks.rules.yaml", yaml.ToString());
    }

    /// <summary>A lookup on an int key: one range switch whose every point leads to its own rule.</summary>
    private static RuleFile IntLookup(int keys)
    {
        var yaml = new StringBuilder()
            .AppendLine("ruleset: IntLookup")
            .AppendLine("inputs: { key: int, flag: bool }")
            .AppendLine("outputs: { value: int }")
            .AppendLine("rules:");
        for (var i = 0; i < keys; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: k{i}, when: {{ key: {i * 7}, flag: {(i % 2 == 0 ? "true" : "false")} }}, then: {{ value: {i} }} }}");
        }

        return new RuleFile("rules/int-lookup.rules.yaml", yaml.ToString());
    }

    private static void AssertMethodsFit(params RuleFile[] files)
    {
        var assembly = GeneratorHarness.RunAndLoad(files);
        var methods = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(method => method.GetMethodBody() is not null)
            .Select(method =>
            {
                var body = method.GetMethodBody()!;
                var shape = IlBlocks.Of(body);
                return (Name: method.DeclaringType!.Name + "." + method.Name, IlBytes: body.GetILAsByteArray()!.Length, shape.Instructions, shape.BasicBlocks);
            })
            .ToList();
        methods.Count.ShouldBeGreaterThan(files.Length);

        var largest = methods.MaxBy(m => m.IlBytes);
        largest.IlBytes.ShouldBeLessThan(MaxIlBytes, $"{largest.Name} has {largest.IlBytes} bytes of IL");
        var longest = methods.MaxBy(m => m.Instructions);
        longest.Instructions.ShouldBeLessThan(MaxInstructions, $"{longest.Name} has {longest.Instructions} IL instructions");
        var branchiest = methods.MaxBy(m => m.BasicBlocks);
        branchiest.BasicBlocks.ShouldBeLessThan(MaxBasicBlocks, $"{branchiest.Name} has {branchiest.BasicBlocks} basic blocks");
    }
}
