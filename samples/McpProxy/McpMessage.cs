using System;
using System.Collections.Generic;
using System.Text.Json;

namespace RuleCompiler.Samples.Mcp;

/// <summary>What a JSON-RPC message is: a request (with an id), a notification (a request without one) or a response.</summary>
public enum MessageKind
{
    Request,
    Notification,
    Response,
}

/// <summary>
/// The parts of one JSON-RPC message the rules read, taken from its text: kind, id (as JSON text, to answer it),
/// method, tool name (tools/call), the client's name, and the keys of params (for tools/call also of
/// params.arguments) or, in a response, of result, leaving out the protocol's own <c>_meta</c>. The client announces
/// its name in initialize's <c>clientInfo</c> (protocol versions up to 2025-11-25; "unknown-client" when it does
/// not) or, from 2026-07-28 on, with no initialize, in every request's <c>_meta</c> under
/// <c>io.modelcontextprotocol/clientInfo</c>; a message that names none has a null <see cref="ClientName"/>.
/// </summary>
public sealed record McpMessage(MessageKind Kind, string? Id, string Method, string Tool, string? ClientName, string[] Keys)
{
    /// <summary>Reads one line; on failure <paramref name="error"/> says why it is not a JSON-RPC message.</summary>
    public static bool TryParse(string line, out McpMessage message, out string? error)
    {
        message = null!;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "a JSON-RPC message must be a JSON object";
                return false;
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? idElement.GetRawText()
                : null;
            if (root.TryGetProperty("method", out var methodElement))
            {
                if (methodElement.ValueKind != JsonValueKind.String)
                {
                    error = "\"method\" must be a string";
                    return false;
                }

                var method = methodElement.GetString()!;
                root.TryGetProperty("params", out var parameters);
                var tool = method == "tools/call" && parameters.ValueKind == JsonValueKind.Object
                    && parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty;
                var clientName = NameIn(parameters, "_meta", "io.modelcontextprotocol/clientInfo")
                    ?? (method == "initialize" ? NameIn(parameters, "clientInfo") ?? "unknown-client" : null);

                var keys = new List<string>();
                AddKeys(parameters, keys);
                if (method == "tools/call" && parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("arguments", out var arguments))
                {
                    AddKeys(arguments, keys);
                }

                message = new McpMessage(id is null ? MessageKind.Notification : MessageKind.Request, id, method, tool, clientName, keys.ToArray());
                error = null;
                return true;
            }

            if (id is null || !(root.TryGetProperty("result", out var result) | root.TryGetProperty("error", out _)))
            {
                error = "neither a request (\"method\") nor a response (\"id\" with \"result\" or \"error\")";
                return false;
            }

            var resultKeys = new List<string>();
            AddKeys(result, resultKeys);
            message = new McpMessage(MessageKind.Response, id, string.Empty, string.Empty, null, resultKeys.ToArray());
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            error = $"not JSON: {exception.Message}";
            return false;
        }
    }

    private static void AddKeys(JsonElement element, List<string> keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "_meta")
            {
                keys.Add(property.Name);
            }
        }
    }

    // The non-empty string at parameters.{path}.name, or null.
    private static string? NameIn(JsonElement parameters, params string[] path)
    {
        var element = parameters;
        foreach (var step in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var name)
            && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } announced
            ? announced
            : null;
    }
}
