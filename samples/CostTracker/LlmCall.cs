using System;
using System.Text.Json;

namespace RuleCompiler.Samples;

/// <summary>
/// One LLM call of the log: one JSON object per line, for example
/// <c>{"ts":"2026-12-01T09:30:00Z","model":"gpt-4o","tier":"standard","input_tokens":1200,"output_tokens":300,"cached_tokens":200,"region":"us-east-1","streaming":false}</c>.
/// <c>ts</c>, <c>model</c>, <c>input_tokens</c> and <c>output_tokens</c> are required; <c>tier</c> defaults to
/// standard, <c>cached_tokens</c> to 0, <c>region</c> to "" (not pinned), <c>streaming</c> to false. Other
/// properties are ignored. Cached tokens are the part of the input tokens served from the prompt cache.
/// </summary>
public readonly record struct LlmCall(
    DateTimeOffset Timestamp, string Model, ModelPricingTier Tier, string Region, bool Streaming,
    int InputTokens, int OutputTokens, int CachedTokens)
{
    /// <summary>Reads one line; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out LlmCall call, out string? error)
    {
        call = default;
        try
        {
            error = Parse(line, out call);
        }
        catch (JsonException exception)
        {
            // The reader's message ends with its own position ("LineNumber: 0 | BytePositionInLine: 7."): say it once, 1-based.
            var message = exception.Message;
            var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            error = $"invalid JSON at byte {exception.BytePositionInLine + 1}: {(position < 0 ? message : message[..position])}";
        }

        return error is null;
    }

    private static string? Parse(ReadOnlySpan<byte> line, out LlmCall call)
    {
        call = default;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "not a JSON object";
        }

        DateTimeOffset? timestamp = null;
        string? model = null;
        int? input = null, output = null;
        var cached = 0;
        var tier = ModelPricingTier.Standard;
        var region = string.Empty;
        var streaming = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
                {
                    return "\"ts\" is not an ISO 8601 date and time";
                }

                timestamp = value;
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (string.IsNullOrEmpty(model))
                {
                    return "\"model\" is not a non-empty string";
                }
            }
            else if (reader.ValueTextEquals("tier"u8))
            {
                reader.Read();
                if (!TryReadTier(ref reader, out tier))
                {
                    return "\"tier\" is not one of standard, batch, priority";
                }
            }
            else if (reader.ValueTextEquals("region"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return "\"region\" is not a string";
                }

                region = reader.GetString()!;
            }
            else if (reader.ValueTextEquals("streaming"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return "\"streaming\" is not true or false";
                }

                streaming = reader.GetBoolean();
            }
            else if (reader.ValueTextEquals("input_tokens"u8))
            {
                input = ReadCount(ref reader);
                if (input is null)
                {
                    return "\"input_tokens\" is not a count (an integer from 0 to 2147483647)";
                }
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                output = ReadCount(ref reader);
                if (output is null)
                {
                    return "\"output_tokens\" is not a count (an integer from 0 to 2147483647)";
                }
            }
            else if (reader.ValueTextEquals("cached_tokens"u8))
            {
                var value = ReadCount(ref reader);
                if (value is null)
                {
                    return "\"cached_tokens\" is not a count (an integer from 0 to 2147483647)";
                }

                cached = value.Value;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return "not a JSON object";
        }

        if (reader.Read())
        {
            return "more than one JSON value on the line";
        }

        var missing = timestamp is null ? "ts" : model is null ? "model" : input is null ? "input_tokens" : output is null ? "output_tokens" : null;
        if (missing is not null)
        {
            return $"\"{missing}\" is missing";
        }

        if (cached > input!.Value)
        {
            return $"\"cached_tokens\" ({cached}) is more than \"input_tokens\" ({input.Value})";
        }

        call = new LlmCall(timestamp!.Value, model!, tier, region, streaming, input.Value, output!.Value, cached);
        return null;
    }

    private static bool TryReadTier(ref Utf8JsonReader reader, out ModelPricingTier tier)
    {
        tier = ModelPricingTier.Standard;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (reader.ValueTextEquals("standard"u8))
        {
            return true;
        }

        if (reader.ValueTextEquals("batch"u8))
        {
            tier = ModelPricingTier.Batch;
            return true;
        }

        if (reader.ValueTextEquals("priority"u8))
        {
            tier = ModelPricingTier.Priority;
            return true;
        }

        return false;
    }

    private static int? ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value >= 0 ? value : null;
    }
}
