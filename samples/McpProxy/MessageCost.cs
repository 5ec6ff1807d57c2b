using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace RuleCompiler.Samples.Mcp;

/// <summary>
/// What the proxy's own work costs per message, apart from the pipes and the scheduler: a tools/call request and its
/// response as the SDK sends them, handled <c>count</c> times each by a session whose outputs and log go nowhere
/// (parse, secret scan, <see cref="McpIntercept.EvaluateAll"/>, log entries, forwarding), after a warm-up.
/// </summary>
public static class MessageCost
{
    private const string Request = """{"method":"tools/call","params":{"name":"echo","arguments":{"message":"ping"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"claude-code","version":"1.0.0"},"io.modelcontextprotocol/clientCapabilities":{}}},"id":2,"jsonrpc":"2.0"}""";
    private const string Response = """{"result":{"content":[{"type":"text","text":"ping"}],"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"mcpdemo","version":"0.1.0.0"}}},"id":2,"jsonrpc":"2.0"}""";

    public static void Measure(int count, TextWriter output)
    {
        var session = new ProxySession(TextWriter.Null, TextWriter.Null, new AuditLog(Stream.Null, TimeProvider.System));
        for (var i = 0; i < Math.Max(1000, count / 10); i++)
        {
            session.Handle(Request, Side.Client);
            session.Handle(Response, Side.Server);
        }

        var requests = 0L;
        var responses = 0L;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            session.Handle(Request, Side.Client);
            var handled = Stopwatch.GetTimestamp();
            session.Handle(Response, Side.Server);
            requests += handled - started;
            responses += Stopwatch.GetTimestamp() - handled;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"proxy work per message ({count} each, outputs and log to nowhere): tools/call request {Stopwatch.GetElapsedTime(0, requests).TotalMicroseconds / count:F2} us, its response {Stopwatch.GetElapsedTime(0, responses).TotalMicroseconds / count:F2} us"));
    }
}
