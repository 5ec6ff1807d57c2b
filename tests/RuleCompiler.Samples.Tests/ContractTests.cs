using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Tests;

/// <summary>The sample's compiled rule set describes itself (spec §14), as a loader checks a rule file against it.</summary>
public sealed class ContractTests
{
    [Fact]
    public void Shell_guard_contract_is_its_rule_files_declarations()
    {
        var contract = ShellGuard.Contract;

        (contract.Name, contract.Namespace, contract.Hit).ShouldBe(("ShellGuard", "RuleCompiler.Samples", "output-priority"));
        contract.ToString().ShouldBe(
            "hit: output-priority, inputs: { command: string, subcommand: string, args: string-list, line: string, pipes_to: string, "
            + "actor: { enum: [human, ai] }, elevated: bool }, outputs: { decision: { enum: [deny, ask, allow] }, message: string }");
        ShellGuard.Contract.ShouldBeSameAs(contract);
    }
}
