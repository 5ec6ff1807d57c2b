using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
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
/// The parts of one JSON-RPC message the rules read, taken from its text in one pass of a <see cref="Utf8JsonReader"/>:
/// kind, id (as JSON text, to answer it), method, tool name (tools/call), the client's name, the keys of params (for
/// tools/call also of params.arguments) or, in a response, of result, leaving out the protocol's own <c>_meta</c>,
/// and the message's size in UTF-8 bytes. The client announces its name in initialize's <c>clientInfo</c> (protocol
/// versions up to 2025-11-25; "unknown-client" when it does not) or, from 2026-07-28 on, with no initialize, in every
/// request's <c>_meta</c> under <c>io.modelcontextprotocol/clientInfo</c>; a message that names none has a null
/// <see cref="ClientName"/>.
/// </summary>
public sealed record McpMessage(MessageKind Kind, string? Id, string Method, string Tool, string? ClientName, string[] Keys, long SizeBytes)
{
    /// <summary>Reads one line; on failure <paramref name="error"/> says why it is not a JSON-RPC message.</summary>
    public static bool TryParse(string line, out McpMessage message, out string? error)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(line, bytes);
            return TryParse(bytes.AsSpan(0, length), out message, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> json, out McpMessage message, out string? error)
    {
        message = null!;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "a JSON-RPC message must be a JSON object";
                return false;
            }

            string? method = null, id = null;
            var parts = new Parts();
            var hasMethod = false;
            var hasOutcome = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("method"u8))
                {
                    reader.Read();
                    hasMethod = true;
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        error = "\"method\" must be a string";
                        return false;
                    }

                    method = reader.GetString();
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType switch
                    {
                        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                        JsonTokenType.String => "\"" + Encoding.UTF8.GetString(reader.ValueSpan) + "\"",   // still escaped: valid JSON
                        _ => null,
                    };
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("params"u8))
                {
                    reader.Read();
                    ReadParams(ref reader, parts);
                }
                else if (reader.ValueTextEquals("result"u8))
                {
                    reader.Read();
                    hasOutcome = true;
                    ReadKeys(ref reader, parts.ResultKeys);
                }
                else
                {
                    hasOutcome |= reader.ValueTextEquals("error"u8);
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "not one JSON object";
                return false;
            }

            if (hasMethod)
            {
                var keys = parts.ParamsKeys;
                if (method == "tools/call")
                {
                    keys.AddRange(parts.ArgumentKeys);
                }

                var client = parts.MetaClient ?? (method == "initialize" ? parts.InitializeClient ?? "unknown-client" : null);
                message = new McpMessage(id is null ? MessageKind.Notification : MessageKind.Request, id, method!,
                    method == "tools/call" ? parts.Tool ?? string.Empty : string.Empty, client, keys.ToArray(), json.Length + 1);
                error = null;
                return true;
            }

            if (id is null || !hasOutcome)
            {
                error = "neither a request (\"method\") nor a response (\"id\" with \"result\" or \"error\")";
                return false;
            }

            message = new McpMessage(MessageKind.Response, id, string.Empty, string.Empty, null, parts.ResultKeys.ToArray(), json.Length + 1);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            error = $"not JSON: {exception.Message}";
            return false;
        }
    }

    // params: its keys, name (the tool), arguments' keys, clientInfo.name (initialize), _meta's client name.
    private static void ReadParams(ref Utf8JsonReader reader, Parts parts)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("_meta"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isClientInfo = reader.ValueTextEquals("io.modelcontextprotocol/clientInfo"u8);
                    reader.Read();
                    if (isClientInfo)
                    {
                        parts.MetaClient = ReadName(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                continue;
            }

            parts.ParamsKeys.Add(reader.GetString()!);
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                parts.Tool = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                ReadKeys(ref reader, parts.ArgumentKeys);
            }
            else if (reader.ValueTextEquals("clientInfo"u8))
            {
                reader.Read();
                parts.InitializeClient = ReadName(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    // The keys of an object (its values skipped); nothing for any other value.
    private static void ReadKeys(ref Utf8JsonReader reader, List<string> keys)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (key != "_meta")
            {
                keys.Add(key);
            }

            reader.Read();
            reader.Skip();
        }
    }

    // The non-empty string "name" of an object, or null.
    private static string? ReadName(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName && reader.TokenType == JsonTokenType.String)
            {
                name = reader.GetString() is { Length: > 0 } text ? text : null;
            }

            reader.Skip();
        }

        return name;
    }

    private sealed class Parts
    {
        public List<string> ParamsKeys { get; } = [];

        public List<string> ArgumentKeys { get; } = [];

        public List<string> ResultKeys { get; } = [];

        public string? Tool { get; set; }

        public string? InitializeClient { get; set; }

        public string? MetaClient { get; set; }
    }
}
