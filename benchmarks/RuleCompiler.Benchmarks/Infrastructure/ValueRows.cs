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
        var maps = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var field in model.Inputs)
        {
            if (field.Path is { Key: { } key } path && path.Properties.Count == 1)
            {
                // A key of a top-level map input (§11): present unless its value is null.
                if (row[field.Index].Text is { } text)
                {
                    (maps.TryGetValue(path.Properties[0], out var map) ? map : maps[path.Properties[0]] = new(StringComparer.Ordinal))[key] = new string(text.AsSpan());
                }

                continue;
            }

            if (field.Path is not null)
            {
                throw new NotSupportedException($"{model.Name}: the benchmarks build top-level inputs and map keys, not record fields ({field.Name})");
            }

            var property = typeof(TInput).GetProperty(field.PropertyName)
                ?? throw new InvalidOperationException($"{typeof(TInput).Name} has no property {field.PropertyName}");
            property.SetValue(input, ToClr(row[field.Index], field, property.PropertyType));
        }

        foreach (var (property, map) in maps)
        {
            typeof(TInput).GetProperty(property)!.SetValue(input, map);
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
        FieldType.Date => DateOnly.FromDayNumber((int)value.Integer),
        FieldType.DateTime => new DateTimeOffset(Temporal.LocalTicks(value), TimeSpan.FromMinutes(Temporal.OffsetMinutes(value))),
        FieldType.Time => new TimeOnly(value.Integer),
        FieldType.Duration => new TimeSpan(value.Integer),
        FieldType.StringList => value.Items.Select(item => new string(item.AsSpan())).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no CLR value for this type"),
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
        FieldType.Date => Value.Of(FieldType.Date, ((DateOnly)value!).DayNumber),
        FieldType.DateTime => Temporal.OfDateTime(((DateTimeOffset)value!).UtcTicks, (int)((DateTimeOffset)value!).Offset.TotalMinutes),
        FieldType.Time => Value.Of(FieldType.Time, ((TimeOnly)value!).Ticks),
        FieldType.Duration => Value.Of(FieldType.Duration, ((TimeSpan)value!).Ticks),
        FieldType.StringList => Value.List(((IEnumerable<string>)value!).ToEquatableArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no output of this type"),
    };
}
