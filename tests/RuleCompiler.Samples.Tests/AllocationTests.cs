using System;
using System.Runtime.CompilerServices;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Tests;

/// <summary>
/// Evaluate and EvaluateAll allocate exactly nothing, for every sample and hit policy, on inputs that take the
/// regex, glob, prefix, list and range paths. Measured with the thread's allocation counter, which is exact.
/// Run alone: while other threads match the same static regexes (the concurrency tests), .NET's regex engine hands
/// a thread that finds the regex's cached runner busy a new runner, which allocates (docs/language-notes.md).
/// </summary>
[Collection(AllocationTestCollection.Name)]
public sealed class AllocationTests
{
    private const int Calls = 2_000;

    [Fact]
    public void Shell_guard_evaluate_allocates_nothing_where_the_message_is_a_literal()
    {
        ShellGuardInput[] inputs =
        [
            new() { Command = "rm", Args = ["-r", "-f", "build"], Line = "rm -rf build", Actor = ShellGuardActor.Ai },
            new() { Command = "git", Subcommand = "push", Args = ["push", "--force", "origin", "main"], Line = "git push --force origin main", Actor = ShellGuardActor.Ai },
            new() { Command = "curl", Args = ["-fsSL", "https://x"], Line = "curl -fsSL https://x", PipesTo = "sh", Actor = ShellGuardActor.Human },
            new() { Command = "cat", Args = [".env"], Line = "cat .env", Actor = ShellGuardActor.Ai },
            new() { Command = "ls", Line = "ls", Actor = ShellGuardActor.Ai },
            default,
        ];
        AssertEvaluationAllocatesNothing(inputs, ShellGuard.Evaluate, result => result.Output.Decision);
    }

    [Fact]
    public void Shell_guard_template_messages_allocate_exactly_their_string()
    {
        // Deny messages are templates (spec §10) naming the command line: the message string is the one allocation,
        // and only for the rule that wins. The same inputs with a literal message (ask) allocate nothing.
        var denied = new ShellGuardInput { Command = "rm", Args = ["-r", "-f", "/"], Line = "rm -rf /", Actor = ShellGuardActor.Ai };
        var message = ShellGuard.Evaluate(in denied).Output.Message;
        message.ShouldBe("BLOCKED: `rm -rf /` deletes the root filesystem (/) recursively, which is catastrophic and never allowed.");
        var stringBytes = BytesOf(() => Consume(new string('x', message.Length)));

        BytesOf(() => Consume(ShellGuard.Evaluate(in denied).Output.Message)).ShouldBe(stringBytes);

        var longLine = new ShellGuardInput { Command = "rm", Args = ["-r", "-f", "/"], Line = "rm -rf / " + new string('x', 1_000), Actor = ShellGuardActor.Ai };
        var longMessage = ShellGuard.Evaluate(in longLine).Output.Message;
        longMessage.ShouldContain(longLine.Line);
        BytesOf(() => Consume(ShellGuard.Evaluate(in longLine).Output.Message)).ShouldBe(BytesOf(() => Consume(new string('x', longMessage.Length))), "past the stack buffer, the text moves to a pooled array: still only the string");
    }

    [Fact]
    public void Access_policy_evaluate_allocates_nothing()
    {
        AccessPolicyInput[] inputs =
        [
            new() { Role = AccessPolicyRole.Owner, Resource = "/orgs/acme/projects/web/secrets/db", Action = AccessPolicyAction.Read, At = new DateTimeOffset(2026, 12, 2, 10, 30, 0, TimeSpan.Zero), Tags = ["confidential"] },
            new() { Role = AccessPolicyRole.Editor, Resource = "/orgs/acme/projects/web/environments/production-eu", Action = AccessPolicyAction.Delete, Mfa = true, IpTrusted = true, At = new DateTimeOffset(2026, 12, 2, 3, 30, 0, TimeSpan.Zero) },
            new() { Role = AccessPolicyRole.Viewer, Resource = "/orgs/acme/audit-log", Action = AccessPolicyAction.List, At = new DateTimeOffset(2026, 12, 2, 1, 30, 0, TimeSpan.Zero), Tags = ["pii", "public"] },
        ];
        AssertEvaluationAllocatesNothing(inputs, AccessPolicy.Evaluate, result => result.Output.Effect);
    }

