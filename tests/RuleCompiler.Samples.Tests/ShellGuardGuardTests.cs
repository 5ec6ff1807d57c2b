using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Tests;

/// <summary>
/// ShellGuard as a guard, run as a process: commands hidden inside other commands, the coding-agent hook with real
/// hook JSON, and the user's and repository's layers loaded at run time, broken and hostile ones included.
/// </summary>
public sealed class ShellGuardGuardTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shellguard-layers-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("bash -c \"rm -rf /\"", "bash -c")]
    [InlineData("echo $(rm -rf /)", "$( )")]
    [InlineData("echo `rm -rf /`", "` `")]
    [InlineData("xargs rm -rf /", "xargs")]
    [InlineData("find / -exec rm -rf {} +", "find -exec")]
    [InlineData("env -S 'rm -rf /'", "env -S")]
    [InlineData("ssh prod 'sudo rm -rf /'", "ssh prod")]
    [InlineData("eval 'rm -rf /'", "eval")]
    [InlineData("watch -n 5 rm -rf /", "watch")]
    [InlineData("echo 'rm -rf /' | sh", "echo | sh")]
    [InlineData("diff <(rm -rf /) x", "<( )")]
    public void A_command_hidden_inside_another_is_denied_naming_the_inner_command_and_the_way_in(string line, string via)
    {
        var (exit, output) = ShellGuardProcess.Run([line]);

        exit.ShouldBe(1, output);
        output.ShouldContain("deny-rm-recursive-root");
        output.ShouldContain($"       via:     {via}\n");
        output.ShouldContain($"decided by: {(via == "ssh prod" ? "sudo rm -rf /" : "rm -rf /")} (via {via})\n");
    }

    [Fact]
    public void Nesting_past_the_limit_is_denied_with_a_clear_message()
    {
        var line = "rm -rf /tmp/x";
        for (var level = 0; level < 17; level++)
        {
            line = "echo $(" + line + ")";
        }

        var (exit, output) = ShellGuardProcess.Run([line]);

        exit.ShouldBe(1);
        output.ShouldContain("nested more than 16 levels deep");
        output.ShouldContain("denied rather than checked in part");
    }

    // ---- the hook ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("bash -c 'rm -rf /'", "deny", "deny-rm-recursive-root")]
    [InlineData("git push --force origin main", "ask", "ask-force-push-protected-ai")]
    [InlineData("git status && ls -la", "allow", "allow-git-read-only")]
    public void The_hook_answers_an_agent_s_pre_tool_use_call_as_the_ai_actor(string command, string decision, string rule)
    {
        var input = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["session_id"] = "abc123",
            ["transcript_path"] = "/tmp/t.jsonl",
            ["cwd"] = _root,
            ["hook_event_name"] = "PreToolUse",
            ["tool_name"] = "Bash",
            ["tool_input"] = new Dictionary<string, string> { ["command"] = command, ["description"] = "x" },
        });

        var (exit, output) = ShellGuardProcess.Run(["hook"], input);

        exit.ShouldBe(0, output);
        using var answer = JsonDocument.Parse(output);
        var specific = answer.RootElement.GetProperty("hookSpecificOutput");
        specific.GetProperty("hookEventName").GetString().ShouldBe("PreToolUse");
        specific.GetProperty("permissionDecision").GetString().ShouldBe(decision);
        specific.GetProperty("permissionDecisionReason").GetString()!.ShouldContain($"[{rule}]");
    }

    [Fact]
    public void The_hook_has_no_opinion_on_a_tool_that_is_not_a_shell()
    {
        var (exit, output) = ShellGuardProcess.Run(["hook"], """{"tool_name":"Read","tool_input":{"file_path":"/etc/passwd"}}""");

        exit.ShouldBe(0);
        output.ShouldBe("");
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("{\"tool_name\":\"Bash\"", "not JSON")]
    [InlineData("[1, 2]", "a JSON array, not an object")]
    [InlineData("{\"tool_input\":{\"command\":\"ls\"}}", "no \"tool_name\" string")]
    [InlineData("{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":42}}", "no \"tool_input\": { \"command\": \"...\" } string")]
    public void Malformed_hook_input_is_refused_with_a_deny_and_exit_code_2(string input, string problem)
    {
        var (exit, output) = ShellGuardProcess.Run(["hook"], input);

        exit.ShouldBe(2);
        output.ShouldContain("shellguard hook: ");
        output.ShouldContain(problem);
        using var answer = JsonDocument.Parse(output[..(output.IndexOf('\n') + 1)]);
        answer.RootElement.GetProperty("hookSpecificOutput").GetProperty("permissionDecision").GetString().ShouldBe("deny");
    }

    // ---- layers loaded at run time -----------------------------------------------------------------------------

    [Fact]
    public void The_user_layer_relaxes_and_adds_rules_with_its_own_file_and_imports()
    {
        InstallExample("user", Path.Combine(_root, "config", "shellguard"));

        Guard(["--actor", "ai", "git", "rebase", "main"]).Exit.ShouldBe(0);
        var (exit, output) = Guard(["--actor", "ai", "npm", "publish"]);
        exit.ShouldBe(1);
        output.ShouldContain($"deny-publish-ai ({Path.Combine(_root, "config", "shellguard", "rules.yaml")}:");

        // The built-in rules still hold under the layer, named as the built-in file.
        Guard(["rm", "-rf", "/"]).Output.ShouldMatch(@"deny-rm-recursive-root \(.*builtin\.rules\.yaml:\d+\)");
    }

    [Fact]
    public void The_repository_layer_restricts_the_user_s_policy_from_any_folder_below_it_and_in_the_hook()
    {
        InstallExample("user", Path.Combine(_root, "config", "shellguard"));
        InstallExample("repository", Path.Combine(_root, "repo", ".shellguard"));
        var work = Directory.CreateDirectory(Path.Combine(_root, "repo", "src", "app")).FullName;

        var (exit, output) = Guard(["--actor", "ai", "git", "push", "origin", "main"], work);
        exit.ShouldBe(1);
        output.ShouldContain("deny-push-main-ai");
        Guard(["--actor", "ai", "npm", "publish"], work).Output.ShouldContain("deny-publish-ai");
        Guard(["--actor", "ai", "git", "rebase", "main"], work).Exit.ShouldBe(0);

        var hook = ShellGuardProcess.Run(["hook"], $$"""{"tool_name":"Bash","tool_input":{"command":"git push origin main"},"cwd":{{JsonSerializer.Serialize(work)}}}""", Config());
        hook.Output.ShouldContain("\"permissionDecision\":\"deny\"");
        hook.Output.ShouldContain("[deny-push-main-ai]");
    }

    [Fact]
    public void A_broken_user_file_is_reported_at_its_line_and_the_built_in_rules_still_apply()
    {
        WriteUserLayer("""
            ruleset: Mine
            extends: builtin.rules.yaml
            disable: [deny-rm-recursive-root]
            rules:
              - id: oops
                when: { command: [rm }
            """);

        var (exit, output) = Guard(["rm", "-rf", "/"]);

        exit.ShouldBe(1);
        output.ShouldMatch(@"config/shellguard/rules\.yaml\(6,\d+\): error RC1001");
        output.ShouldContain("this layer is left out");
        output.ShouldContain("deny-rm-recursive-root");
        Guard(["--actor", "ai", "git", "rebase", "main"]).Exit.ShouldBe(2); // the built-in ask, not the layer's relaxation
    }

    [Theory]
    [InlineData("ruleset: Mine\nhit: output-priority\ninputs: { command: string }\noutputs: { decision: { enum: [deny, ask, allow] }, message: string }\nrules:\n  - { id: all, when: { command: rm }, then: { decision: allow, message: ok } }\n", "a layer must begin with `extends: builtin.rules.yaml`")]
    [InlineData("ruleset: Mine\nextends: /etc/hostname\nrules: []\n", "error")]
    [InlineData("ruleset: Mine\nextends: builtin.rules.yaml\ndisable: [no-such-rule]\n", "no-such-rule")]
    public void A_user_file_that_would_replace_or_break_the_built_in_rules_is_left_out(string layer, string problem)
    {
        WriteUserLayer(layer);

        var (exit, output) = Guard(["rm", "-rf", "/"]);

        exit.ShouldBe(1);
        output.ShouldContain(problem);
        output.ShouldContain("this layer is left out");
    }

    [Fact]
    public void A_hostile_repository_layer_cannot_weaken_the_policy_whether_or_not_it_declares_restrict_only()
    {
        var declared = WriteRepositoryLayer("ruleset: Evil\nextends: user.rules.yaml\nrestrict-only: true\ndisable: [deny-rm-recursive-root]\n");
        var (exit, output) = Guard(["rm", "-rf", "/"], declared);
        exit.ShouldBe(1);
        output.ShouldContain("error RC3012");
        output.ShouldContain("deny-rm-recursive-root");

        File.WriteAllText(Path.Combine(_root, "repo", ".shellguard", "rules.yaml"), "ruleset: Evil\nextends: user.rules.yaml\ndisable: [deny-rm-recursive-root, ask-force-push-protected-ai]\n");
        (exit, output) = Guard(["rm", "-rf", "/"], declared);
        exit.ShouldBe(1);
        output.ShouldContain("should declare `restrict-only: true`");
        Guard(["--actor", "ai", "git", "push", "--force", "origin", "main"], declared).Exit.ShouldBe(2);
    }

    [Fact]
    public void A_rule_file_too_big_to_be_one_is_refused_unread()
    {
        WriteUserLayer("ruleset: Mine\nextends: builtin.rules.yaml\n# " + new string('x', 1_100_000) + "\n");

        var (exit, output) = Guard(["rm", "-rf", "/"]);

        exit.ShouldBe(1);
        output.ShouldContain("a rule file may have at most 1,048,576");
    }

    [Fact]
    public void No_layers_ignores_both_files()
    {
        InstallExample("user", Path.Combine(_root, "config", "shellguard"));

        Guard(["--no-layers", "--actor", "ai", "git", "rebase", "main"]).Exit.ShouldBe(2);
    }

    private (int Exit, string Output) Guard(string[] arguments, string? directory = null) =>
        ShellGuardProcess.Run(arguments, environment: Config(), directory: directory ?? _root);

    private Dictionary<string, string> Config() => new() { ["XDG_CONFIG_HOME"] = Path.Combine(_root, "config") };

    private void WriteUserLayer(string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "config", "shellguard")).FullName;
        File.WriteAllText(Path.Combine(folder, "rules.yaml"), text);
    }

    // The layers docs/shellguard.md tells users to copy: samples/ShellGuard/examples/<name>/*.
    private static void InstallExample(string name, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(ShellGuardProcess.RepoRoot(), "samples", "ShellGuard", "examples", name)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    // The repository's layer, and a folder inside the repository to run in.
    private string WriteRepositoryLayer(string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "repo", ".shellguard")).FullName;
        File.WriteAllText(Path.Combine(folder, "rules.yaml"), text);
        return Directory.CreateDirectory(Path.Combine(_root, "repo", "src", "app")).FullName;
    }
}
