using System.Linq;
using System.Reflection;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// The JIT stops optimizing a method past 60,000 bytes of IL (among other limits). No generated evaluation method
/// comes near it, whatever the rule set's size: dispatch tables and leaves are split into part methods.
/// Static constructors (the rule and output tables, run once) are not evaluation code and are left out.
/// </summary>
public sealed class JitLimitTests
{
    private const int JitOptimizationLimit = 60_000;

    [Fact]
    public void No_generated_method_of_any_sample_exceeds_the_jit_optimization_limit() =>
        AssertMethodsFit(SampleFiles.Names.Select(SampleFiles.Load).ToArray());

    [Fact]
    public void No_generated_method_of_large_rule_sets_exceeds_the_jit_optimization_limit() =>
        AssertMethodsFit(RuleFileWriter.Lookup(3000), RuleFileWriter.Ranges(1500, seed: 1, "first"));

    private static void AssertMethodsFit(params RuleFile[] files)
    {
        var assembly = GeneratorHarness.RunAndLoad(files);
        var sizes = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(method => (Name: method.DeclaringType!.Name + "." + method.Name, Size: method.GetMethodBody()?.GetILAsByteArray()?.Length ?? 0))
            .OrderByDescending(m => m.Size)
            .ToList();
        sizes.Count.ShouldBeGreaterThan(files.Length);
        var largest = sizes[0];
        largest.Size.ShouldBeLessThan(JitOptimizationLimit, $"{largest.Name} has {largest.Size} bytes of IL");
    }
}