    [Fact]
    public void Task_router_evaluate_allocates_nothing()
    {
        TaskRouterInput[] inputs =
        [
            new() { TaskType = "code-review", Capability = "csharp" },
            new() { TaskType = "incident-triage", Capability = "go", Priority = TaskRouterPriority.Urgent },
            new() { TaskType = "no-such-task" },
        ];
        AssertEvaluationAllocatesNothing(inputs, TaskRouter.Evaluate, result => result.Output.MaxTokens);
    }

    [Fact]
    public void Model_pricing_evaluate_allocates_nothing()
    {
        ModelPricingInput[] inputs =
        [
            new() { Model = "claude-sonnet-4", Direction = ModelPricingDirection.Output, ContextTokens = 250_000 },
            new() { Model = "gpt-4o-mini", Tier = ModelPricingTier.Batch, ContextTokens = 1_000 },
            new() { Model = "unknown" },
        ];
        AssertEvaluationAllocatesNothing(inputs, ModelPricing.Evaluate, result => result.Output.UsdPer1kTokens);
    }

    [Fact]
    public void Mcp_intercept_evaluate_all_and_its_enumeration_allocate_nothing()
    {
        McpInterceptInput[] inputs =
        [
            new() { Method = "tools/call", Tool = "shell.exec", Client = "unknown-client", SizeBytes = 310, ParamsKeys = ["name", "arguments", "command"] },
            new() { Method = "sampling/createMessage", Client = "cursor", Direction = McpInterceptDirection.Response, SizeBytes = 20_000_000, ContainsSecrets = true },
        ];
        AssertAllocatesNothing(() =>
        {
            foreach (ref readonly var input in inputs.AsSpan())
            {
                foreach (var match in McpIntercept.EvaluateAll(in input))
                {
                    Consume(match.Output.Action);
                }
            }
        });
    }

    [Fact]
    public void Request_cost_aggregate_with_its_computed_token_cost_allocates_nothing()
    {
        RequestCostInput[] inputs =
        [
            new() { Region = "eu-west-1", Streaming = true, InputTokens = 5000, OutputTokens = 700, UsdPer1kInput = 0.003m, UsdPer1kOutput = 0.015m },
            new() { Region = "us-gov-west-1", Tier = RequestCostTier.Priority, InputTokens = 500_000 },
        ];
        AssertEvaluationAllocatesNothing(inputs, RequestCost.Evaluate, result => result.Output.CostUsd);
    }

    [Fact]
    public void Safeshell_defaults_evaluate_allocates_nothing()
    {
        SafeShell.Rules.SafeShellDefaultsInput[] inputs =
        [
            new() { Executable = "rm", Line = "rm -rf /", Actor = SafeShell.Rules.SafeShellDefaultsActor.Ai },
            new() { Executable = "az", Line = "az vm delete --name x", Actor = SafeShell.Rules.SafeShellDefaultsActor.Ai },
            new() { Executable = "gh", Line = "gh repo delete acme/web", Actor = SafeShell.Rules.SafeShellDefaultsActor.Ai },
        ];
        AssertEvaluationAllocatesNothing(inputs, SafeShell.Rules.SafeShellDefaults.Evaluate, result => result.Output.Decision);
    }

