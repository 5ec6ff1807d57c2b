using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Cli.Output;

/// <summary>
/// Values as JSON: numbers, strings, booleans and arrays as themselves; an enum value as its name; dates, times,
/// date-times and durations as the text a rule file writes (<c>2026-12-06</c>, <c>09:30</c>, <c>15m</c>), which
/// <c>--input</c> reads back.
/// </summary>
internal static class JsonValues
{
    /// <summary>A loaded rule set's outputs, by name.</summary>
    public static void Write(Utf8JsonWriter json, RuleSetOutput outputs)
    {
        json.WriteStartObject();
        foreach (var (name, value) in outputs)
        {
            json.WritePropertyName(name);
            switch (value)
            {
                case null:
                    json.WriteNullValue();
                    break;
                case string text:
                    json.WriteStringValue(text);
                    break;
                case int n:
                    json.WriteNumberValue(n);
                    break;
                case long n:
                    json.WriteNumberValue(n);
                    break;
                case decimal n:
                    json.WriteNumberValue(n);
                    break;
                case double n when double.IsFinite(n):
                    json.WriteNumberValue(n);
                    break;
                case bool b:
                    json.WriteBooleanValue(b);
                    break;
                case string[] items:
                    json.WriteStartArray();
                    foreach (var item in items)
                    {
                        json.WriteStringValue(item);
                    }

                    json.WriteEndArray();
                    break;
                default:
                    // A non-finite double and the temporal types, as YAML writes them (RuleSetOutput.ToString's text).
                    json.WriteStringValue(Text(value));
                    break;
            }
        }

        json.WriteEndObject();
    }

    /// <summary>Compiler values of <paramref name="fields"/> (indexes into <paramref name="declared"/>), nested by record and map paths as an input writes them.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<FieldModel> declared, IReadOnlyList<Value> values, IEnumerable<int> fields)
    {
        json.WriteStartObject();
        var open = new List<string>();
        foreach (var index in fields.OrderBy(i => PathOf(declared[i]), StringComparer.Ordinal))
        {
            var field = declared[index];
            var containers = field.Path?.Names.ToList() ?? new List<string>();
            var common = 0;
            while (common < open.Count && common < containers.Count && open[common] == containers[common])
            {
                common++;
            }

            for (var close = open.Count; close > common; close--)
            {
                json.WriteEndObject();
            }

            open = containers.Take(common).ToList();
            foreach (var name in containers.Skip(common))
            {
                json.WriteStartObject(name);
                open.Add(name);
            }

            if (field.IsMapKey && values[index].Text is null)
            {
                continue;
            }

            json.WritePropertyName(field.Path?.Key ?? (field.Path is null ? field.Name : field.Name.Substring(field.Name.LastIndexOf('.') + 1)));
            Write(json, values[index], field);
        }

        for (var close = open.Count; close > 0; close--)
        {
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>One compiler value.</summary>
    public static void Write(Utf8JsonWriter json, Value value, FieldModel field)
    {
        switch (field.Type)
        {
            case FieldType.String:
                json.WriteStringValue(value.AsString);
                break;
            case FieldType.StringList:
                json.WriteStartArray();
                foreach (var item in value.Items)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            case FieldType.Int or FieldType.Long:
                json.WriteNumberValue(value.Integer);
                break;
            case FieldType.Decimal:
                json.WriteNumberValue(value.Decimal);
                break;
            case FieldType.Double when double.IsFinite(value.Real):
                json.WriteNumberValue(value.Real);
                break;
            case FieldType.Bool:
                json.WriteBooleanValue(value.AsBool);
                break;
            case FieldType.Enum:
                json.WriteStringValue(field.EnumValues[(int)value.Integer]);
                break;
            case FieldType.Double or FieldType.Date or FieldType.DateTime or FieldType.Time or FieldType.Duration:
                json.WriteStringValue(value.ToYaml(field).Trim('"'));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no JSON form for this type");
        }
    }

    /// <summary>Sorts fields so that those under one container are written together.</summary>
    private static string PathOf(FieldModel field) => field.Path is { } path ? path.ContainerName + "\u0001" + (path.Key ?? field.Name) : field.Name;

    private static string Text(object value) => value switch
    {
        double n => RuleYaml.Format(n),
        DateOnly d => RuleYaml.Format(d),
        DateTimeOffset d => RuleYaml.Format(d),
        TimeOnly t => RuleYaml.Format(t),
        TimeSpan t => RuleYaml.Format(t),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
