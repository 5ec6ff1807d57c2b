using System.Linq;
using System.Reflection;
using RuleCompiler.Language.Binding;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>
/// A rule set cannot be named like a member of its own generated class (CS0542); the binder reserves those names.
/// Every member the emitter writes, for every sample and feature file, must be one the binder reserves.
/// </summary>
public sealed class GeneratedMembersTests
{
    [Fact]
    public void Every_member_of_every_generated_rule_set_class_is_a_reserved_rule_set_name()
    {
        var files = SampleFiles.Names.Select(SampleFiles.Load).Concat(FeatureFiles.Names.Select(FeatureFiles.Load)).Append(RuleFileWriter.Lookup(600)).ToArray();
        var assembly = GeneratorHarness.RunAndLoad(files);
        var classes = assembly.GetTypes().Where(t => t.IsAbstract && t.IsSealed && !t.IsNested).ToList();
        classes.Count.ShouldBe(files.Length);

        var members = classes
            .SelectMany(c => c.GetMembers(BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(m => m is not ConstructorInfo && !m.Name.StartsWith("get_", System.StringComparison.Ordinal) && !m.Name.StartsWith("<", System.StringComparison.Ordinal))
            .Select(m => m.Name)
            .Distinct()
            .ToList();
        members.ShouldContain("Evaluate");
        members.ShouldContain("EvaluateAll");
        members.ShouldContain("Node0Part1");
        members.ShouldContain("Explain");
        members.ShouldContain("ConditionTests");
        members.ShouldNotContain("ExplainValue");
        members.Where(name => !GeneratedMembers.IsMemberName(name)).ShouldBeEmpty();
    }
}
