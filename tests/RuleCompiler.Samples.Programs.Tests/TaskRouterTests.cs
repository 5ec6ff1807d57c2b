using System;
using System.Linq;
using RuleCompiler.Samples.Programs.Tests.Infrastructure;
using RuleCompiler.Samples.TaskRouting;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Programs.Tests;

/// <summary>samples/TaskRouter: the compiled task-router rules beside the O(n) agent-profile scan they replace.</summary>
public sealed class TaskRouterTests
{
    private static readonly TaskRouterPriority[] Priorities = Enum.GetValues<TaskRouterPriority>();

    [Fact]
    public void Every_pair_an_agent_profile_serves_gets_the_same_assignment_from_the_rules_at_every_priority()
    {
        var checkedPairs = 0;
        foreach (var profile in CapabilityScan.Profiles)
        {
            foreach (var taskType in profile.TaskTypes)
            {
                foreach (var capability in profile.Capabilities)
                {
                    foreach (var priority in Priorities)
                    {
                        var task = new RoutingTask("t", taskType, capability, priority);
                        var rules = Routing.ByRules(task);
                        var scan = Routing.ByScan(task);
                        (rules.Agent, rules.Queue, rules.MaxTokens, rules.TimeoutSeconds)
                            .ShouldBe((scan.Agent, scan.Queue, scan.MaxTokens, scan.TimeoutSeconds), $"{taskType} x {capability} at {priority}");
                        scan.Decider.ShouldBe("profile scan");
                        // A rule of the lookup table or the grouped pairs decides, not a catch-all or the default.
                        rules.Decider.ShouldNotBe("default");
                        rules.Decider.ShouldNotEndWith(".any");
                    }

                    checkedPairs++;
                }
            }
        }

        // The rule file's table has 105 rows; its grouped rules add the rest.
        checkedPairs.ShouldBeGreaterThan(105);
    }

    [Fact]
    public void On_a_generated_stream_both_routers_agree_on_every_task_the_scan_has_a_profile_for()
    {
        var tasks = TaskStream.Generate(5000, seed: 3)
            .Select((task, index) => new RoutingTask($"t-{index}", task.TaskType, task.Capability, Enum.Parse<TaskRouterPriority>(task.Priority, ignoreCase: true)))
            .ToList();

        var comparison = Routing.Compare(tasks, rounds: 1);

        comparison.SharedTasks.ShouldBeInRange(tasks.Count / 4, tasks.Count - 1);
        comparison.Agreed.ShouldBe(comparison.SharedTasks);
        comparison.RulesMedianNs.ShouldBeGreaterThan(0);
        comparison.ScanMedianNs.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("translation-nl", "ui-strings", TaskRouterPriority.Normal, "translator-generic", "translation.other-languages.ui-strings")]
    [InlineData("incident-triage", "kubernetes", TaskRouterPriority.Urgent, "incident-commander", "incident-triage.urgent")]
    [InlineData("code-review", "elixir", TaskRouterPriority.Low, "code-reviewer-generalist", "code-review.any")]
    [InlineData("data-backfill", "python", TaskRouterPriority.Urgent, "generalist-senior", "urgent.any")]
    public void Tasks_outside_every_profile_are_decided_by_the_rules_overrides_and_catch_alls(
        string taskType, string capability, TaskRouterPriority priority, string agent, string rule)
    {
        var task = new RoutingTask("t", taskType, capability, priority);

        CapabilityScan.Find(taskType, capability).ShouldBeNull();
        Routing.ByScan(task).Agent.ShouldBe(CapabilityScan.Generalist.Agent);
        var routed = Routing.ByRules(task);
        (routed.Agent, routed.Decider).ShouldBe((agent, rule));
    }

    [Fact]
    public void The_program_routes_each_task_of_the_stream_and_names_a_malformed_line_by_its_number()
    {
        var run = SampleProgram.Run("TaskRouter", "taskrouter", ["-"],
            """
            {"id":"a","task_type":"bug-fix","capability":"rust","priority":"high"}
            {"id":"b","task_type":"bug-fix"}
            {"task_type":"sql-migration","capability":"postgres"}
            {"id":"d","task_type":"refactor","capability":"go","priority":"someday"}
            """ + "\n");

        run.ExitCode.ShouldBe(2);
        run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "a\tbug-fixer-rust\trust-pool\t48000\t2700\tbug-fix.rust",
            "3\tmigration-writer-postgres\tdb-pool\t16000\t600\tsql-migration.postgres",
        ]);
        run.Errors.ShouldContain("line 2: skipped: \"capability\" is missing");
        run.Errors.ShouldContain("line 4: skipped: \"priority\" is not one of low, normal, high, urgent");
    }

    [Fact]
    public void The_compare_mode_times_both_routers_on_the_same_stream_and_reports_full_agreement()
    {
        var stream = SampleProgram.Run("TaskRouter", "taskrouter", ["--generate", "2000"]).Output;

        var run = SampleProgram.Run("TaskRouter", "taskrouter", ["--compare", "-"], stream);

        run.ExitCode.ShouldBe(0, run.Errors);
        var shared = System.Text.RegularExpressions.Regex.Match(run.Output, @"agreement: (\d+) of (\d+) shared tasks");
        shared.Success.ShouldBeTrue(run.Output);
        shared.Groups[1].Value.ShouldBe(shared.Groups[2].Value);
        run.Output.ShouldMatch(@"compiled rules \(task-router\): +median +[0-9.]+ ns/task");
        run.Output.ShouldMatch(@"capability scan \(\d+ profiles\): median +[0-9.]+ ns/task");
    }
}
