using System.Collections.Generic;
using System.Linq;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Tests;

/// <summary>The other samples through their typed generated API, one realistic scenario per hit policy.</summary>
public sealed class SampleRuleSetTests
{
    [Fact]
    public void Task_router_looks_up_the_agent_by_task_type_and_capability()
    {
        var result = TaskRouter.Evaluate(new TaskRouterInput { TaskType = "code-review", Capability = "csharp", Priority = TaskRouterPriority.Normal });
        result.RuleId.ShouldBe("code-review.csharp");
        result.Output.Agent.ShouldNotBeNullOrEmpty();
        result.Output.MaxTokens.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Model_pricing_bills_long_prompts_at_the_long_context_rate()
    {
        var shortPrompt = ModelPricing.Evaluate(new ModelPricingInput { Model = "claude-sonnet-4", Tier = ModelPricingTier.Standard, Direction = ModelPricingDirection.Input, ContextTokens = 200_000 });
        var longPrompt = ModelPricing.Evaluate(new ModelPricingInput { Model = "claude-sonnet-4", Tier = ModelPricingTier.Standard, Direction = ModelPricingDirection.Input, ContextTokens = 200_001 });
        shortPrompt.Output.UsdPer1kTokens.ShouldBe(0.003m);
        longPrompt.Output.UsdPer1kTokens.ShouldBeGreaterThan(shortPrompt.Output.UsdPer1kTokens);
        longPrompt.RuleId.ShouldNotBe(shortPrompt.RuleId);
    }

    [Fact]
    public void Model_pricing_of_an_unknown_model_is_the_default()
    {
        var result = ModelPricing.Evaluate(new ModelPricingInput { Model = "no-such-model" });
        result.Matched.ShouldBeFalse();
        result.Output.ShouldBe(new ModelPricingOutput(0m, "unknown"));
    }

    [Fact]
    public void Access_policy_denies_confidential_data_without_mfa_even_to_the_owner()
    {
        var result = AccessPolicy.Evaluate(new AccessPolicyInput
        {
            Role = AccessPolicyRole.Owner,
            Resource = "/orgs/acme/projects/web/docs/acquisition-plan",
            Action = AccessPolicyAction.Read,
            Mfa = false,
            IpTrusted = true,
            At = new System.DateTimeOffset(2026, 12, 2, 10, 30, 0, System.TimeSpan.Zero),
            Tags = ["confidential"],
        });
        result.Output.Effect.ShouldBe(AccessPolicyEffect.Deny);
        result.RuleId.ShouldBe("deny-confidential-without-mfa");
    }

    [Fact]
    public void Mcp_intercept_collects_every_action_in_file_order()
    {
        var matches = McpIntercept.EvaluateAll(new McpInterceptInput
        {
            Method = "tools/call",
            Tool = "shell.exec",
            Client = "unknown-client",
            Direction = McpInterceptDirection.Request,
            SizeBytes = 310,
            ParamsKeys = ["name", "arguments", "command"],
        });
        var ids = new List<string>();
        foreach (var match in matches)
        {
            ids.Add(match.RuleId!);
            match.Matched.ShouldBeTrue();
        }

        ids.ShouldBe(new[] { "log-all", "block-dangerous-tool-untrusted-client", "block-exec-like-tool-unknown-client", "delay-unknown-client-tool-calls" });
        matches.Count.ShouldBe(4);
        ids.Select(id => McpIntercept.Rules.Single(r => r.Id == id).Index).ShouldBeInOrder();
    }

    [Fact]
    public void Request_cost_adds_the_computed_token_cost_to_every_surcharge_that_holds()
    {
        var input = new RequestCostInput
        {
            Region = "eu-west-1", Tier = RequestCostTier.Standard, Streaming = true,
            InputTokens = 12_000, OutputTokens = 800, UsdPer1kInput = 0.0025m, UsdPer1kOutput = 0.01m,
        };
        var result = RequestCost.Evaluate(in input);
        result.Matched.ShouldBeTrue();
        result.RuleId.ShouldBeNull();
        result.Output.CostUsd.ShouldBe(12_000 * 0.0025m / 1000 + 800 * 0.01m / 1000 + 0.002m + 0.0005m);
    }

    [Fact]
    public void Safeshell_defaults_require_approval_for_an_ai_force_push()
    {
        var result = SafeShell.Rules.SafeShellDefaults.Evaluate(new SafeShell.Rules.SafeShellDefaultsInput
        {
            Executable = "git",
            Line = "git push --force origin main",
            Actor = SafeShell.Rules.SafeShellDefaultsActor.Ai,
            Branch = "main",
        });
        result.Output.Decision.ShouldBe(SafeShell.Rules.SafeShellDefaultsDecision.RequireApproval);
        result.RuleId.ShouldBe("approve-force-push-protected");
    }
}
