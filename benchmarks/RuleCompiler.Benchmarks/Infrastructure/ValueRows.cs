using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Benchmarks.Infrastructure;

/// <summary>
/// Between the reference evaluator's value rows and a generated rule set's input and output structs, by reflection.
/// Used only to prepare inputs and to check answers, never in a measured path.
/// </summary>
public static class ValueRows
{
    /// <summary>A row in the model's input order from named values; inputs not named take their zero value.</summary>
    public static Value[] Row(RuleSetModel model, params (string Field, Value Value)[] values)
    {
        var row = model.Inputs.Select(field => Value.Zero(field.Type)).ToArray();
        foreach (var (name, value) in values)
        {
            var field = model.Inputs.SingleOrDefault(input => input.Name == name)
                ?? throw new ArgumentException($"{model.Name} has no input '{name}'", nameof(values));
            row[field.Index] = value with { Type = field.Type };
        }

        return row;
    }

    /// <summary>The generated input struct holding a row's values; strings are fresh instances, as a request's are.</summary>
    public static TInput ToInput<TInput>(RuleSetModel model, IReadOnlyList<Value> row)
        where TInput : struct
    {
        object input = default(TInput);
        foreach (var field in model.Inputs)
        {
            var property = typeof(TInput).GetProperty(field.PropertyName)
                ?? throw new InvalidOperationException($"{typeof(TInput).Name} has no property {field.PropertyName}");
            property.SetValue(input, ToClr(row[field.Index], field, property.PropertyType));
        }

        return (TInput)input;
    }

    /// <summary>The values of a generated output struct, in the model's output order.</summary>
    public static Value[] FromOutput(RuleSetModel model, object output) => model.Outputs
        .Select(field => FromClr(output.GetType().GetProperty(field.PropertyName)!.GetValue(output), field))
        .ToArray();

    public static string Describe(IReadOnlyList<Value> values, IReadOnlyList<FieldModel> fields) =>
        string.Join(", ", fields.Select(field => field.Name + ": " + values[field.Index].ToYaml(field)));

    private static object? ToClr(Value value, FieldModel field, Type type) => field.Type switch
    {
        FieldType.String => value.Text is null ? null : new string(value.Text.AsSpan()),
        FieldType.Int => (int)value.Integer,
        FieldType.Long => value.Integer,
        FieldType.Decimal => value.Decimal,
        FieldType.Double => value.Real,
        FieldType.Bool => value.AsBool,
        FieldType.Enum => Enum.ToObject(type, (int)value.Integer),
        _ => value.Items.Select(item => new string(item.AsSpan())).ToArray(),
    };

    private static Value FromClr(object? value, FieldModel field) => field.Type switch
    {
        FieldType.String => Value.String((string?)value ?? string.Empty),
        FieldType.Int => Value.Int((int)value!),
        FieldType.Long => Value.Long((long)value!),
        FieldType.Decimal => Value.Dec((decimal)value!),
        FieldType.Double => Value.Dbl((double)value!),
        FieldType.Bool => Value.Bool((bool)value!),
        FieldType.Enum => Value.Enum(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => Value.List(((IEnumerable<string>)value!).ToEquatableArray()),
    };
}
