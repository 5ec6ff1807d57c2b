using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using RuleCompiler.Compiling;
using RuleCompiler.Language.Model;

namespace RuleCompiler;

/// <summary>
/// An input for a rule set loaded without a compiled contract: the values by input name as the rule file declares
/// them (a record input as a nested mapping, a map input as a mapping of strings), from a dictionary or a JSON
/// object. A value may be of its field's CLR type (<c>string</c>, <c>int</c>, <c>long</c>, <c>decimal</c>,
/// <c>double</c>, <c>bool</c>, <c>string[]</c>, <see cref="DateOnly"/>, <see cref="DateTimeOffset"/>,
/// <see cref="TimeOnly"/>, <see cref="TimeSpan"/>), an enum value's name, or the text a rule file writes
/// (<c>2026-12-06</c>, <c>09:30</c>, <c>15m</c>). An input left out reads as its zero value, as in generated code.
/// Evaluating checks the values against the rule set's declarations and throws <see cref="ArgumentException"/>
/// naming the input for one that does not fit.
/// </summary>
public sealed class RuleSetInput
{
    private readonly IReadOnlyDictionary<string, object?> _values;
    // The slots last converted, and for which rule set: a reference swapped whole, so threads sharing an input never see half of one.
    private Converted? _row;

    private RuleSetInput(IReadOnlyDictionary<string, object?> values) => _values = values;

    /// <summary>An input of the given values by input name.</summary>
    public static RuleSetInput From(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new RuleSetInput(values);
    }

    /// <summary>An input from a JSON object whose properties are the inputs.</summary>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not an object.</exception>
    public static RuleSetInput From(JsonElement json) => json.ValueKind == JsonValueKind.Object
        ? new RuleSetInput((IReadOnlyDictionary<string, object?>)FromJson(json)!)
        : throw new ArgumentException($"an input is a JSON object of input values, not {json.ValueKind}", nameof(json));

    /// <summary>The values as slots for <paramref name="layout"/>; checked and converted once per rule set.</summary>
    internal RuleSetRow RowFor(InputLayout layout)
    {
        if (_row is { } row && ReferenceEquals(row.Layout, layout))
        {
            return row.Row;
        }

        var converted = layout.Convert(_values);
        _row = new Converted(layout, converted);
        return converted;
    }

    private sealed record Converted(InputLayout Layout, RuleSetRow Row);

    /// <summary>A JSON value as the values a dictionary holds: strings, numbers (as written: long, else decimal, else double), bools, lists and mappings.</summary>
    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => json.EnumerateArray().Select(FromJson).ToArray(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt64(out var integer) ? integer : json.TryGetDecimal(out var number) ? number : json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}

/// <summary>An untyped input's values in the slots compiled code reads: slot i holds leaf input i (<see cref="RuleSetModel.Inputs"/>).</summary>
internal sealed class RuleSetRow(object?[] values)
{
    internal readonly object?[] Values = values;
}

/// <summary>How a rule set's declared inputs (values, records, maps) become a <see cref="RuleSetRow"/>.</summary>
internal sealed class InputLayout(RuleSetModel model)
{
    private readonly IReadOnlyList<InputDeclaration> _declared = model.Declared.Count > 0
        ? model.Declared
        : model.Inputs.Select(f => new InputDeclaration(f.Name, f.PropertyName, InputKind.Value, f.Index, default, f.Description, f.Span)).ToList();

    public RuleSetRow Convert(IReadOnlyDictionary<string, object?> values)
    {
        var slots = new object?[model.Inputs.Count];
        foreach (var field in model.Inputs)
        {
            slots[field.Index] = Zero(field);
        }

        Fill(_declared, values, slots, "input");
        return new RuleSetRow(slots);
    }

    private void Fill(IReadOnlyList<InputDeclaration> level, IReadOnlyDictionary<string, object?> values, object?[] slots, string what)
    {
        foreach (var key in values.Keys)
        {
            if (!level.Any(declaration => declaration.FieldName == key))
            {
                throw new ArgumentException($"unknown {what} '{key}': the rule set declares {string.Join(", ", level.Select(d => d.FieldName))}");
            }
        }

        foreach (var declaration in level)
        {
            if (!values.TryGetValue(declaration.FieldName, out var value) || value is null)
            {
                continue;
            }

            switch (declaration.Kind)
            {
                case InputKind.Record:
                    Fill(declaration.Fields, Mapping(value, declaration), slots, $"field of '{declaration.Name}'");
                    break;
                case InputKind.Map:
                    var map = Mapping(value, declaration);
                    foreach (var field in model.Inputs.Where(f => f.IsMapKey && f.Path!.ContainerName == declaration.Name))
                    {
                        slots[field.Index] = map.TryGetValue(field.Path!.Key!, out var text) ? text as string ?? throw Wrong(declaration.Name + "." + field.Path!.Key, "a string", text) : null;
                    }

                    break;
                default:
                    var leaf = model.Inputs[declaration.Leaf];
                    slots[leaf.Index] = Clr(value, leaf);
                    break;
            }
        }
    }

