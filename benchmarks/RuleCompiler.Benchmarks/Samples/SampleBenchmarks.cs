using System;
using System.Linq;
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

        // The same rule files loaded at run time on the generated types, checked against the generated code on every input.
        _shellGuardLoaded = Loaded(RuleCompiler.Samples.ShellGuard.Load(RuleText("shell-guard")), _shellGuard, RuleCompiler.Samples.ShellGuard.Evaluate);
        _safeShellLoaded = Loaded(SafeShellDefaults.Load(RuleText("safeshell-defaults")), _safeShell, SafeShellDefaults.Evaluate);
        _accessPolicyLoaded = Loaded(RuleCompiler.Samples.AccessPolicy.Load(RuleText("access-policy")), _accessPolicy, RuleCompiler.Samples.AccessPolicy.Evaluate);
        _taskRouterLoaded = Loaded(RuleCompiler.Samples.TaskRouter.Load(RuleText("task-router")), _taskRouter, RuleCompiler.Samples.TaskRouter.Evaluate);
        _modelPricingLoaded = Loaded(RuleCompiler.Samples.ModelPricing.Load(RuleText("model-pricing")), _modelPricing, RuleCompiler.Samples.ModelPricing.Evaluate);
        _llmCostLoaded = Loaded(RequestCost.Load(RuleText("llm-cost")), _llmCost, RequestCost.Evaluate);
        var mcp = RuleCompiler.Samples.McpIntercept.Load(RuleText("mcp-intercept"));
        _mcpInterceptLoaded = mcp.RuleSet ?? throw new InvalidOperationException("mcp-intercept does not load:\n" + mcp);
        foreach (var input in _mcpIntercept)
        {
            var generated = new System.Collections.Generic.List<string>();
            foreach (var match in RuleCompiler.Samples.McpIntercept.EvaluateAll(in input))
            {
                generated.Add(match.RuleId + match.Output);
            }

            var loaded = new System.Collections.Generic.List<string>();
            foreach (var match in _mcpInterceptLoaded.EvaluateAll(in input))
            {
                loaded.Add(match.RuleId + match.Output);
            }

            if (!generated.SequenceEqual(loaded))
            {
                throw new InvalidOperationException($"mcp-intercept: loaded [{string.Join(", ", loaded)}], generated [{string.Join(", ", generated)}]");
            }
        }

        TieredJit.WarmUp(() => ShellGuardLoaded(), () => SafeShellLoaded(), () => AccessPolicyLoaded(), () => TaskRouterLoaded(), () => ModelPricingLoaded(), () => McpInterceptLoadedEvaluateAll(), () => LlmCostLoaded());
    }

    private IRuleSet<ShellGuardInput, ShellGuardOutput>? _shellGuardLoaded;
    private IRuleSet<SafeShellDefaultsInput, SafeShellDefaultsOutput>? _safeShellLoaded;
    private IRuleSet<AccessPolicyInput, AccessPolicyOutput>? _accessPolicyLoaded;
    private IRuleSet<TaskRouterInput, TaskRouterOutput>? _taskRouterLoaded;
    private IRuleSet<ModelPricingInput, ModelPricingOutput>? _modelPricingLoaded;
    private IRuleSet<McpInterceptInput, McpInterceptOutput>? _mcpInterceptLoaded;
    private IRuleSet<RequestCostInput, RequestCostOutput>? _llmCostLoaded;

    private delegate RuleResult<TOutput> Evaluator<TInput, TOutput>(in TInput input);

    /// <summary>The loaded rule set, after checking that it answers every input as the generated code does.</summary>
    private static IRuleSet<TInput, TOutput> Loaded<TInput, TOutput>(RuleSetLoadResult<TInput, TOutput> load, TInput[] inputs, Evaluator<TInput, TOutput> generated)
    {
        var ruleSet = load.RuleSet ?? throw new InvalidOperationException("does not load:\n" + load);
        foreach (var input in inputs)
        {
            var (expected, actual) = (generated(in input), ruleSet.Evaluate(in input));
            if (expected.Matched != actual.Matched || expected.RuleId != actual.RuleId || !Equals(expected.Output, actual.Output))
            {
                throw new InvalidOperationException($"loaded {actual}, generated {expected}");
            }
        }

        return ruleSet;
    }

    private static string RuleText(string name)
    {
        using var stream = typeof(SampleBenchmarks).Assembly.GetManifestResourceStream("rules/" + name + ".rules.yaml")!;
        return new System.IO.StreamReader(stream).ReadToEnd();
    }

    /// <summary>shell-guard loaded at run time (RuleCompiler.Loader): the same inputs as <see cref="ShellGuard"/>.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int ShellGuardLoaded()
    {
        var (inputs, ruleSet) = (_shellGuard, _shellGuardLoaded!);
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += (int)ruleSet.Evaluate(in inputs[i]).Output.Decision;
        }

        return sum;
    }

    /// <summary>safeshell-defaults loaded at run time.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int SafeShellLoaded()
    {
        var (inputs, ruleSet) = (_safeShell, _safeShellLoaded!);
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += (int)ruleSet.Evaluate(in inputs[i]).Output.Decision;
        }

        return sum;
    }

    /// <summary>access-policy loaded at run time.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int AccessPolicyLoaded()
    {
        var (inputs, ruleSet) = (_accessPolicy, _accessPolicyLoaded!);
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += (int)ruleSet.Evaluate(in inputs[i]).Output.Effect;
        }

        return sum;
    }

    /// <summary>task-router loaded at run time.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int TaskRouterLoaded()
    {
        var (inputs, ruleSet) = (_taskRouter, _taskRouterLoaded!);
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += ruleSet.Evaluate(in inputs[i]).Output.MaxTokens;
        }

        return sum;
    }

    /// <summary>model-pricing loaded at run time.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int ModelPricingLoaded()
    {
        var (inputs, ruleSet) = (_modelPricing, _modelPricingLoaded!);
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += ruleSet.Evaluate(in inputs[i]).Output.BillingUnit.Length;
        }

        return sum;
    }

    /// <summary>mcp-intercept loaded at run time: EvaluateAll (which allocates its list of matches) and the enumeration.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public int McpInterceptLoadedEvaluateAll()
    {
        var (inputs, ruleSet) = (_mcpIntercept, _mcpInterceptLoaded!);
        var sum = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            foreach (var match in ruleSet.EvaluateAll(in inputs[i]))
            {
                sum += (int)match.Output.Action;
            }
        }

        return sum;
    }

    /// <summary>llm-cost loaded at run time.</summary>
    [Benchmark(OperationsPerInvoke = SampleWorkload.Inputs)]
    public decimal LlmCostLoaded()
    {
        var (inputs, ruleSet) = (_llmCost, _llmCostLoaded!);
        var sum = 0m;
        for (var i = 0; i < inputs.Length; i++)
        {
            sum += ruleSet.Evaluate(in inputs[i]).Output.CostUsd;
        }

        return sum;
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
