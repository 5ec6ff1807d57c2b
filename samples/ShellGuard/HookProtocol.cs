using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RuleCompiler.Samples.CommandLine;

/// <summary>
/// <c>shellguard hook</c>: the pre-tool-use hook coding agents call before they run a shell command. The agent writes one
/// JSON object on standard input (<c>tool_name</c>, <c>tool_input.command</c>, <c>cwd</c>, and fields this hook does not
/// need); the hook decides the command as <c>--actor ai</c>, with the repository layer found from <c>cwd</c>, and
/// answers <c>{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "allow|deny|ask",
/// "permissionDecisionReason": "..."}}</c> on standard output, exit code 0.
/// </summary>
/// <remarks>
/// A tool that is not a shell (<c>Read</c>, <c>Edit</c>, ...) gets no opinion: an empty answer, exit code 0, and the
/// agent asks as it would without the hook. Input that is not such an object gets a deny answer, the problem on standard
/// error and exit code 2, which agents read as "blocked": never an allow.
/// </remarks>
public static class HookProtocol
{
    /// <summary>The exit code of an input the hook cannot read: agents treat it as a blocking error.</summary>
    public const int Blocked = 2;

    /// <summary>Hook input is a small JSON object; a bigger one is refused rather than parsed.</summary>
    public const int MaxInputChars = 1024 * 1024;

    /// <summary>Reads one hook input: null, and the text, or why it cannot be read (then the text is null).</summary>
    public static string? Read(TextReader input, out string? text)
    {
        var read = new StringBuilder();
        var chunk = new char[4096];
        for (int count; (count = input.Read(chunk, 0, chunk.Length)) > 0;)
        {
            read.Append(chunk, 0, count);
            if (read.Length > MaxInputChars)
            {
                text = null;
                return $"the hook input is longer than {MaxInputChars:N0} characters";
            }
        }

        text = read.ToString();
        return null;
    }

    /// <summary>
    /// Reads the hook input <paramref name="text"/> into <paramref name="request"/>: null, or why it is not a hook input
    /// (then <paramref name="request"/> is null).
    /// </summary>
    public static string? Parse(string text, out HookRequest? request)
    {
        request = null;
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"the hook input is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
            }

            if (!root.TryGetProperty("tool_name", out var tool) || tool.ValueKind != JsonValueKind.String)
            {
                return "the hook input has no \"tool_name\" string";
            }

            var cwd = root.TryGetProperty("cwd", out var folder) && folder.ValueKind == JsonValueKind.String ? folder.GetString() : null;
            if (!IsShell(tool.GetString()!))
            {
                request = new HookRequest(null, cwd);
                return null;
            }

            if (!root.TryGetProperty("tool_input", out var toolInput) || toolInput.ValueKind != JsonValueKind.Object
                || !toolInput.TryGetProperty("command", out var command) || command.ValueKind != JsonValueKind.String)
            {
                return $"the hook input for {tool.GetString()} has no \"tool_input\": {{ \"command\": \"...\" }} string";
            }

            request = new HookRequest(command.GetString()!, cwd);
            return null;
        }
        catch (JsonException exception)
        {
            return "the hook input is not JSON: " + exception.Message;
        }
    }

    /// <summary>Answers a shell command's <paramref name="request"/>, decided by <paramref name="decide"/>; returns the exit code (0).</summary>
    public static int Answer(HookRequest request, TextWriter output, Func<ShellCommand, Verdict> decide)
    {
        var verdict = Guard.Decide(request.Command ?? throw new ArgumentException("only a shell command is answered", nameof(request)), decide);
        var decision = verdict.Decision switch
        {
            ShellGuardDecision.Deny => "deny",
            ShellGuardDecision.Ask => "ask",
            _ => "allow",
        };
        var rule = verdict.DecidedBy?.Verdict.Rule is { } info ? $" [{info.Id}]" : "";
        Write(output, decision, "shellguard: " + verdict.Reason + rule);
        return 0;
    }

    /// <summary>Claude Code's tool is Bash; other agents name theirs shell or run_shell_command.</summary>
    private static bool IsShell(string tool) =>
        tool.Equals("Bash", StringComparison.OrdinalIgnoreCase) || tool.Equals("shell", StringComparison.OrdinalIgnoreCase)
        || tool.Equals("run_shell_command", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses an input that cannot be read: a deny answer, the problem on standard error, <see cref="Blocked"/>.</summary>
    public static int Refuse(TextWriter output, TextWriter error, string problem)
    {
        error.WriteLine("shellguard hook: " + problem);
        Write(output, "deny", "shellguard could not read the hook input: " + problem);
        return Blocked;
    }

    private static void Write(TextWriter output, string decision, string reason)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("hookSpecificOutput");
            writer.WriteString("hookEventName", "PreToolUse");
            writer.WriteString("permissionDecision", decision);
            writer.WriteString("permissionDecisionReason", reason);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        output.Flush();
    }
}

/// <summary>A hook input: the shell command an agent is about to run (null: another tool's call) and its working directory.</summary>
public sealed record HookRequest(string? Command, string? Cwd);
