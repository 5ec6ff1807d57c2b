using System;
using System.IO;
using System.Text.Json.Nodes;

namespace RuleCompiler.Samples.Mcp;

/// <summary>
/// The proxy's audit log: one JSON object per line for every action a rule took on a message (what the message
/// was, never its content) and for every line that was not a JSON-RPC message (with its text, so nothing is lost).
/// Written to standard error or to the file given with --log; lines from both directions never interleave.
/// </summary>
public sealed class AuditLog(TextWriter writer, TimeProvider clock)
{
    private readonly object _gate = new();

    public void Action(Side from, in McpInterceptInput input, RuleResult<McpInterceptOutput> hit) => Write(new JsonObject
    {
        ["ts"] = clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["from"] = Name(from),
        ["direction"] = input.Direction == McpInterceptDirection.Request ? "request" : "response",
        ["method"] = input.Method,
        ["tool"] = input.Tool,
        ["client"] = input.Client,
        ["size_bytes"] = input.SizeBytes,
        ["rule"] = hit.RuleId,
        ["action"] = hit.Output.Action.ToString().ToLowerInvariant(),
        ["detail"] = hit.Output.Detail,
        ["delay_ms"] = hit.Output.DelayMs,
    });

    public void Malformed(Side from, string error, string line) => Write(new JsonObject
    {
        ["ts"] = clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["from"] = Name(from),
        ["error"] = error,
        ["line"] = line,
    });

    private static string Name(Side side) => side == Side.Client ? "client" : "server";

    private void Write(JsonObject entry)
    {
        var text = entry.ToJsonString();
        lock (_gate)
        {
            writer.Write(text);
            writer.Write('\n');
            writer.Flush();
        }
    }
}