    private static IReadOnlyDictionary<string, object?> Mapping(object value, InputDeclaration declaration) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map,
        IReadOnlyDictionary<string, string> strings => strings.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        IDictionary dictionary => dictionary.Keys.Cast<object>().ToDictionary(k => System.Convert.ToString(k, CultureInfo.InvariantCulture)!, k => dictionary[k], StringComparer.Ordinal),
        _ => throw Wrong(declaration.Name, "a mapping", value),
    };

    private static object? Zero(FieldModel field) => field.IsMapKey || field.Type is FieldType.String or FieldType.StringList ? null : ClrValues.Of(Value.Zero(field.Type), field);

    /// <summary>A given value as the CLR value compiled code reads for <paramref name="field"/>.</summary>
    private static object? Clr(object value, FieldModel field)
    {
        switch (field.Type)
        {
            case FieldType.String:
                return value as string ?? throw Wrong(field.Name, "a string", value);
            case FieldType.StringList:
                return value switch
                {
                    string[] strings => strings,
                    IEnumerable<object?> items => items.Select(item => item as string ?? throw Wrong(field.Name, "a list of strings", value)).ToArray(),
                    _ => throw Wrong(field.Name, "a list of strings", value),
                };
            case FieldType.Bool:
                return value is bool b ? b : throw Wrong(field.Name, "true or false", value);
            case FieldType.Int or FieldType.Long:
                long integer;
                try
                {
                    integer = value switch
                    {
                        int or long or short or byte or sbyte or ushort or uint => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
                        decimal d when decimal.Truncate(d) == d => (long)d,
                        double d when Math.Truncate(d) == d => checked((long)d),
                        _ => throw Wrong(field.Name, "an integer", value),
                    };
                }
                catch (OverflowException)
                {
                    throw Wrong(field.Name, "an integer in range", value);
                }

                // Boxed as the field's own type: compiled code unboxes an int input as int, a long as long.
                return field.Type == FieldType.Long ? (object)integer
                    : integer is >= int.MinValue and <= int.MaxValue ? (object)(int)integer
                    : throw Wrong(field.Name, "an int (32 bits)", value);
            case FieldType.Decimal:
                return value switch
                {
                    decimal d => d,
                    int or long => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                    double d => (decimal)d,
                    _ => throw Wrong(field.Name, "a number", value),
                };
            case FieldType.Double:
                return value switch
                {
                    double d => d,
                    float or int or long or decimal => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    _ => throw Wrong(field.Name, "a number", value),
                };
            case FieldType.Enum:
                if (value is string name)
                {
                    var index = Array.IndexOf(field.EnumValues.ToArray(), name);
                    return index >= 0 ? index : throw Wrong(field.Name, "one of " + string.Join(", ", field.EnumValues), value);
                }

                return value is int or long && System.Convert.ToInt64(value, CultureInfo.InvariantCulture) is var ordinal && ordinal is >= int.MinValue and <= int.MaxValue
                    ? (int)ordinal
                    : throw Wrong(field.Name, "one of " + string.Join(", ", field.EnumValues), value);
            case FieldType.Date or FieldType.DateTime or FieldType.Time or FieldType.Duration:
                if (value is string text)
                {
                    var read = field.Type.Info().Read(text, field, isInput: true);
                    return read.Value is { } literal ? ClrValues.Of(literal, field) : throw Wrong(field.Name, $"a {field.Type.YamlName()} ({read.Problem})", value);
                }

                return (field.Type, value) switch
                {
                    (FieldType.Date, DateOnly date) => date,
                    (FieldType.DateTime, DateTimeOffset instant) => instant,
                    (FieldType.Time, TimeOnly time) => time,
                    (FieldType.Duration, TimeSpan duration) => duration,
                    _ => throw Wrong(field.Name, "a " + field.Type.YamlName(), value),
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no input of this type");
        }
    }

    private static ArgumentException Wrong(string name, string expected, object? value) =>
        new($"input '{name}' takes {expected}, not {(value is string s ? "\"" + s + "\"" : value is null ? "null" : value.GetType().Name + " " + System.Convert.ToString(value, CultureInfo.InvariantCulture))}");
}
