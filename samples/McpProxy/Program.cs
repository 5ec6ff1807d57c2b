using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RuleCompiler.Samples.Mcp;

// mcpproxy [--log FILE] -- SERVER-COMMAND [ARGS...]
// mcpproxy --measure [N]     times the proxy's own work on a tools/call request and response, N times each
// Starts the MCP server as a child process and relays newline-delimited JSON-RPC between this process's standard
// input/output (the client) and the child's, evaluating rules/mcp-intercept on every message. The audit log goes to
// standard error, or to FILE. The child's standard error passes through. Exits with the child's exit code; 64 usage,
// 69 the server could not be started.
if (args.Length is 1 or 2 && args[0] == "--measure")
{
    MessageCost.Measure(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, Console.Out);
    return 0;
}

var separator = Array.IndexOf(args, "--");
if (separator < 0 || separator == args.Length - 1)
{
    return Usage("give the server command after --");
}

string? logPath = null;
for (var i = 0; i < separator; i++)
{
    if (args[i] == "--log" && i + 1 < separator)
    {
        logPath = args[++i];
    }
    else
    {
        return Usage($"unknown option '{args[i]}'");
    }
}

var utf8 = new UTF8Encoding(false);
var start = new ProcessStartInfo(args[separator + 1])
{
    RedirectStandardInput = true,
    RedirectStandardOutput = true,
    UseShellExecute = false,
    StandardInputEncoding = utf8,
    StandardOutputEncoding = utf8,
};
foreach (var argument in args.AsSpan(separator + 2))
{
    start.ArgumentList.Add(argument);
}

Process server;
try
{
    server = Process.Start(start)!;
}
catch (Win32Exception exception)
{
    Console.Error.WriteLine($"mcpproxy: cannot start '{start.FileName}': {exception.Message}");
    return 69;
}

using var logStream = logPath is null ? Console.OpenStandardError() : new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read);
using var toClient = new StreamWriter(Console.OpenStandardOutput(), utf8);
using var fromClient = new StreamReader(Console.OpenStandardInput(), utf8);
var session = new ProxySession(toClient, server.StandardInput, new AuditLog(logStream, TimeProvider.System));

// The client closing its side ends the server's input, once the answers owed to it have come back; the server's
// output ending ends the session.
new Thread(() =>
{
    session.Pump(fromClient, Side.Client);
    session.Drain(TimeSpan.FromSeconds(10));
    server.StandardInput.Close();
}) { IsBackground = true, Name = "client to server" }.Start();
session.Pump(server.StandardOutput, Side.Server);
await server.WaitForExitAsync();
return server.ExitCode;

static int Usage(string problem)
{
    Console.Error.WriteLine($"mcpproxy: {problem}");
    Console.Error.WriteLine("usage: mcpproxy [--log FILE] -- SERVER-COMMAND [ARGS...]");
    Console.Error.WriteLine("Relays MCP (JSON-RPC over stdio) to the server it starts, applying rules/mcp-intercept to every message.");
    return 64;
}
