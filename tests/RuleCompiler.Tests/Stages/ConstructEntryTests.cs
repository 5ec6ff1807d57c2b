using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Generator.Emit;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Stages;

/// <summary>
/// Every construct has its entry, and every stage handles every construct: each operator on each field type it
/// applies to is bound, analysed, planned, lowered, emitted, compiled and run, and decides as the reference evaluator
/// on the probe inputs. A construct added without teaching a stage fails here, by name.
/// </summary>
public sealed class ConstructEntryTests
{
    [Fact]
    public void Every_field_type_operator_and_hit_policy_has_its_entry()
    {
        foreach (var type in Enum.GetValues<FieldType>())
        {
            type.Info().Type.ShouldBe(type);
        }

        foreach (var op in Enum.GetValues<TestOperator>())
        {
            op.Info().Operator.ShouldBe(op);
            (FieldTypes.All.Any(op.Info().AppliesTo) || op.Info().OnMap).ShouldBeTrue($"{op} applies to no field type and is no map test");
        }

        foreach (var policy in Enum.GetValues<HitPolicy>())
        {
            policy.Info().Policy.ShouldBe(policy);
        }

        Should.Throw<ArgumentOutOfRangeException>(() => ((FieldType)999).Info());
        Should.Throw<ArgumentOutOfRangeException>(() => ((TestOperator)999).Info());
        Should.Throw<ArgumentOutOfRangeException>(() => ((HitPolicy)999).Info());
    }

    [Fact]
    public void Every_field_type_has_a_CSharp_spelling_and_a_zero_that_reads_back()
    {
        foreach (var info in FieldTypes.All)
        {
            var field = Field(info.Type);
            CSharpTypes.Name(field, isInput: true, "ProbeX").ShouldNotBeNullOrEmpty();
            if (!info.InputOnly)
            {
                CSharpTypes.Literal(info.Zero, field, "ProbeX").ShouldNotBeNullOrEmpty();
                var yaml = info.Zero.ToYaml(field);
                var scalar = YamlReader.Read("v: " + yaml, ReaderLimits.Default, new List<RuleCompiler.Language.Diagnostics.DiagnosticInfo>(), CancellationToken.None)
                    .ShouldBeOfType<YamlMapping>().Entries[0].Value.ShouldBeOfType<YamlScalar>();
                info.Read(scalar.Value, field).Value.ShouldBe(info.Zero, $"the zero of {info.YamlName} read back from its YAML {yaml}");
            }
        }
    }

    [Fact]
    public void A_negation_holds_exactly_where_its_positive_fails()
    {
        var predicates = new Predicates();
        foreach (var info in Operators.All.Where(info => info.Negates is not null))
        {
            foreach (var type in FieldTypes.All.Where(info.AppliesTo))
            {
                foreach (var ignoreCase in new[] { false, true })
                {
                    var test = new TestCondition(0, info.Operator, Operands(info.Operand, type.Type), ignoreCase && type.HasText, default);
                    var positive = info.Positive(test)!;
                    foreach (var value in Probes(type.Type))
                    {
                        predicates.Holds(test, value).ShouldBe(!predicates.Holds(positive, value), $"{info.YamlName} on {type.YamlName} for {value.ToYaml()}");
                    }
                }
            }
        }
    }

    public static IEnumerable<object[]> OperatorsOnTypes =>
        from info in Operators.All
        from type in FieldTypes.All
        where info.AppliesTo(type)
        select new object[] { info.YamlName, type.YamlName };

    [Theory]
    [MemberData(nameof(OperatorsOnTypes))]
    public void Every_operator_on_every_type_it_takes_is_generated_and_decides_as_the_reference(string op, string type)
    {
        var info = Operators.All.First(i => i.YamlName == op && i.AppliesTo(FieldTypes.All.First(t => t.YamlName == type)));
        var fieldType = FieldTypes.All.First(t => t.YamlName == type).Type;
        var operand = ConditionYaml.Operand(new TestCondition(0, info.Operator, Operands(info.Operand, fieldType), false, default), Field(fieldType));
        var declared = fieldType == FieldType.Enum ? "{ enum: [a, b, c] }" : type;
        var yaml = $$"""
            ruleset: Probe
            inputs:
              x: {{declared}}
            outputs:
              hit: bool
            default: { hit: false }
            rules:
              - id: probe
                when: { x: { {{op}}: {{operand}} } }
                then: { hit: true }
            """;
        var file = new RuleFile("probe.rules.yaml", yaml);
        var compiled = RuleFileCompiler.Compile(yaml, new BindOptions(GeneratorHarness.RootNamespace, file.Path), CancellationToken.None);
        compiled.HasErrors.ShouldBeFalse(string.Join("\n", compiled.Diagnostics));
        var generated = new RuleSetUnderTest(GeneratorHarness.RunAndLoad(file), compiled.Model!);
        var reference = new ReferenceEvaluator(compiled.Model!);
        foreach (var value in Probes(fieldType))
        {
            Agreement.Disagreement(compiled.Model!, generated, reference, new[] { value }).ShouldBeNull();
        }
    }

