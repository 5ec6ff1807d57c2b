using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ModelContextProtocol;
using RuleCompiler.Samples.Programs.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Programs.Tests;

/// <summary>
/// samples/McpProxy end to end: the official MCP SDK's client (ModelContextProtocol 2.4.0) calls the SDK server of
/// samples/McpDemo through the proxy, which applies rules/mcp-intercept to every message. claude-code is one of the
/// rule file's managed clients; acme-chat is not.
/// </summary>
public sealed class McpProxyTests
{
    [Fact]
    public async Task A_managed_client_calls_tools_through_the_proxy_and_every_message_is_logged()
    {
        await using var mcp = await ProxiedMcp.ConnectAsync("claude-code");

        (await mcp.CallAsync("echo", ("message", "hello through the proxy"))).ShouldBe("hello through the proxy");
        (await mcp.CallAsync("add", ("a", 2), ("b", 40))).ShouldBe("42");
        (await mcp.CallAsync("shell.exec", ("command", "ls"))).ShouldBe("ran: ls");

        var calls = mcp.LogEntries().Where(entry => Text(entry, "method") == "tools/call" && Text(entry, "rule") == "log-all").ToList();
        calls.Count(entry => Text(entry, "from") == "client").ShouldBe(3);
        calls.Count(entry => Text(entry, "from") == "server").ShouldBe(3);
        calls.ShouldAllBe(entry => Text(entry, "client") == "claude-code");
    }

    [Fact]
    public async Task A_dangerous_tool_from_an_unmanaged_client_comes_back_as_an_error_naming_the_rule_and_never_reaches_the_server()
    {
        await using var mcp = await ProxiedMcp.ConnectAsync("acme-chat");

        var error = await Should.ThrowAsync<McpException>(() => mcp.CallAsync("shell.exec", ("command", "rm -rf /")));

        error.Message.ShouldContain("block-dangerous-tool-untrusted-client");
        error.Message.ShouldContain("dangerous tool from an untrusted client");
        (await mcp.CallAsync("echo", ("message", "still here"))).ShouldBe("still here");
        var log = mcp.LogEntries();
        log.ShouldContain(entry => Text(entry, "rule") == "block-dangerous-tool-untrusted-client" && Text(entry, "action") == "block");
        log.ShouldNotContain(entry => Text(entry, "from") == "server" && Text(entry, "tool") == "shell.exec");
    }

    [Fact]
    public async Task A_recursive_delete_is_blocked_even_for_a_managed_client_and_a_plain_delete_passes()
    {
        await using var mcp = await ProxiedMcp.ConnectAsync("claude-code");

        var error = await Should.ThrowAsync<McpException>(() => mcp.CallAsync("fs.delete", ("path", "/home"), ("recursive", true)));
        var plain = await mcp.CallAsync("fs.delete", ("path", "/tmp/x"));

        error.Message.ShouldContain("recursive delete through MCP");
        plain.ShouldBe("deleted /tmp/x");
    }

    [Fact]
    public async Task A_credential_named_argument_is_redacted_before_the_server_sees_it()
    {
        await using var mcp = await ProxiedMcp.ConnectAsync("claude-code");

        var answer = await mcp.CallAsync("http.request", ("url", "https://api.example.com/v1"), ("api_key", "live-key-123"));

        // The demo tool repeats what it received: the proxy replaced the key in the forwarded request.
        answer.ShouldBe("GET https://api.example.com/v1 with api_key=[REDACTED]");
        mcp.LogEntries().ShouldContain(entry => Text(entry, "rule") == "redact-credential-arguments");
    }

    [Fact]
    public async Task A_secret_in_a_response_is_masked_for_a_managed_client_and_blocked_for_an_unmanaged_one()
    {
        await using var managed = await ProxiedMcp.ConnectAsync("claude-code");
        await using var unmanaged = await ProxiedMcp.ConnectAsync("acme-chat");

        var masked = await managed.CallAsync("config.dump");
        var error = await Should.ThrowAsync<McpException>(() => unmanaged.CallAsync("config.dump"));

        masked.ShouldContain("aws_access_key_id = [REDACTED]");
        masked.ShouldNotContain("AKIA");
        error.Message.ShouldContain("secret-bearing response to an untrusted client");
        error.Message.ShouldNotContain("AKIA");
    }

    [Fact]
    public async Task A_client_on_an_older_protocol_is_named_by_its_initialize()
    {
        // Up to 2025-11-25 the client says who it is once, in initialize, which the proxy remembers for the session.
        await using var mcp = await ProxiedMcp.ConnectAsync("acme-chat", protocolVersion: "2025-06-18");

        var error = await Should.ThrowAsync<McpException>(() => mcp.CallAsync("shell.exec", ("command", "id")));

        error.Message.ShouldContain("block-dangerous-tool-untrusted-client");
        var initialize = mcp.LogEntries().First(entry => Text(entry, "method") == "initialize");
        Text(initialize, "client").ShouldBe("acme-chat");
    }

    [Fact]
    public void Malformed_input_is_answered_with_a_parse_error_and_an_initialize_without_protocol_version_is_refused()
    {
        var run = SampleProgram.Run("McpProxy", "mcpproxy", ["--", "dotnet", "exec", SampleProgram.PathOf("McpDemo", "mcpdemo"), "serve"],
            "this is not json\n"
            + """{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{},"clientInfo":{"name":"zed","version":"1"}}}""" + "\n");

        var replies = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        replies.Count.ShouldBe(2);
        replies[0].GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Null);
        replies[0].GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32700);
        replies[1].GetProperty("id").GetInt32().ShouldBe(7);
        replies[1].GetProperty("error").GetProperty("data").GetProperty("rule").GetString().ShouldBe("block-init-without-protocol-version");
        run.Errors.ShouldContain("\"error\":\"not JSON");
    }

    [Fact]
    public void A_tool_call_from_a_client_that_never_named_itself_is_delayed_as_the_rule_says()
    {
        var call = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}""";

        var run = SampleProgram.Run("McpProxy", "mcpproxy", ["--", "dotnet", "exec", SampleProgram.PathOf("McpDemo", "mcpdemo"), "serve"], call + "\n");

        run.Output.ShouldContain("\"text\":\"hi\"");
        var log = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var delay = log.Single(entry => Text(entry, "action") == "delay");
        (Text(delay, "rule"), delay.GetProperty("delay_ms").GetInt32(), Text(delay, "client")).ShouldBe(("delay-unknown-client-tool-calls", 500, ""));
        // Logged when the request arrived, before the delay; the answer can only have come back after it.
        var answered = log.Single(entry => Text(entry, "from") == "server" && Text(entry, "rule") == "log-all");
        (answered.GetProperty("ts").GetDateTimeOffset() - delay.GetProperty("ts").GetDateTimeOffset()).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void A_server_that_cannot_be_started_is_a_clear_error_and_a_missing_command_a_usage_error()
    {
        var missing = SampleProgram.Run("McpProxy", "mcpproxy", ["--", "/nonexistent/mcp-server"]);
        var usage = SampleProgram.Run("McpProxy", "mcpproxy", ["--log", "x.log"]);

        missing.ExitCode.ShouldBe(69);
        missing.Errors.ShouldContain("cannot start '/nonexistent/mcp-server'");
        usage.ExitCode.ShouldBe(64);
        usage.Errors.ShouldContain("give the server command after --");
    }

    private static string? Text(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