    /// <summary>
    /// A rule file loaded at run time runs code compiled at load over the same kernels: it allocates nothing either,
    /// with decisions from literals, regex automata, globs, lists, ranges, data nodes and computed aggregates.
    /// </summary>
    [Fact]
    public void Loaded_rule_sets_evaluate_allocates_nothing()
    {
        var shell = ShellGuard.LoadFile(Samples.RuleFile("shell-guard.rules.yaml")).RuleSet!;
        ShellGuardInput[] commands =
        [
            new() { Command = "git", Subcommand = "push", Args = ["push", "--force", "origin", "main"], Line = "git push --force origin main", Actor = ShellGuardActor.Ai },
            new() { Command = "cat", Args = [".env"], Line = "cat .env", Actor = ShellGuardActor.Ai },
            new() { Command = "ls", Line = "ls", Actor = ShellGuardActor.Ai },
            default,
        ];
        AssertEvaluationAllocatesNothing(commands, shell.Evaluate, result => result.Output.Decision);

        var access = AccessPolicy.LoadFile(Samples.RuleFile("access-policy.rules.yaml")).RuleSet!;
        AccessPolicyInput[] requests =
        [
            new() { Role = AccessPolicyRole.Owner, Resource = "/orgs/acme/projects/web/secrets/db", Action = AccessPolicyAction.Read, At = new DateTimeOffset(2026, 12, 2, 10, 30, 0, TimeSpan.Zero), Tags = ["confidential"] },
            new() { Role = AccessPolicyRole.Viewer, Resource = "/orgs/acme/audit-log", Action = AccessPolicyAction.List, At = new DateTimeOffset(2026, 12, 2, 1, 30, 0, TimeSpan.Zero), Tags = ["pii", "public"] },
        ];
        AssertEvaluationAllocatesNothing(requests, access.Evaluate, result => result.Output.Effect);

        var cost = RequestCost.LoadFile(Samples.RuleFile("llm-cost.rules.yaml")).RuleSet!;
        RequestCostInput[] calls =
        [
            new() { Region = "eu-west-1", Streaming = true, InputTokens = 5000, OutputTokens = 700, UsdPer1kInput = 0.003m, UsdPer1kOutput = 0.015m },
            new() { Region = "us-gov-west-1", Tier = RequestCostTier.Priority, InputTokens = 500_000 },
        ];
        AssertEvaluationAllocatesNothing(calls, cost.Evaluate, result => result.Output.CostUsd);

        var router = TaskRouter.LoadFile(Samples.RuleFile("task-router.rules.yaml")).RuleSet!;
        TaskRouterInput[] tasks = [new() { TaskType = "code-review", Capability = "csharp" }, new() { TaskType = "no-such-task" }];
        AssertEvaluationAllocatesNothing(tasks, router.Evaluate, result => result.Output.MaxTokens);
    }

    private delegate TResult Evaluator<TInput, TResult>(in TInput input);

    private static void AssertEvaluationAllocatesNothing<TInput, TResult, TValue>(TInput[] inputs, Evaluator<TInput, TResult> evaluate, Func<TResult, TValue> read)
    {
        AssertAllocatesNothing(() =>
        {
            foreach (ref readonly var input in inputs.AsSpan())
            {
                Consume(read(evaluate(in input)));
            }
        });
    }

    private static void AssertAllocatesNothing(Action evaluateAll)
    {
        // Warm up: static tables, regex runners and the JIT's first calls may allocate once.
        for (var i = 0; i < 50; i++)
        {
            evaluateAll();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            evaluateAll();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0L);
    }

    /// <summary>The bytes one call allocates, after a warm-up, averaged over <see cref="Calls"/> calls (exact when each call allocates the same).</summary>
    private static long BytesOf(Action call)
    {
        for (var i = 0; i < 50; i++)
        {
            call();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            call();
        }

        var total = GC.GetAllocatedBytesForCurrentThread() - before;
        (total % Calls).ShouldBe(0L, "every call allocates the same");
        return total / Calls;
    }

    // Stores the result where the JIT cannot discard it, without boxing it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Consume<T>(T value) => Sink<T>.Last = value;

    private static class Sink<T>
    {
        public static T? Last;
    }
}

/// <summary>Tests that measure allocations run with no other test running in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationTestCollection
{
    public const string Name = "Allocation measurements";
}
