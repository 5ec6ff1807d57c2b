using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Text;

namespace RuleCompiler.Language.Model;

/// <summary>
/// Conditions and operands written back as YAML flow text in the shape a rule author writes them, for messages,
/// what <c>Explain</c> reports as expected, and the comments of generated code. Values are written by their type's
/// entry (<see cref="FieldTypeInfo.ToYaml"/>), with the one writer the runtime also uses for input values, so an
/// operand and an input value always read alike.
/// </summary>
public static class ConditionYaml
{
    /// <summary>A test's operand: one value, or <c>[a, b]</c> for list operands and <c>between</c>.</summary>
    public static string Operand(TestCondition test, FieldModel field) => test.Operator.Info().Operand switch
    {
        OperandShape.List or OperandShape.Range or OperandShape.TimeWindow => "[" + string.Join(", ", test.Operands.Select(o => o.ToYaml(field))) + "]",
        OperandShape.Weekdays => "[" + string.Join(", ", test.Operands.Select(o => Temporal.Weekdays[o.Integer])) + "]",
        OperandShape.One or OperandShape.Flag => test.Operands[0].ToYaml(field),
        _ => throw new System.ArgumentOutOfRangeException(nameof(test), test.Operator, "unknown operand shape"),
    };

    /// <summary>A condition as a one-line flow mapping: <c>{ args: { contains: -i } }</c>.</summary>
    public static string Condition(Condition condition, IReadOnlyList<FieldModel> inputs)
    {
        var entries = Entries(condition, inputs);
        return entries.Count == 0 ? "{}" : "{ " + string.Join(", ", entries.Select(e => e.Text)) + " }";
    }

    /// <summary>The operators of tests on one field as a flow mapping: <c>{ gt: 5, lt: 3 }</c>.</summary>
    public static string Operators(IReadOnlyList<TestCondition> tests, FieldModel field)
    {
        var operators = tests.Select(t => t.Operator.YamlName() + ": " + Operand(t, field));
        if (tests[0].IgnoreCase)
        {
            operators = operators.Append(Model.Operators.IgnoreCase + ": true");
        }

        return "{ " + string.Join(", ", operators) + " }";
    }

    /// <summary>
    /// What tests on one field say, without the field's name (<c>[rm, rmdir]</c>, <c>{ gte: 100 }</c>): a decision
    /// table's cell (rulec show).
    /// </summary>
    public static string Cell(IReadOnlyList<TestCondition> tests, IReadOnlyList<FieldModel> inputs)
    {
        var (key, text) = Entry(tests, inputs);
        return text.Substring(key.Length + 2);
    }

    private static List<(string Key, string Text)> Entries(Condition condition, IReadOnlyList<FieldModel> inputs)
    {
        switch (condition)
        {
            case TestCondition test:
                return new List<(string, string)> { Entry(new[] { test }, inputs) };
            case AnyCondition any:
                return new List<(string, string)> { ("any", "any: [" + string.Join(", ", any.Items.Select(item => Condition(item, inputs))) + "]") };
            case NotCondition not:
                return new List<(string, string)> { ("not", "not: " + Condition(not.Operand, inputs)) };
            case AllCondition all:
                // An operator mapping ({ gt: 1, lt: 5 }) binds to the tests of one field under one all.
                var tests = all.Items.OfType<TestCondition>().ToList();
                if (tests.Count > 1 && tests.Count == all.Items.Count && tests.All(t => t.Field == tests[0].Field && t.IgnoreCase == tests[0].IgnoreCase))
                {
                    return new List<(string, string)> { Entry(tests, inputs) };
                }

                var entries = all.Items.SelectMany(item => Entries(item, inputs)).ToList();
                return entries.Select(e => e.Key).Distinct().Count() == entries.Count
                    ? entries
                    : new List<(string, string)> { ("all", "all: [" + string.Join(", ", all.Items.Select(item => Condition(item, inputs))) + "]") };
            default:
                throw new System.ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition));
        }
    }

    // field: value / field: [a, b] where the shorthand says the same; otherwise field: { op: operand, ... }.
    private static (string Key, string Text) Entry(IReadOnlyList<TestCondition> tests, IReadOnlyList<FieldModel> inputs)
    {
        var field = inputs[tests[0].Field];
        var name = YamlScalars.String(field.Name);
        var only = tests[0];
        if (only.Operator == TestOperator.HasKey)
        {
            // Written on the map: env: { has-key: CI }.
            var map = YamlScalars.String(field.Path!.ContainerName);
            return (map, map + ": { has-key: " + Operand(only, field) + " }");
        }

        if (tests.Count == 1 && !only.IgnoreCase && field.Type.Info().Kind != ValueKind.TextList && only.Operator is TestOperator.Eq or TestOperator.In)
        {
            return (name, name + ": " + Operand(only, field));
        }

        return (name, name + ": " + Operators(tests, field));
    }
}
