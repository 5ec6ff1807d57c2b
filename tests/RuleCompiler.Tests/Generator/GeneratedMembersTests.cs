using System.Linq;
using System.Reflection;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Lowering;
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

/// <summary>
/// <c>Load</c> and <c>LoadFile</c> (spec §14) are generated exactly when the project references the run-time loader,
/// reserved like every generated member, and load the rule set's own file on its own types.
/// </summary>
public sealed class GeneratedLoadTests
{
    private const string Guard = """
        ruleset: Guard
        inputs:
          command: string
        outputs:
          decision: { enum: [allow, deny] }
        rules:
          - id: deny-rm
            when: { command: rm }
            then: { decision: deny }
        """;

    [Fact]
    public void Load_is_generated_only_when_the_project_references_the_loader()
    {
        var file = new RuleFile("guard.rules.yaml", Guard);
        var without = GeneratorHarness.Run(GeneratorHarness.NewDriver(new[] { file }), GeneratorHarness.NewCompilation());
        var with = GeneratorHarness.Run(
            GeneratorHarness.NewDriver(new[] { file }),
            GeneratorHarness.NewCompilation().AddReferences(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(RuleSetLoader).Assembly.Location)));

        without.Sources.ShouldHaveSingleItem().SourceText.ToString().ShouldNotContain("RuleSetLoader");
        var source = with.Sources.ShouldHaveSingleItem().SourceText.ToString();
        source.ShouldContain("public static global::RuleCompiler.RuleSetLoadResult<GuardInput, GuardOutput> Load(string yaml, string? path = null, global::RuleCompiler.LoadOptions? options = null)");
        source.ShouldContain("LoadFile(string path, global::RuleCompiler.LoadOptions? options = null)");
        MemberNames.IsReserved("Load").ShouldBeTrue();
        MemberNames.IsReserved("LoadFile").ShouldBeTrue();

        // The generated Load, called: the file loads for its own compiled rule set and decides as it does.
        var assembly = GeneratorHarness.LoadCleanlyCompiled(with);
        var type = assembly.GetType(GeneratorHarness.RootNamespace + ".Guard")!;
        var result = type.GetMethod("Load")!.Invoke(null, new object?[] { Guard, "guard.rules.yaml", null })!;
        ((bool)result.GetType().GetProperty("Succeeded")!.GetValue(result)!).ShouldBeTrue(result.ToString());
    }
}
