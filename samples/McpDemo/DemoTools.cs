using System.ComponentModel;
using System.Threading.Tasks;
using ModelContextProtocol.Server;

namespace RuleCompiler.Samples.McpDemo;

/// <summary>
/// The demo server's tools. Harmless ones (echo, add, wait), and ones rules/mcp-intercept cares about: a shell tool
/// (blocked for unmanaged clients), a delete (blocked when recursive), a request that takes an API key (the key is
/// redacted on the way in) and a configuration dump that holds a credential (masked on the way out, or blocked for
/// an unmanaged client). Nothing is executed or deleted: each tool only says what it was asked.
/// </summary>
[McpServerToolType]
public static class DemoTools
{
    [McpServerTool(Name = "echo"), Description("Returns the message.")]
    public static string Echo(string message) => message;

    [McpServerTool(Name = "add"), Description("Adds two integers.")]
    public static long Add(long a, long b) => a + b;

    [McpServerTool(Name = "wait"), Description("Waits the given milliseconds, as a tool doing I/O would, and says so.")]
    public static async Task<string> Wait(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return $"waited {milliseconds} ms";
    }

    [McpServerTool(Name = "shell.exec"), Description("Pretends to run a shell command and says which.")]
    public static string ShellExec(string command) => $"ran: {command}";

    [McpServerTool(Name = "fs.delete"), Description("Pretends to delete a path and says how.")]
    public static string Delete(string path, bool recursive = false) => recursive ? $"deleted {path} recursively" : $"deleted {path}";

    [McpServerTool(Name = "http.request"), Description("Pretends to call a URL with an API key and says with which.")]
    public static string HttpRequest(string url, string api_key) => $"GET {url} with api_key={api_key}";

    [McpServerTool(Name = "config.dump"), Description("Returns the service configuration, credentials included.")]
    public static string ConfigDump() => "region = us-east-1\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n";
}
