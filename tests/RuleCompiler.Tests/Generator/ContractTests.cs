using System.Linq;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>
/// <c>Contract</c> (spec §14): every generated rule set describes its inputs, outputs, types and enum values as its
/// file declares them, records and maps included, built once on first use; rule sets that declare the same fields
/// under the same policy have equal contracts, whatever their names.
/// </summary>
public sealed class ContractTests
{
    [Fact]
    public void A_contract_writes_the_declarations_as_the_rule_file_does_records_and_maps_included()
    {
        var contract = ContractOf(FeatureFiles.Load("paths.rules.yaml"), "Tests.Generated.Paths");

        (contract.Name, contract.Namespace, contract.Hit).ShouldBe(("Paths", "Tests.Generated", "first"));
        contract.ToString().ShouldBe(
            "hit: first, "
            + "inputs: { request: { record: { method: { enum: [get, post, delete] }, path: string, size: long, client: { record: { name: string, trusted: bool, labels: { map: string } } } } }, env: { map: string }, caller: string }, "
            + "outputs: { decision: { enum: [allow, deny, review] }, note: string, budget: long }");
        contract.Inputs[0].Fields[3].Fields[2].Type.ShouldBe("map");
        contract.Outputs[0].Values.ShouldBe(new[] { "allow", "deny", "review" });
    }

    [Fact]
    public void Layers_over_one_base_have_its_contract_and_a_contract_is_built_once()
    {
        var files = new[]
        {
            new RuleFile("rules/base.rules.yaml", Layers.LayerTests.Base),
            new RuleFile("rules/user.rules.yaml", Layers.LayerTests.User),
        };
        var assembly = GeneratorHarness.LoadCleanlyCompiled(GeneratorHarness.RunUncached(files));
        var baseContract = Read(assembly, "Tests.Generated.Base");
        var userContract = Read(assembly, "Tests.Generated.User");

        userContract.ShouldBe(baseContract);
        userContract.Name.ShouldBe("User");
        Read(assembly, "Tests.Generated.User").ShouldBeSameAs(userContract);

        var other = ContractOf(FeatureFiles.Load("paths.rules.yaml"), "Tests.Generated.Paths");
        other.ShouldNotBe(baseContract);
    }

    private static RuleSetContract ContractOf(RuleFile file, string type) => Read(GeneratorHarness.RunAndLoad(file), type);

    private static RuleSetContract Read(System.Reflection.Assembly assembly, string type) =>
        (RuleSetContract)assembly.GetType(type, throwOnError: true)!.GetProperty("Contract")!.GetValue(null)!;
}
