using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Behaviour;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Loader;

/// <summary>
/// <see cref="RuleSetLoader.Load(string, string?, LoadOptions?)"/> without a contract: inputs by name from dictionaries
/// or JSON, outputs by name; the same decisions as the reference evaluator on every sample and feature file.
/// </summary>
public sealed class UntypedLoadTests
{
    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Untyped_sample_decides_as_the_reference_evaluator(string name) => AssertAgrees(SampleFiles.Load(name));

    [Theory]
    [MemberData(nameof(FeatureFiles.Theory), MemberType = typeof(FeatureFiles))]
    public void Untyped_feature_decides_as_the_reference_evaluator(string name) => AssertAgrees(FeatureFiles.Load(name));

    [Fact]
    public void Json_inputs_are_read_by_name_with_dates_lists_and_maps()
    {
        var ruleSet = RuleSetLoader.Load(SampleFiles.Load("access-policy.rules.yaml").Text, "rules/access-policy.rules.yaml").RuleSet!;
        using var request = JsonDocument.Parse("""
            { "role": "viewer", "resource": "/orgs/acme/projects/web/secrets/db", "action": "read",
              "mfa": false, "ip_trusted": false, "at": "2026-12-06T10:30:00+01:00", "tags": ["confidential"],
              "headers": { "user-agent": "curl/8" } }
            """);

        var result = ruleSet.Evaluate(RuleSetInput.From(request.RootElement));
        var model = DifferentialTests.Model(SampleFiles.Load("access-policy.rules.yaml"));
        var reference = new ReferenceEvaluator(model).Evaluate(Row(model, request.RootElement));

        result.RuleId.ShouldBe(model.Rules[reference.RuleIndex].Id);
        result.Output["effect"].ShouldBe("deny");
        result.Output.ToString().ShouldStartWith("{ effect: deny, reason: ");
    }

    [Fact]
    public void Inputs_that_do_not_fit_the_declarations_are_named_in_the_exception()
    {
        var ruleSet = RuleSetLoader.Load(SampleFiles.Load("task-router.rules.yaml").Text).RuleSet!;

        Should.Throw<ArgumentException>(() => ruleSet.Evaluate(RuleSetInput.From(new Dictionary<string, object?> { ["task"] = "x" })))
            .Message.ShouldBe("unknown input 'task': the rule set declares task_type, capability, priority");
        Should.Throw<ArgumentException>(() => ruleSet.Evaluate(RuleSetInput.From(new Dictionary<string, object?> { ["priority"] = "asap" })))
            .Message.ShouldBe("input 'priority' takes one of low, normal, high, urgent, not \"asap\"");
        Should.Throw<ArgumentException>(() => ruleSet.Evaluate(RuleSetInput.From(new Dictionary<string, object?> { ["task_type"] = 5 })))
            .Message.ShouldBe("input 'task_type' takes a string, not Int32 5");
        Should.Throw<ArgumentException>(() => RuleSetInput.From(JsonDocument.Parse("[1]").RootElement));

        // Left out: the zero value, as in generated code.
        ruleSet.Evaluate(RuleSetInput.From(new Dictionary<string, object?>())).Matched.ShouldBe(
            new ReferenceEvaluator(DifferentialTests.Model(SampleFiles.Load("task-router.rules.yaml"))).Evaluate(DifferentialTests.Model(SampleFiles.Load("task-router.rules.yaml")).Inputs.Select(f => Value.Zero(f.Type)).ToArray()).Matched);
    }

