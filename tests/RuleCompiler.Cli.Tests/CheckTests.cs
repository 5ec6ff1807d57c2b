using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using RuleCompiler.Cli.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Cli.Tests;

public sealed class CheckTests
{
    [Fact]
    public void Every_sample_checks_clean_with_exit_code_0()
    {
        var samples = Directory.GetFiles(Repo.File("rules"), "*.rules.yaml", SearchOption.AllDirectories).Order().ToArray();
        var run = Tool.InProcess(["check", .. samples]);
        run.ExitCode.ShouldBe(0, run.Output + run.Errors);
        run.Output.ShouldEndWith($"{samples.Length} file(s): 0 error(s), 0 warning(s)\n");
    }

    [Fact]
    public void A_broken_file_prints_the_builds_diagnostic_at_its_line_and_exits_1()
    {
        using var temp = new TempFolder();
        var path = temp.Write("pricing.rules.yaml", RuleFiles.Broken);
        var run = Tool.InProcess("check", path);

        run.ExitCode.ShouldBe(1);
        var expected = RuleSetLoader.Load(RuleFiles.Broken, path).Diagnostics.Where(d => d.Severity != RuleDiagnosticSeverity.Info).Select(d => d.ToString()).ToList();
        expected.ShouldContain(line => line.StartsWith(path + "(12,45): error RC2013: 'lots' is not a valid int for 'items'"));
        run.Output.Split('\n').Where(line => line.Contains(": error ") || line.Contains(": warning ")).ShouldBe(expected);
    }

    [Fact]
    public void Sarif_output_is_valid_SARIF_2_1_0_with_each_finding_at_its_yaml_line()
    {
        using var temp = new TempFolder();
        var path = temp.Write("pricing.rules.yaml", RuleFiles.Broken);
        var run = Tool.Process(null, "check", "--format", "sarif", path, "rules/task-router.rules.yaml");
        run.ExitCode.ShouldBe(1, run.Errors);

        var schema = JsonSchema.FromFile(Path.Combine(System.AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json"));
        using var document = JsonDocument.Parse(run.Output);
        var validation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        validation.IsValid.ShouldBeTrue(string.Join("\n", (validation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value)).Take(20)));
        var sarif = JsonNode.Parse(run.Output)!;

        sarif["version"]!.GetValue<string>().ShouldBe("2.1.0");
        var run0 = sarif["runs"]![0]!;
        var rules = run0["tool"]!["driver"]!["rules"]!.AsArray();
        rules.Select(rule => rule!["id"]!.GetValue<string>()).ShouldContain("RC2013");
        var error = run0["results"]!.AsArray().Single(result => result!["level"]!.GetValue<string>() == "error")!;
        error["ruleId"]!.GetValue<string>().ShouldBe("RC2013");
        rules[error["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>().ShouldBe("RC2013");
        var location = error["locations"]![0]!["physicalLocation"]!;
        location["artifactLocation"]!["uri"]!.GetValue<string>().ShouldEndWith("/pricing.rules.yaml");
        location["region"]!["startLine"]!.GetValue<int>().ShouldBe(12);
        location["region"]!["startColumn"]!.GetValue<int>().ShouldBe(45);
    }

    [Fact]
    public void Json_output_lists_every_diagnostic_with_its_position()
    {
        using var temp = new TempFolder();
        var path = temp.Write("pricing.rules.yaml", RuleFiles.Broken);
        var run = Tool.InProcess("check", "--format", "json", path);
        run.ExitCode.ShouldBe(1);

        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("errors").GetInt32().ShouldBe(1);
        var diagnostic = json.RootElement.GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("severity").GetString() == "error");
        diagnostic.GetProperty("id").GetString().ShouldBe("RC2013");
        diagnostic.GetProperty("line").GetInt32().ShouldBe(12);
        diagnostic.GetProperty("column").GetInt32().ShouldBe(45);
    }

    [Fact]
    public void A_file_that_cannot_be_read_exits_3()
    {
        var run = Tool.Process(null, "check", "rules/no-such-file.rules.yaml");
        run.ExitCode.ShouldBe(3);
        run.Output.ShouldStartWith("rules/no-such-file.rules.yaml(1,1): error RC1006: ");
    }
}
