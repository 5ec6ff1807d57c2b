using System;
using BenchmarkDotNet.Attributes;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Samples;
using SafeShell.Rules;

namespace RuleCompiler.Benchmarks.Samples;

/// <summary>
/// The sample rule sets of rules/, compiled into this assembly by the generator as in any consumer project, each on its
/// representative inputs (<see cref="SampleWorkload"/>). Times are per evaluation; each loop sums an output a caller
/// would read. The setup checks every input against the reference evaluator first.
/// </summary>
[Config(typeof(EvaluationConfig))]
public class SampleBenchmarks
{
    private ShellGuardInput[] _shellGuard = [];
    private SafeShellDefaultsInput[] _safeShell = [];
    private AccessPolicyInput[] _accessPolicy = [];
    private TaskRouterInput[] _taskRouter = [];
    private ModelPricingInput[] _modelPricing = [];
    private McpInterceptInput[] _mcpIntercept = [];
    private RequestCostInput[] _llmCost = [];

    [GlobalSetup]
    public void Setup()
    {
        _shellGuard = Prepare<ShellGuardInput>("shell-guard", (workload, inputs) =>
            SampleCheck.Single(workload, inputs, input => { var r = RuleCompiler.Samples.ShellGuard.Evaluate(in input); return (r.Matched, r.RuleId, r.Output); }));
        _safeShell = Prepare<SafeShellDefaultsInput>("safeshell-defaults", (workload, inputs) =>
            SampleCheck.Single(workload, inputs, input => { var r = SafeShellDefaults.Evaluate(in input); return (r.Matched, r.RuleId, r.Output); }));
        _accessPolicy = Prepare<AccessPolicyInput>("access-policy", (workload, inputs) =>
            SampleCheck.Single(workload, inputs, input => { var r = RuleCompiler.Samples.AccessPolicy.Evaluate(in input); return (r.Matched, r.RuleId, r.Output); }));
        _taskRouter = Prepare<TaskRouterInput>("task-router", (workload, inputs) =>
            SampleCheck.Single(workload, inputs, input => { var r = RuleCompiler.Samples.TaskRouter.Evaluate(in input); return (r.Matched, r.RuleId, r.Output); }));
        _modelPricing = Prepare<ModelPricingInput>("model-pricing", (workload, inputs) =>
            SampleCheck.Single(workload, inputs, input => { var r = RuleCompiler.Samples.ModelPricing.Evaluate(in input); return (r.Matched, r.RuleId, r.Output); }));
        _mcpIntercept = Prepare<McpInterceptInput>("mcp-intercept", (workload, inputs) =>
            SampleCheck.Collect(workload, inputs, input =>
            {
                var ids = new System.Collections.Generic.List<string>();
                foreach (var match in RuleCompiler.Samples.McpIntercept.EvaluateAll(in input))
                {
                    ids.Add(match.RuleId!);
                }

                return ids;
            }));
        _llmCost = Prepare<RequestCostInput>("llm-cost", (workload, inputs) =>
            SampleCheck.Single(workload, inputs, input => { var r = RequestCost.Evaluate(in input); return (r.Matched, r.RuleId, r.Output); }));
        TieredJit.WarmUp(() => ShellGuard(), () => SafeShell(), () => AccessPolicy(), () => TaskRouter(), () => ModelPricing(), () => McpInterceptEvaluateAll(), () => LlmCost());
    }

    /// <summary>rules/shell-guard.rules.yaml (output-priority, 49 rules): typical shell traffic, parsed as the sample app does.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int ShellGuard()
    {
        var inputs = _shellGuard;
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += (int)RuleCompiler.Samples.ShellGuard.Evaluate(in inputs[i]).Output.Decision;
        }

        return sum;
    }

    /// <summary>rules/safeshell-defaults.rules.yaml (output-priority, 90 rules, many regexes): the same traffic as whole lines.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int SafeShell()
    {
        var inputs = _safeShell;
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += (int)SafeShellDefaults.Evaluate(in inputs[i]).Output.Decision;
        }

        return sum;
    }

    /// <summary>rules/access-policy.rules.yaml (priority): its test cases.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int AccessPolicy()
    {
        var inputs = _accessPolicy;
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += (int)RuleCompiler.Samples.AccessPolicy.Evaluate(in inputs[i]).Output.Effect;
        }

        return sum;
    }

    /// <summary>rules/task-router.rules.yaml (first, 129 rules, the lookup shape): its test cases.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int TaskRouter()
    {
        var inputs = _taskRouter;
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += RuleCompiler.Samples.TaskRouter.Evaluate(in inputs[i]).Output.MaxTokens;
        }

        return sum;
    }

    /// <summary>rules/model-pricing.rules.yaml (unique): its test cases.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int ModelPricing()
    {
        var inputs = _modelPricing;
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += RuleCompiler.Samples.ModelPricing.Evaluate(in inputs[i]).Output.BillingUnit.Length;
        }

        return sum;
    }

    /// <summary>rules/mcp-intercept.rules.yaml (collect): EvaluateAll and the enumeration of its matches, on its test cases.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int McpInterceptEvaluateAll()
    {
        var inputs = _mcpIntercept;
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            foreach (var match in RuleCompiler.Samples.McpIntercept.EvaluateAll(in inputs[i]))
            {
                sum += (int)match.Output.Action;
            }
        }

        return sum;
    }

    /// <summary>rules/llm-cost.rules.yaml (collect with sum): its test cases.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public decimal LlmCost()
    {
        var inputs = _llmCost;
        var sum = 0m;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += RequestCost.Evaluate(in inputs[i]).Output.CostUsd;
        }

        return sum;
    }

    private static TInput[] Prepare<TInput>(string name, Action<SampleWorkload, TInput[]> check)
        where TInput : struct
    {
        var workload = SampleWorkload.Load(name);
        var inputs = workload.TypedInputs<TInput>();
        check(workload, inputs);
        return inputs;
    }
}
