using System;

namespace RuleCompiler.Samples.CostTracker;

/// <summary>The price of one call: its cost, and whether the model's price sheet knew it (both directions matched).</summary>
public readonly record struct CallCost(decimal CostUsd, bool Priced, decimal UsdPer1kInput, decimal UsdPer1kOutput);

/// <summary>
/// Prices a call with the two compiled rule sets: <see cref="ModelPricing"/> gives the model's price per 1k tokens
/// for each direction (its long-context band chosen by the prompt size), then <see cref="RequestCost"/> computes the
/// tokens at those prices and adds every surcharge that applies (collect + sum). Allocates nothing.
/// </summary>
public static class CallPricer
{
    public static CallCost Price(in LlmCall call)
    {
        var input = ModelPricing.Evaluate(new ModelPricingInput
        {
            Model = call.Model, Tier = call.Tier, Direction = ModelPricingDirection.Input, ContextTokens = call.InputTokens,
        });
        var output = ModelPricing.Evaluate(new ModelPricingInput
        {
            Model = call.Model, Tier = call.Tier, Direction = ModelPricingDirection.Output, ContextTokens = call.InputTokens,
        });
        var cost = RequestCost.Evaluate(new RequestCostInput
        {
            Region = call.Region,
            Tier = ToRequestCostTier(call.Tier),
            Streaming = call.Streaming,
            InputTokens = call.InputTokens,
            OutputTokens = call.OutputTokens,
            UsdPer1kInput = input.Output.UsdPer1kTokens,
            UsdPer1kOutput = output.Output.UsdPer1kTokens,
        });
        return new CallCost(cost.Output.CostUsd, input.Matched && output.Matched, input.Output.UsdPer1kTokens, output.Output.UsdPer1kTokens);
    }

    // The two rule files declare the same tiers; each generates its own enum.
    private static RequestCostTier ToRequestCostTier(ModelPricingTier tier) => tier switch
    {
        ModelPricingTier.Standard => RequestCostTier.Standard,
        ModelPricingTier.Batch => RequestCostTier.Batch,
        ModelPricingTier.Priority => RequestCostTier.Priority,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "a tier model-pricing does not declare"),
    };
}
