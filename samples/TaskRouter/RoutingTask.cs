using System;
using System.Text.Json;

namespace RuleCompiler.Samples.TaskRouting;

/// <summary>
/// One task of the stream, one JSON object per line:
/// <c>{"id":"t-1","task_type":"code-review","capability":"csharp","priority":"normal"}</c>. <c>task_type</c> and
/// <c>capability</c> are required; <c>priority</c> (low, normal, high, urgent) defaults to normal and <c>id</c> to the
/// line number; other properties are ignored.
/// </summary>
public readonly record struct RoutingTask(string Id, string TaskType, string Capability, TaskRouterPriority Priority)
{
    public static bool TryParse(ReadOnlySpan<byte> line, long number, out RoutingTask task, out string? error)
    {
        task = default;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return false;
            }

            string? id = null, taskType = null, capability = null;
            var priority = TaskRouterPriority.Normal;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name is "id" or "task_type" or "capability" or "priority" && reader.TokenType != JsonTokenType.String)
                {
                    error = $"\"{name}\" is not a string";
                    return false;
                }

                switch (name)
                {
                    case "id": id = reader.GetString(); break;
                    case "task_type": taskType = reader.GetString(); break;
                    case "capability": capability = reader.GetString(); break;
                    case "priority":
                        if (!TryParsePriority(reader.GetString()!, out priority))
                        {
                            error = "\"priority\" is not one of low, normal, high, urgent";
                            return false;
                        }

                        break;
                    default: reader.Skip(); break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "not one JSON object";
                return false;
            }

            error = string.IsNullOrEmpty(taskType) ? "\"task_type\" is missing" : string.IsNullOrEmpty(capability) ? "\"capability\" is missing" : null;
            task = new RoutingTask(id ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture), taskType ?? "", capability ?? "", priority);
            return error is null;
        }
        catch (JsonException exception)
        {
            error = $"invalid JSON at byte {exception.BytePositionInLine + 1}";
            return false;
        }
    }

    private static bool TryParsePriority(string text, out TaskRouterPriority priority)
    {
        priority = text switch
        {
            "low" => TaskRouterPriority.Low,
            "normal" => TaskRouterPriority.Normal,
            "high" => TaskRouterPriority.High,
            "urgent" => TaskRouterPriority.Urgent,
            _ => (TaskRouterPriority)(-1),
        };
        return priority >= 0;
    }
}
