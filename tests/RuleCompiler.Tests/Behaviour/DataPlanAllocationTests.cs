using System.Collections.Generic;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// <c>Evaluate</c> allocates exactly nothing in every form of generated code, compiled with or without optimizations:
/// a first-wins plan lowered as data (leaves and enum switches walked by the runtime's <c>RuleConditions.Decide</c>),
/// a string dispatch past 256 keys (a table hashed at build time), and the code form. Measured inside the generated
/// assembly's own compilation by a probe that reads the thread's allocation counter around thousands of calls, so no
/// reflection runs in the measured window. Without optimizations the JIT does not fold a span property over constant
/// data, whose every read then allocates: what every evaluation reads is an array built once (small tables), or under
/// DEBUG a copy of the conditions made once (an array of them always would cost a large rule set's start-up).
/// </summary>
public sealed class DataPlanAllocationTests
{
    private const string TaskRouterCalls = """
        private static readonly RuleCompiler.Samples.TaskRouterInput[] s_inputs =
        [
            new() { TaskType = "code-review", Capability = "csharp" },
            new() { TaskType = "incident-triage", Capability = "go", Priority = RuleCompiler.Samples.TaskRouterPriority.Urgent },
            new() { TaskType = "unit-test-generation", Capability = "rust" },
            new() { TaskType = "translation-fr", Capability = "ui-strings", Priority = RuleCompiler.Samples.TaskRouterPriority.High },
            new() { TaskType = "no-such-task" },
            default,
        ];

        private static void Calls(ref long sink)
        {
            foreach (var input in s_inputs)
            {
                sink += RuleCompiler.Samples.TaskRouter.Evaluate(in input).Output.MaxTokens;
            }
        }
        """;

    private const string BigTableCalls = """
        private static readonly Tests.Generated.BigTableInput[] s_inputs =
        [
            new() { Command = "cmd7", Actor = Tests.Generated.BigTableActor.Ai, Risk = 30 },
            new() { Command = "alias150", Actor = Tests.Generated.BigTableActor.Human, Risk = 10 },
            new() { Command = "cmd299", Actor = Tests.Generated.BigTableActor.Ci, Risk = 99 },
            new() { Command = "nothing", Risk = 5 },
            default,
        ];

        private static void Calls(ref long sink)
        {
            foreach (var input in s_inputs)
            {
                sink += (long)Tests.Generated.BigTable.Evaluate(in input).Output.Decision;
            }
        }
        """;

    public static IEnumerable<object[]> Cases => new[]
    {
        new object[] { "task-router, plan as data", "0", false },
        new object[] { "task-router, plan as data", "0", true },
        new object[] { "task-router, plan as code", "2048", false },
        new object[] { "1,200-rule table, hashed string dispatch to data", "0", false },
        new object[] { "1,200-rule table, hashed string dispatch to data", "0", true },
        new object[] { "1,200-rule table, hashed string dispatch", "2048", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_allocates_nothing_in_every_form_of_generated_code(string name, string dataPlanRules, bool optimized)
    {
        var table = name.StartsWith("1,200", System.StringComparison.Ordinal);
        var file = table ? RuleFileWriter.Table(1200) : SampleFiles.Load("task-router.rules.yaml");
        var compilation = GeneratorHarness.NewCompilation(Probe(table ? BigTableCalls : TaskRouterCalls));
        if (optimized)
        {
            compilation = compilation.WithOptions(compilation.Options.WithOptimizationLevel(Microsoft.CodeAnalysis.OptimizationLevel.Release));
        }

        // As a consumer's build compiles it: Debug without optimizations and with DEBUG defined, Release optimized.
        var parseOptions = optimized ? GeneratorHarness.ParseOptions : GeneratorHarness.ParseOptions.WithPreprocessorSymbols("DEBUG");
        var run = GeneratorHarness.Run(
            GeneratorHarness.NewDriver(new[] { file }, buildProperties: new Dictionary<string, string> { ["RuleCompilerDataPlanRules"] = dataPlanRules }, parseOptions: parseOptions),
            compilation);
        var source = run.Sources.ShouldHaveSingleItem().SourceText.ToString();
        source.Contains("RuleConditions.Decide<", System.StringComparison.Ordinal).ShouldBe(dataPlanRules == "0", name);
        source.Contains("RuleTables.Find(", System.StringComparison.Ordinal).ShouldBe(table, name);

        var measure = GeneratorHarness.LoadCleanlyCompiled(run).GetType("Tests.Probe.AllocationProbe", throwOnError: true)!.GetMethod("Measure")!;
        measure.Invoke(null, null);

        ((long)measure.Invoke(null, null)!).ShouldBe(0L, name);
    }

    private static string Probe(string calls) => $$"""
        namespace Tests.Probe;

        public static class AllocationProbe
        {
            public static long Measure()
            {
                long sink = 0;
                for (var round = 0; round < 200; round++)
                {
                    Calls(ref sink);
                }

                var before = System.GC.GetAllocatedBytesForCurrentThread();
                for (var round = 0; round < 2_000; round++)
                {
                    Calls(ref sink);
                }

                var allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
                return sink == long.MinValue ? -1 : allocated;
            }

        {{calls}}
        }
        """;
}
