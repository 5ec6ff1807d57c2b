using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

namespace RuleCompiler.Samples.Mcp;

/// <summary>Which party a message comes from: the MCP client (our standard input) or the server (the child's output).</summary>
public enum Side
{
    Client,
    Server,
}

/// <summary>
/// One proxied session: relays newline-delimited JSON-RPC messages both ways, evaluating rules/mcp-intercept on each
/// (<see cref="McpIntercept.EvaluateAll"/>: every rule that holds acts) and applying, in the rule file's order of
/// effect, log, then block (the message goes no further; a request is answered with a JSON-RPC error naming the rule,
/// a response is replaced by one), redact (credentials masked in the forwarded message) and delay (the longest
/// delay that holds). It remembers the client's name from initialize, and each request's method and tool until its
/// response, so a response is judged as the answer to what was asked.
/// </summary>
public sealed class ProxySession(TextWriter toClient, TextWriter toServer, AuditLog log)
{
    /// <summary>The JSON-RPC error code of a message a rule blocked (the implementation-defined server error range).</summary>
    public const int BlockedCode = -32001;

    private readonly object _clientGate = new();
    private readonly object _serverGate = new();
    private readonly ConcurrentDictionary<string, (string Method, string Tool)> _askedByClient = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Method, string Tool)> _askedByServer = new(StringComparer.Ordinal);
    // Set by the client's thread, read by the server's.
    private volatile string _client = string.Empty;

    /// <summary>
    /// Relays every line of <paramref name="reader"/> until it ends. Each direction runs on a thread of its own with
    /// blocking reads and writes: a message is handled as soon as its line arrives, with no hop through the thread
    /// pool (which cost a round trip about 0.1 ms on the 2-core machine the budget was measured on).
    /// </summary>
    public void Pump(TextReader reader, Side from)
    {
        while (reader.ReadLine() is { } line)
        {
            Handle(line, from);
        }
    }

    public void Handle(string line, Side from)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        var arrived = log.Now();
        if (!McpMessage.TryParse(line, out var message, out var error))
        {
            // Logged with its text. A client gets JSON-RPC's parse error; a server's stray line is not forwarded,
            // since the client could not read it either.
            log.Malformed(from, error!, line);
            if (from == Side.Client)
            {
                Send(Side.Client, ErrorMessage(null, -32700, $"Parse error: {error}", rule: null, detail: error!));
            }

            return;
        }

        if (from == Side.Client && message.ClientName is not null)
        {
            _client = message.ClientName;
        }

        var askedByThisSide = from == Side.Client ? _askedByClient : _askedByServer;
        var askedByOtherSide = from == Side.Client ? _askedByServer : _askedByClient;
        var (method, tool) = message.Kind == MessageKind.Response && askedByOtherSide.TryRemove(message.Id!, out var asked)
            ? asked
            : (message.Method, message.Tool);
        var input = new McpInterceptInput
        {
            Method = method,
            Tool = tool,
            Client = _client,
            Direction = message.Kind == MessageKind.Response ? McpInterceptDirection.Response : McpInterceptDirection.Request,
            SizeBytes = message.SizeBytes,
            ContainsSecrets = Secrets.Contain(line),
            ParamsKeys = message.Keys,
        };

        RuleResult<McpInterceptOutput>? block = null;
        var redact = false;
        var delay = 0;
        var hits = new List<RuleResult<McpInterceptOutput>>(4);
        foreach (var hit in McpIntercept.EvaluateAll(input))
        {
            hits.Add(hit);
            switch (hit.Output.Action)
            {
                case McpInterceptAction.Block:
                    block ??= hit;
                    break;
                case McpInterceptAction.Redact:
                    redact = true;
                    break;
                case McpInterceptAction.Delay:
                    delay = Math.Max(delay, hit.Output.DelayMs);
                    break;
                case McpInterceptAction.Log:
                    break;
                default:
                    throw new InvalidOperationException($"rule {hit.RuleId} asks for an action the proxy does not know: {hit.Output.Action}");
            }
        }

        if (block is { } blocked)
        {
            var reply = ErrorMessage(message.Id, BlockedCode, $"Blocked by rule '{blocked.RuleId}': {blocked.Output.Detail}", blocked.RuleId, blocked.Output.Detail);
            if (message.Kind == MessageKind.Request)
            {
                Send(from, reply);                             // the sender learns why; the other side never sees it
            }
            else if (message.Kind == MessageKind.Response)
            {
                Send(Other(from), reply);                      // the requester gets an error in place of the answer
            }

            log.Actions(arrived, from, input, hits);                                // a notification is dropped (and logged)
            return;
        }

        if (message.Kind == MessageKind.Request)
        {
            askedByThisSide[message.Id!] = (method, tool);
        }

        if (delay > 0)
        {
            Thread.Sleep(delay);                               // paces this direction, as the rule means
        }

        Send(Other(from), redact ? Secrets.Redact(line) : line);
        log.Actions(arrived, from, input, hits);
    }

    /// <summary>
    /// Waits until every request the client sent has been answered (or <paramref name="timeout"/> passes): when the
    /// client closes its side, the answers it is still owed are delivered before the server's input is closed.
    /// </summary>
    public void Drain(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!_askedByClient.IsEmpty && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(10);
        }
    }

    private static Side Other(Side side) => side == Side.Client ? Side.Server : Side.Client;

    private static string ErrorMessage(string? id, int code, string message, string? rule, string detail) => new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id is null ? null : JsonNode.Parse(id),
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["data"] = new JsonObject { ["rule"] = rule, ["detail"] = detail },
        },
    }.ToJsonString(Readable);

    // Quotes in a rule's detail stay quotes: the reply is JSON for a program, never HTML.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private void Send(Side to, string line)
    {
        var (gate, writer) = to == Side.Client ? (_clientGate, toClient) : (_serverGate, toServer);
        lock (gate)
        {
            writer.Write(line);
            writer.Write('\n');
            writer.Flush();
        }
    }
}
