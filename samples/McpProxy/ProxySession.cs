using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

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

    private readonly SemaphoreSlim _clientGate = new(1, 1);
    private readonly SemaphoreSlim _serverGate = new(1, 1);
    private readonly ConcurrentDictionary<string, (string Method, string Tool)> _askedByClient = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Method, string Tool)> _askedByServer = new(StringComparer.Ordinal);
    private string _client = string.Empty;

    /// <summary>Relays every line of <paramref name="from"/> until it ends.</summary>
    public async Task PumpAsync(TextReader reader, Side from)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            await HandleAsync(line, from);
        }
    }

    public async Task HandleAsync(string line, Side from)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (!McpMessage.TryParse(line, out var message, out var error))
        {
            // Logged with its text. A client gets JSON-RPC's parse error; a server's stray line is not forwarded,
            // since the client could not read it either.
            log.Malformed(from, error!, line);
            if (from == Side.Client)
            {
                await SendAsync(Side.Client, ErrorMessage(null, -32700, $"Parse error: {error}", rule: null, detail: error!));
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
            SizeBytes = Encoding.UTF8.GetByteCount(line) + 1,
            ContainsSecrets = Secrets.Contain(line),
            ParamsKeys = message.Keys,
        };

        RuleResult<McpInterceptOutput>? block = null;
        var redact = false;
        var delay = 0;
        foreach (var hit in McpIntercept.EvaluateAll(input))
        {
            log.Action(from, input, hit);
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
                await SendAsync(from, reply);                  // the sender learns why; the other side never sees it
            }
            else if (message.Kind == MessageKind.Response)
            {
                await SendAsync(Other(from), reply);           // the requester gets an error in place of the answer
            }

            return;                                            // a notification is dropped (and logged)
        }

        if (message.Kind == MessageKind.Request)
        {
            askedByThisSide[message.Id!] = (method, tool);
        }

        if (delay > 0)
        {
            await Task.Delay(delay);
        }

        await SendAsync(Other(from), redact ? Secrets.Redact(line) : line);
    }

    /// <summary>
    /// Waits until every request the client sent has been answered (or <paramref name="timeout"/> passes): when the
    /// client closes its side, the answers it is still owed are delivered before the server's input is closed.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!_askedByClient.IsEmpty && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10);
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
    }.ToJsonString();

    private async Task SendAsync(Side to, string line)
    {
        var (gate, writer) = to == Side.Client ? (_clientGate, toClient) : (_serverGate, toServer);
        await gate.WaitAsync();
        try
        {
            await writer.WriteAsync(line);
            await writer.WriteAsync('\n');
            await writer.FlushAsync();
        }
        finally
        {
            gate.Release();
        }
    }
}