    private static FieldModel Field(FieldType type) => Fields.Of(type);

    // Operands that some probe value meets and some does not.
    private static EquatableArray<Value> Operands(OperandShape shape, FieldType type)
    {
        var probes = Probes(type);
        var one = type == FieldType.StringList ? Value.String("b") : probes[1];
        return shape switch
        {
            OperandShape.One => new[] { one }.ToEquatableArray(),
            // Two values, but never every value of a bool (not-in: [true, false] can never hold: RC2018).
            OperandShape.List => (type == FieldType.Bool ? new[] { one } : new[] { one, type == FieldType.StringList ? Value.String("c") : probes[2] }).ToEquatableArray(),
            OperandShape.Range => new[] { probes[1], probes[2] }.ToEquatableArray(),
            OperandShape.Flag => new[] { Value.Bool(true) }.ToEquatableArray(),
            OperandShape.Weekdays => new[] { Value.Int((int)DayOfWeek.Monday), Value.Int((int)DayOfWeek.Saturday) }.ToEquatableArray(),
            OperandShape.TimeWindow => new[] { Value.Of(FieldType.Time, TimeSpan.FromHours(22).Ticks), Value.Of(FieldType.Time, TimeSpan.FromHours(6).Ticks) }.ToEquatableArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    // Values of a type in increasing order where it is ordered: below, at and between the operands, and above.
    private static Value[] Probes(FieldType type) => type switch
    {
        FieldType.String => new[] { "", "b", "bc", "B", "abcd" }.Select(Value.String).ToArray(),
        FieldType.Int => new long[] { -5, 1, 3, 2, 9 }.Select(Value.Int).ToArray(),
        FieldType.Long => new long[] { long.MinValue, 1, 3, 2, long.MaxValue }.Select(Value.Long).ToArray(),
        FieldType.Decimal => new[] { -1m, 1.5m, 3m, 2m, 9m }.Select(Value.Dec).ToArray(),
        FieldType.Double => new[] { double.NaN, 1.5, 3, 2, double.PositiveInfinity }.Select(Value.Dbl).ToArray(),
        FieldType.Bool => new[] { false, true, false, true, false }.Select(Value.Bool).ToArray(),
        FieldType.Enum => new[] { 0, 1, 2, 1, 0 }.Select(Value.Enum).ToArray(),
        FieldType.StringList => new[] { new string[0], new[] { "b" }, new[] { "B", "c" }, new[] { "a", "b", "c" }, new[] { "x" } }
            .Select(items => Value.List(items.ToEquatableArray())).ToArray(),
        FieldType.Date => new long[] { 0, 739_000, 739_100, 739_050, 739_005, FieldTypes.Date.Max }.Select(day => Value.Of(FieldType.Date, day)).ToArray(),
        FieldType.DateTime => new[]
        {
            Temporal.OfDateTime(TimeSpan.TicksPerDay, 0),
            Temporal.OfDateTime(739_000 * TimeSpan.TicksPerDay, 60),
            Temporal.OfDateTime((739_100 * TimeSpan.TicksPerDay) + TimeSpan.FromHours(23).Ticks, 0),
            Temporal.OfDateTime((739_050 * TimeSpan.TicksPerDay) + TimeSpan.FromHours(3).Ticks, -300),
            Temporal.OfDateTime((739_005 * TimeSpan.TicksPerDay) + TimeSpan.FromHours(12).Ticks, 330),
        },
        FieldType.Time => new[] { 0, 7, 22, 12, 23 }.Select(hours => Value.Of(FieldType.Time, TimeSpan.FromHours(hours).Ticks)).ToArray(),
        FieldType.Duration => new[] { -60, 15, 90, 30, 100_000 }.Select(minutes => Value.Of(FieldType.Duration, TimeSpan.FromMinutes(minutes).Ticks)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no probe values for this type: add them"),
    };
}