    private static void AssertAgrees(RuleFile file)
    {
        var model = DifferentialTests.Model(file);
        var loaded = RuleSetLoader.Load(file.Text, file.Path);
        var ruleSet = loaded.RuleSet.ShouldNotBeNull(loaded.ToString());
        var reference = new ReferenceEvaluator(model);
        var collect = model.Hit == HitPolicy.Collect && model.Aggregate == Aggregate.None;
        ruleSet.IsCollect.ShouldBe(collect);
        foreach (var row in new InputGenerator(model, seed: 20261207).Rows(600))
        {
            var input = Input(model, row);
            string? error = null;
            List<(string Id, RuleSetOutput Output)>? holding = null;
            RuleResult<RuleSetOutput> result = default;
            try
            {
                if (collect)
                {
                    holding = new List<(string, RuleSetOutput)>();
                    foreach (var match in ruleSet.EvaluateAll(input))
                    {
                        holding.Add((match.RuleId!, match.Output));
                    }
                }
                else
                {
                    result = ruleSet.Evaluate(input);
                }
            }
            catch (Exception e) when (e is OverflowException or DivideByZeroException)
            {
                error = e.GetType().Name;
            }

            var where = $"{file.Path}: {RuleCompiler.Language.Analysis.WitnessYaml.Of(model, row, Enumerable.Range(0, model.Inputs.Count))}";
            if (collect)
            {
                var expected = reference.HoldingRules(row);
                if (error is null)
                {
                    holding!.Select(h => h.Id).ShouldBe(expected.Select(i => model.Rules[i].Id), where);
                    holding!.Select(h => Values(model, h.Output)).ShouldBe(expected.Select(i => (IReadOnlyList<Value>)reference.Outputs(i, row).ToList()), where);
                }

                continue;
            }

            EvaluationResult? reference1 = null;
            string? referenceError = null;
            try
            {
                reference1 = reference.Evaluate(row);
            }
            catch (Exception e) when (e is OverflowException or DivideByZeroException)
            {
                referenceError = e.GetType().Name;
            }

            error.ShouldBe(referenceError, where);
            if (reference1 is null)
            {
                continue;
            }

            result.Matched.ShouldBe(reference1.Matched, where);
            result.RuleId.ShouldBe(reference1.RuleIndex < 0 ? null : model.Rules[reference1.RuleIndex].Id, where);
            Values(model, result.Output).ShouldBe(reference1.Outputs.ToList(), where);
        }
    }

    /// <summary>A row of reference values as the untyped input a program would give.</summary>
    internal static RuleSetInput Input(RuleSetModel model, IReadOnlyList<Value> row) =>
        RuleSetInput.From(Dictionary(model, model.Declared.Count > 0 ? model.Declared : Flat(model), row));

    private static IReadOnlyList<InputDeclaration> Flat(RuleSetModel model) =>
        model.Inputs.Select(f => new InputDeclaration(f.Name, f.PropertyName, InputKind.Value, f.Index, default, f.Description, f.Span)).ToList();

