using System.Linq;
using System.Text.Json;
using RuleCompiler.Cli.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Cli.Tests;

public sealed class EvalTests
{
    private const string RmRoot = """{ "command": "rm", "args": ["-r", "-f", "/"], "line": "rm -rf /", "actor": "ai" }""";

    [Fact]
    public void Eval_prints_the_decision_the_loaded_rule_set_makes()
    {
        var path = Repo.File("rules/shell-guard.rules.yaml");
        var run = Tool.InProcess("eval", path, "--input", RmRoot);
        run.ExitCode.ShouldBe(0, run.Errors);

        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("rule").GetString().ShouldBe("deny-rm-recursive-root");
        json.RootElement.GetProperty("matched").GetBoolean().ShouldBeTrue();
        var outputs = json.RootElement.GetProperty("outputs");
        outputs.GetProperty("decision").GetString().ShouldBe("deny");

        using var input = JsonDocument.Parse(RmRoot);
        var loaded = RuleSetLoader.LoadFile(path).RuleSet!.Evaluate(RuleSetInput.From(input.RootElement));
        outputs.GetProperty("message").GetString().ShouldBe((string)loaded.Output["message"]!);
    }

    [Fact]
    public void Eval_reads_the_input_from_a_file_or_standard_input_as_a_process()
    {
        const string Review = """{ "task_type": "code-review", "capability": "rust", "priority": "normal" }""";
        using var temp = new TempFolder();
        var file = temp.Write("input.json", Review);
        var fromFile = Tool.Process(null, "eval", "rules/task-router.rules.yaml", "--input", "@" + file);
        var fromStdin = Tool.Process(Review, "eval", "rules/task-router.rules.yaml", "--input", "-");

        fromFile.ExitCode.ShouldBe(0, fromFile.Errors);
        fromStdin.ExitCode.ShouldBe(0, fromStdin.Errors);
        fromStdin.Output.ShouldBe(fromFile.Output);
        using var json = JsonDocument.Parse(fromFile.Output);
        json.RootElement.GetProperty("rule").GetString().ShouldBe("code-review.rust");
        json.RootElement.GetProperty("outputs").GetProperty("queue").GetString().ShouldBe("rust-pool");
    }

    [Fact]
    public void Jsonl_writes_one_line_per_input_line_and_a_bad_line_is_named_with_exit_code_2()
    {
        var lines = new[]
        {
            """{"task_type":"code-review","capability":"csharp","priority":"normal"}""",
            """{"task_type":"code-review","capability":"csharp","priority":"sometimes"}""",
            "not json",
            """{"task_type":"incident-triage","priority":"urgent"}""",
        };
        var run = Tool.Process(string.Join("\n", lines) + "\n", "eval", "rules/task-router.rules.yaml", "--jsonl");

        run.ExitCode.ShouldBe(2);
        var output = run.Output.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        output.Count.ShouldBe(4);
        output[0].GetProperty("rule").GetString().ShouldBe("code-review.csharp");
        output[0].GetProperty("outputs").GetProperty("max_tokens").GetInt32().ShouldBe(32000);
        output[1].GetProperty("line").GetInt32().ShouldBe(2);
        output[1].GetProperty("error").GetString()!.ShouldContain("priority");
        output[2].GetProperty("line").GetInt32().ShouldBe(3);
        output[3].GetProperty("rule").GetString().ShouldBe("incident-triage.urgent");
        run.Errors.ShouldContain("rulec: line 2: ");
        run.Errors.ShouldContain("rulec: line 3: not valid JSON");
    }

    [Fact]
    public void A_plain_collect_rule_set_lists_every_match()
    {
        var run = Tool.InProcess("eval", Repo.File("rules/mcp-intercept.rules.yaml"), "--input", "{}");
        run.ExitCode.ShouldBe(0, run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        var rules = json.RootElement.GetProperty("matches").EnumerateArray().Select(match => match.GetProperty("rule").GetString()).ToList();
        rules.ShouldContain("log-all");
    }

    [Fact]
    public void Explain_prints_the_trace_Explain_gives()
    {
        var path = Repo.File("rules/shell-guard.rules.yaml");
        var run = Tool.InProcess("explain", path, "--input", RmRoot);
        run.ExitCode.ShouldBe(0, run.Errors);

        using var input = JsonDocument.Parse(RmRoot);
        run.Output.ShouldBe(RuleSetLoader.LoadFile(path).RuleSet!.Explain(RuleSetInput.From(input.RootElement)).ToString());
        run.Output.ShouldStartWith("decision: deny-rm-recursive-root");
    }

    [Theory]
    [InlineData("""{ "command": 5 }""", "'command'")]
    [InlineData("""{ "colour": "red" }""", "colour")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{", "not valid JSON")]
    public void A_bad_input_is_a_usage_error_that_says_why(string input, string why)
    {
        var run = Tool.InProcess("eval", Repo.File("rules/shell-guard.rules.yaml"), "--input", input);
        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldStartWith("rulec: bad input: ");
        run.Errors.ShouldContain(why);
        run.Errors.ShouldNotContain("   at ");
    }

    [Fact]
    public void A_rule_file_with_errors_cannot_be_evaluated_and_exits_3()
    {
        using var temp = new TempFolder();
        var path = temp.Write("pricing.rules.yaml", RuleFiles.Broken);
        var run = Tool.InProcess("eval", path, "--input", "{}");
        run.ExitCode.ShouldBe(3);
        run.Errors.ShouldContain("error RC2013");
    }
}
