using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RuleCompiler.Samples.Mcp;

/// <summary>
/// The proxy's audit log: one JSON object per line for every action a rule took on a message (what the message
/// was, never its content) and for every line that was not a JSON-RPC message (with its text, so nothing is lost).
/// Written to standard error or to the file given with --log, a message's entries in one write, flushed at once;
/// the relay writes them right after it has forwarded the message, so logging does not delay it. An entry's
/// <c>ts</c> is when its message arrived.
/// </summary>
public sealed class AuditLog
{
    private readonly object _gate = new();
    private readonly Stream _stream;
    private readonly TimeProvider _clock;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public AuditLog(Stream stream, TimeProvider clock)
    {
        _stream = stream;
        _clock = clock;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>When a message arrives: the time its entries carry.</summary>
    public DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    public void Actions(DateTime arrived, Side from, in McpInterceptInput input, IReadOnlyList<RuleResult<McpInterceptOutput>> hits)
    {
        lock (_gate)
        {
            foreach (var hit in hits)
            {
                Begin(arrived, from);
                _json.WriteString("direction", input.Direction == McpInterceptDirection.Request ? "request" : "response");
                _json.WriteString("method", input.Method);
                _json.WriteString("tool", input.Tool);
                _json.WriteString("client", input.Client);
                _json.WriteNumber("size_bytes", input.SizeBytes);
                _json.WriteString("rule", hit.RuleId);
                _json.WriteString("action", ActionName(hit.Output.Action));
                _json.WriteString("detail", hit.Output.Detail);
                _json.WriteNumber("delay_ms", hit.Output.DelayMs);
                End();
            }

            Flush();
        }
    }

    public void Malformed(Side from, string error, string line)
    {
        lock (_gate)
        {
            Begin(Now(), from);
            _json.WriteString("error", error);
            _json.WriteString("line", line);
            End();
            Flush();
        }
    }

    private static string ActionName(McpInterceptAction action) => action switch
    {
        McpInterceptAction.Log => "log",
        McpInterceptAction.Block => "block",
        McpInterceptAction.Redact => "redact",
        McpInterceptAction.Delay => "delay",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "an action mcp-intercept does not declare"),
    };

    private void Begin(DateTime at, Side from)
    {
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("ts", at);
        _json.WriteString("from", from == Side.Client ? "client" : "server");
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
    }

    private void Flush()
    {
        _stream.Write(_buffer.WrittenSpan);
        _stream.Flush();
        _buffer.ResetWrittenCount();
    }
}