    /// <summary>A row of reference values as an untyped input: by declared name, records nested, maps holding the keys present.</summary>
    private static Dictionary<string, object?> Dictionary(RuleSetModel model, IReadOnlyList<InputDeclaration> level, IReadOnlyList<Value> row)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var declaration in level)
        {
            values[declaration.FieldName] = declaration.Kind switch
            {
                InputKind.Record => Dictionary(model, declaration.Fields, row),
                InputKind.Map => model.Inputs.Where(f => f.IsMapKey && f.Path!.ContainerName == declaration.Name && row[f.Index].Text is not null)
                    .ToDictionary(f => f.Path!.Key!, f => (object?)row[f.Index].Text, StringComparer.Ordinal),
                _ => Clr(row[declaration.Leaf], model.Inputs[declaration.Leaf]),
            };
        }

        return values;
    }

    private static object? Clr(Value value, FieldModel field) => field.Type switch
    {
        FieldType.String => value.Text,
        FieldType.Int => (int)value.Integer,
        FieldType.Long => value.Integer,
        FieldType.Decimal => value.Decimal,
        FieldType.Double => value.Real,
        FieldType.Bool => value.AsBool,
        FieldType.Enum => (uint)value.Integer < (uint)field.EnumValues.Count ? field.EnumValues[(int)value.Integer] : (int)value.Integer,
        FieldType.StringList => value.Text == RuleSetUnderTest.NullList ? null : value.Items.ToArray(),
        FieldType.Date => DateOnly.FromDayNumber((int)value.Integer),
        FieldType.DateTime => new DateTimeOffset(Temporal.LocalTicks(value), TimeSpan.FromMinutes(Temporal.OffsetMinutes(value))),
        FieldType.Time => new TimeOnly(value.Integer),
        FieldType.Duration => new TimeSpan(value.Integer),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    internal static List<Value> Values(RuleSetModel model, RuleSetOutput output) => model.Outputs.Select(field => output[field.Name] switch
    {
        string s when field.Type == FieldType.Enum => Value.Enum(field.EnumValues.ToList().IndexOf(s)),
        string s => Value.String(s),
        int n => field.Type == FieldType.Enum ? Value.Enum(n) : Value.Int(n),
        long n => Value.Long(n),
        decimal d => Value.Dec(d),
        double d => Value.Dbl(d),
        bool b => Value.Bool(b),
        DateOnly d => Value.Of(FieldType.Date, d.DayNumber),
        DateTimeOffset d => Temporal.OfDateTime(d.UtcTicks, (int)d.Offset.TotalMinutes),
        TimeOnly t => Value.Of(FieldType.Time, t.Ticks),
        TimeSpan t => Value.Of(FieldType.Duration, t.Ticks),
        var other => throw new InvalidOperationException("unexpected output " + other),
    }).ToList();

    private static Value[] Row(RuleSetModel model, JsonElement json)
    {
        var row = model.Inputs.Select(f => Value.Zero(f.Type)).ToArray();
        foreach (var field in model.Inputs)
        {
            if (field.IsMapKey)
            {
                row[field.Index] = json.TryGetProperty(field.Path!.Names[0], out var map) && map.TryGetProperty(field.Path.Key!, out var key) ? Value.String(key.GetString()!) : new Value(FieldType.String, 0, 0m, 0d, null, default);
                continue;
            }

            if (!json.TryGetProperty(field.Name, out var value))
            {
                continue;
            }

            row[field.Index] = value.ValueKind switch
            {
                JsonValueKind.Array => Value.List(value.EnumerateArray().Select(e => e.GetString()!).ToEquatableArray()),
                JsonValueKind.True or JsonValueKind.False => Value.Bool(value.GetBoolean()),
                _ => field.Type.Info().Read(value.GetString()!, field, isInput: true).Value!.Value,
            };
        }

        return row;
    }
}

/// <summary>
/// A loaded rule set's evaluation allocates nothing on the paths generated code's does not: here through plan nodes
/// written as data (the runtime's walk asking the compiled tests), measured with the thread's allocation counter.
/// </summary>
public sealed class LoadedAllocationTests
{
    [Fact]
    public void Evaluation_through_plan_nodes_written_as_data_allocates_nothing()
    {
        var text = SampleFiles.Load("task-router.rules.yaml").Text;
        RuleCompiler.Language.Compilation.RuleFileCompiler.Compile(text, new RuleCompiler.Language.Binding.BindOptions(string.Empty, "t.rules.yaml") { DataPlanRules = 0 }, System.Threading.CancellationToken.None)
            .Lowered!.Conditions.Nodes.Count.ShouldBeGreaterThan(0, "the plan has nodes written as data");
        var load = RuleSetLoader.Load(text, "rules/task-router.rules.yaml", LoadOptions.Default with { DataPlanRules = 0 });
        var ruleSet = load.RuleSet.ShouldNotBeNull(load.ToString());
        RuleSetInput[] inputs =
        [
            RuleSetInput.From(new Dictionary<string, object?> { ["task_type"] = "code-review", ["capability"] = "csharp" }),
            RuleSetInput.From(new Dictionary<string, object?> { ["task_type"] = "incident-triage", ["capability"] = "go", ["priority"] = "urgent" }),
            RuleSetInput.From(new Dictionary<string, object?> { ["task_type"] = "no-such-task" }),
        ];
        var sum = 0;
        for (var i = 0; i < 100; i++)
        {
            foreach (var input in inputs)
            {
                sum += (int)ruleSet.Evaluate(input).Output["max_tokens"]!;
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2_000; i++)
        {
            foreach (var input in inputs)
            {
                sum += ruleSet.Evaluate(input).Matched ? 1 : 0;
            }
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0L);
        sum.ShouldBeGreaterThan(0);
    }
}
