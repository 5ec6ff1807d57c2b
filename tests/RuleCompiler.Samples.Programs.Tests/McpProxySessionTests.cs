using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleCompiler.Samples.Mcp;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Programs.Tests;

/// <summary>
/// samples/McpProxy's session in-process, on messages the SDK tests do not produce: string ids, requests from the
/// server, responses judged by the request they answer, and the redactor.
/// </summary>
public sealed class McpProxySessionTests
{
    private readonly StringWriter _toClient = new();
    private readonly StringWriter _toServer = new();
    private readonly MemoryStream _log = new();
    private readonly ProxySession _session;

    public McpProxySessionTests() => _session = new ProxySession(_toClient, _toServer, new AuditLog(_log, TimeProvider.System));

    [Fact]
    public void A_blocked_request_is_answered_with_its_own_string_id_and_never_forwarded()
    {
        Client("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"acme-chat","version":"1"}}}""");
        Client("""{"jsonrpc":"2.0","id":"call-\u00e9","method":"tools/call","params":{"name":"db.execute","arguments":{"sql":"drop table users"}}}""");

        _toServer.ToString().ShouldNotContain("db.execute");
        var reply = Lines(_toClient).Single();
        reply.GetProperty("id").GetString().ShouldBe("call-é");
        reply.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(ProxySession.BlockedCode);
        reply.GetProperty("error").GetProperty("data").GetProperty("rule").GetString().ShouldBe("block-dangerous-tool-untrusted-client");
    }

    [Fact]
    public void A_sampling_request_from_the_server_through_an_unmanaged_client_is_refused_to_the_server()
    {
        Client("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"acme-chat","version":"1"}}}""");
        Server("""{"jsonrpc":"2.0","id":41,"method":"sampling/createMessage","params":{"messages":[],"maxTokens":100}}""");

        Lines(_toClient).ShouldBeEmpty();
        var reply = Lines(_toServer).Last();
        reply.GetProperty("id").GetInt32().ShouldBe(41);
        reply.GetProperty("error").GetProperty("data").GetProperty("rule").GetString().ShouldBe("block-sampling-untrusted-client");
    }

    [Fact]
    public void A_response_is_judged_as_the_answer_to_the_request_it_carries_the_id_of()
    {
        Client("""{"jsonrpc":"2.0","id":5,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/clientInfo":{"name":"cursor","version":"1"}}}}""");
        Server("""{"jsonrpc":"2.0","id":5,"result":{"tools":[]}}""");

        var entries = LogEntries();
        var inventory = entries.Single(entry => entry.GetProperty("rule").GetString() == "log-tools-list-inventory");
        (inventory.GetProperty("method").GetString(), inventory.GetProperty("direction").GetString(), inventory.GetProperty("client").GetString())
            .ShouldBe(("tools/list", "response", "cursor"));
        Lines(_toClient).Single().GetProperty("result").GetProperty("tools").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void A_response_that_is_not_json_rpc_is_logged_with_its_text_and_not_forwarded()
    {
        Server("Listening on port 3000");

        Lines(_toClient).ShouldBeEmpty();
        var entry = LogEntries().Single();
        (entry.GetProperty("from").GetString(), entry.GetProperty("line").GetString()).ShouldBe(("server", "Listening on port 3000"));
    }

    [Fact]
    public void Redaction_masks_credentials_anywhere_in_params_or_result_and_credential_named_values_whole()
    {
        var redacted = JsonDocument.Parse(Secrets.Redact(
            """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"deploy","arguments":{"Password":"hunter2","env":{"note":"key AKIAIOSFODNN7EXAMPLE here","token":42},"region":"eu"}}}""")).RootElement;

        var arguments = redacted.GetProperty("params").GetProperty("arguments");
        arguments.GetProperty("Password").GetString().ShouldBe(Secrets.Mask);
        arguments.GetProperty("env").GetProperty("note").GetString().ShouldBe($"key {Secrets.Mask} here");
        arguments.GetProperty("env").GetProperty("token").GetString().ShouldBe(Secrets.Mask);
        arguments.GetProperty("region").GetString().ShouldBe("eu");
        redacted.GetProperty("params").GetProperty("name").GetString().ShouldBe("deploy");
        Secrets.Contain("nothing to see").ShouldBeFalse();
        Secrets.Contain("ghp_" + new string('a', 36)).ShouldBeTrue();
    }

    private void Client(string line) => _session.Handle(line, Side.Client);

    private void Server(string line) => _session.Handle(line, Side.Server);

    private static JsonElement[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();

    private JsonElement[] LogEntries() =>
        Encoding.UTF8.GetString(_log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
}
