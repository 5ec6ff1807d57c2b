using System;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RuleCompiler.Samples.McpDemo;

// mcpdemo serve                        a stdio MCP server with the demo tools (DemoTools.cs)
// mcpdemo bench [N] [--tool-ms M] [--proxy PATH]
//                                      times N tools/call round trips direct and through mcpproxy (PATH: its .dll),
//                                      of echo, or of a tool that waits M ms
if (args is ["serve"])
{
    var builder = Host.CreateApplicationBuilder();
    // Standard output is the protocol's: the host's own logging would corrupt it.
    builder.Logging.ClearProviders();
    builder.Services.AddMcpServer().WithStdioServerTransport().WithToolsFromAssembly();
    await builder.Build().RunAsync();
    return 0;
}

if (args.Length >= 1 && args[0] == "bench")
{
    var calls = args.Length >= 2 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
    var proxyAt = Array.IndexOf(args, "--proxy");
    var proxy = proxyAt > 0 && proxyAt + 1 < args.Length
        ? args[proxyAt + 1]
        : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "McpProxy", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "mcpproxy.dll"));
    if (!File.Exists(proxy))
    {
        Console.Error.WriteLine($"mcpdemo: no proxy at {proxy}: build samples/McpProxy in the same configuration, or give --proxy PATH");
        return 66;
    }

    var toolMsAt = Array.IndexOf(args, "--tool-ms");
    var toolMs = toolMsAt > 0 && toolMsAt + 1 < args.Length ? int.Parse(args[toolMsAt + 1], CultureInfo.InvariantCulture) : 0;
    return await ProxyBenchmark.RunAsync(calls, toolMs, proxy, Console.Out);
}

Console.Error.WriteLine("usage: mcpdemo serve | mcpdemo bench [N] [--tool-ms M] [--proxy PATH/mcpproxy.dll]");
return 64;
