using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace RuleCompiler.Samples.Programs.Tests.Infrastructure;

/// <summary>
/// An MCP SDK client connected to the demo SDK server (samples/McpDemo, <c>mcpdemo serve</c>) through the proxy
/// (samples/McpProxy, <c>mcpproxy --log FILE -- dotnet exec mcpdemo.dll serve</c>), and the proxy's audit log.
/// </summary>
public sealed class ProxiedMcp : IAsyncDisposable
{
    private ProxiedMcp(McpClient client, string log)
    {
        Client = client;
        LogPath = log;
    }

    public McpClient Client { get; }

    public string LogPath { get; }

    /// <summary>Connects as <paramref name="clientName"/>; <paramref name="protocolVersion"/> null is the SDK's own (stateless) version.</summary>
    public static async Task<ProxiedMcp> ConnectAsync(string clientName, string? protocolVersion = null)
    {
        var log = Path.Combine(Path.GetTempPath(), $"mcpproxy-test-{Guid.NewGuid():N}.log");
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "proxied demo server",
            Command = "dotnet",
            Arguments = ["exec", SampleProgram.PathOf("McpProxy", "mcpproxy"), "--log", log, "--", "dotnet", "exec", SampleProgram.PathOf("McpDemo", "mcpdemo"), "serve"],
        });
        var options = new McpClientOptions { ClientInfo = new Implementation { Name = clientName, Version = "1.0.0" } };
        if (protocolVersion is not null)
        {
            options.ProtocolVersion = protocolVersion;
        }

        return new ProxiedMcp(await McpClient.CreateAsync(transport, options), log);
    }

    /// <summary>Calls a tool and returns the text of its result.</summary>
    public async Task<string> CallAsync(string tool, params (string Name, object? Value)[] arguments)
    {
        var result = await Client.CallToolAsync(tool, arguments.ToDictionary(argument => argument.Name, argument => argument.Value));
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
    }

    /// <summary>The audit log's entries so far.</summary>
    public IReadOnlyList<JsonElement> LogEntries() =>
        File.ReadLines(LogPath).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        File.Delete(LogPath);
    }
}
