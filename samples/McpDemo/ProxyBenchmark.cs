using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace RuleCompiler.Samples.McpDemo;

/// <summary>
/// Times tools/call round trips from an SDK client to the demo server, directly and through the proxy: two
/// sessions side by side, the same call alternating between them, one at a time.
/// </summary>
public static class ProxyBenchmark
{
    /// <summary>Times <paramref name="calls"/> calls of echo, or of wait with <paramref name="toolMs"/> when it is above 0.</summary>
    public static async Task<int> RunAsync(int calls, int toolMs, string proxy, TextWriter output)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "mcpdemo.dll");
        var log = Path.Combine(Path.GetTempPath(), $"mcpproxy-bench-{Environment.ProcessId}.log");
        await using var direct = await ConnectAsync("direct", ["exec", server, "serve"]);
        await using var proxied = await ConnectAsync("proxied", ["exec", proxy, "--log", log, "--", "dotnet", "exec", server, "serve"]);

        var (tool, arguments) = toolMs > 0
            ? ("wait", new Dictionary<string, object?> { ["milliseconds"] = toolMs })
            : ("echo", new Dictionary<string, object?> { ["message"] = "ping" });
        for (var i = 0; i < Math.Max(100, calls / 10); i++)
        {
            await Time(direct, tool, arguments);
            await Time(proxied, tool, arguments);
        }

        var directTimes = new List<double>(calls);
        var proxiedTimes = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            directTimes.Add(await Time(direct, tool, arguments));
            proxiedTimes.Add(await Time(proxied, tool, arguments));
        }

        var logLines = File.ReadLines(log).Count();
        File.Delete(log);
        output.WriteLine(Invariant($"{calls} tools/call round trips ({(toolMs > 0 ? $"wait {toolMs} ms" : "echo")}) each, one at a time, SDK client -> stdio -> SDK server (ModelContextProtocol 2.4.0)"));
        output.WriteLine(Line("direct       ", directTimes));
        output.WriteLine(Line("through proxy", proxiedTimes));
        foreach (var percent in new[] { 50, 95 })
        {
            var plain = Percentiles.Of(directTimes, percent);
            var through = Percentiles.Of(proxiedTimes, percent);
            output.WriteLine(Invariant($"overhead at p{percent}: {through - plain:F1} us ({(through - plain) / plain * 100:F1}%)"));
        }

        output.WriteLine(Invariant($"audit log: {logLines} lines (budget: < 5% at p95)"));
        return 0;
    }

    private static async Task<McpClient> ConnectAsync(string name, string[] arguments) =>
        await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions { Name = name, Command = "dotnet", Arguments = arguments }),
            new McpClientOptions { ClientInfo = new Implementation { Name = "claude-code", Version = "1.0.0" } });

    private static async Task<double> Time(McpClient client, string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await client.CallToolAsync(tool, arguments);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{tool} failed");
        }

        return elapsed;
    }

    private static string Line(string label, List<double> microseconds) => Invariant(
        $"{label}: mean {microseconds.Average(),8:F1} us, p50 {Percentiles.Of(microseconds, 50),8:F1} us, p95 {Percentiles.Of(microseconds, 95),8:F1} us, p99 {Percentiles.Of(microseconds, 99),8:F1} us");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
