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
        var buffer = new char[MaxInputChars + 1];
        var read = input.ReadBlock(buffer, 0, buffer.Length);
        text = read > MaxInputChars ? null : new string(buffer, 0, read);
        return text is null ? $"the hook input is longer than {MaxInputChars:N0} characters" : null;
    }

    /// <summary>The working directory a hook input names, if it is an object with a <c>cwd</c> string; else null.</summary>
    public static string? CwdOf(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("cwd", out var cwd) && cwd.ValueKind == JsonValueKind.String
                ? cwd.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Answers the hook input <paramref name="text"/>; returns the exit code.</summary>
    /// <param name="text">The hook input (<see cref="Read"/>).</param>
    /// <param name="output">Standard output: the JSON answer.</param>
    /// <param name="error">Standard error: why an input was refused.</param>
    /// <param name="policy">The policy for commands run in a working directory (null when the input names none).</param>
    public static int Run(string text, TextWriter output, TextWriter error, Func<string?, Func<ShellCommand, Verdict>> policy)
    {
        string command;
        string? cwd;
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refuse(output, error, $"the hook input is a JSON {Kind(root)}, not an object");
            }

            if (!root.TryGetProperty("tool_name", out var tool) || tool.ValueKind != JsonValueKind.String)
            {
                return Refuse(output, error, "the hook input has no \"tool_name\" string");
            }

            if (!IsShell(tool.GetString()!))
            {
                return 0; // not a shell command: no opinion
            }

            if (!root.TryGetProperty("tool_input", out var toolInput) || toolInput.ValueKind != JsonValueKind.Object
                || !toolInput.TryGetProperty("command", out var commandText) || commandText.ValueKind != JsonValueKind.String)
            {
                return Refuse(output, error, $"the hook input for {tool.GetString()} has no \"tool_input\": {{ \"command\": \"...\" }} string");
            }

            command = commandText.GetString()!;
            cwd = root.TryGetProperty("cwd", out var folder) && folder.ValueKind == JsonValueKind.String ? folder.GetString() : null;
        }
        catch (JsonException exception)
        {
            return Refuse(output, error, "the hook input is not JSON: " + exception.Message);
        }

        var verdict = Guard.Decide(command, policy(cwd));
        var decision = verdict.Decision switch
        {
            ShellGuardDecision.Deny => "deny",
            ShellGuardDecision.Ask => "ask",
            _ => "allow",
        };
        var rule = verdict.DecidedBy?.Verdict.Rule is { } info ? $" [{info.Id}]" : "";
        Answer(output, decision, "shellguard: " + verdict.Reason + rule);
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
        Answer(output, "deny", "shellguard could not read the hook input: " + problem);
        return Blocked;
    }

    private static void Answer(TextWriter output, string decision, string reason)
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

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
