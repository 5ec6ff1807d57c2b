using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RuleCompiler.Cli.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Cli.Tests;

public sealed class ShowTests
{
    [Fact]
    public void The_table_has_a_row_per_rule_and_a_column_per_tested_input_then_the_outputs()
    {
        var run = Tool.InProcess("show", Repo.File("rules/task-router.rules.yaml"));
        run.ExitCode.ShouldBe(0, run.Errors);

        var lines = run.Output.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("| # | rule | task_type | capability | priority | → agent | → queue | → max_tokens | → timeout_seconds |");
        lines.Length.ShouldBe(2 + RuleSetLoader.LoadFile(Repo.File("rules/task-router.rules.yaml")).RuleSet!.Rules.Length);
        lines.ShouldContain("| 1 | incident-triage.urgent | incident-triage |  | urgent | incident-commander | pager-pool | 32000 | 300 |");
        lines.ShouldContain(line => line.StartsWith("| ") && line.Contains("| translation.other-languages | { prefix: translation- } |"));
    }

    [Fact]
    public void The_graph_is_the_planned_dag_in_mermaid_and_dot()
    {
        var mermaid = Tool.InProcess("show", Repo.File("rules/llm-cost.rules.yaml"), "--as", "graph");
        var dot = Tool.InProcess("show", Repo.File("rules/llm-cost.rules.yaml"), "--as", "graph", "--format", "dot");
        mermaid.ExitCode.ShouldBe(0, mermaid.Errors);
        dot.ExitCode.ShouldBe(0, dot.Errors);

        // The root reads input_tokens (the only field the planner can switch on there) and names the rules below it.
        mermaid.Output.ShouldStartWith("flowchart TD\n  n0{{\"input_tokens<br/><small>rules: token-cost, ");
        dot.Output.ShouldStartWith("digraph plan {\n");
        dot.Output.ShouldEndWith("}\n");
        dot.Output.ShouldContain("n0 [shape=diamond, label=\"input_tokens\\nrules: token-cost, ");
        var nodes = Regex.Matches(mermaid.Output, @"^  (n\d+|none)[\{\(]", RegexOptions.Multiline).Count;
        Regex.Matches(dot.Output, @"^  (n\d+|none) \[shape", RegexOptions.Multiline).Count.ShouldBe(nodes);
        Regex.Matches(mermaid.Output, " -->").Count.ShouldBe(Regex.Matches(dot.Output, " -> ").Count);
    }

    [Fact]
    public void A_large_plan_is_cut_with_a_note()
    {
        // 200 rules on distinct values of one input: a plan of a switch and a leaf per value, past the cap of 150 nodes.
        var rules = string.Concat(Enumerable.Range(0, 200).Select(i => $"  - id: r{i}\n    when: {{ tool: t{i}, size: {{ gt: {i} }} }}\n    then: {{ allowed: false }}\n"));
        using var temp = new TempFolder();
        var path = temp.Write("large.rules.yaml", "ruleset: Large\nhit: first\ncomplete: false\ninputs:\n  tool: string\n  size: int\noutputs:\n  allowed: bool\ndefault: { allowed: true }\nrules:\n" + rules);
        var run = Tool.InProcess("show", path, "--as", "graph");
        run.ExitCode.ShouldBe(0, run.Errors);

        var total = RuleFile.Compile(path).Compiled.Plan!.Nodes.Count;
        total.ShouldBeGreaterThan(150, "the test needs a plan past the cap");
        Regex.Matches(run.Output, @"^  n\d+[\{\(]", RegexOptions.Multiline).Count.ShouldBe(150);
        run.Output.ShouldContain($"  cut[\"The plan has {total} nodes; the first 150 (breadth first from the root) are shown.\"]\n", Case.Sensitive);
        Tool.InProcess("show", path, "--as", "graph", "--format", "dot").Output.ShouldContain($"  label=\"The plan has {total} nodes;", Case.Sensitive);
    }

    [Fact]
    public void The_html_page_opens_in_a_headless_browser_with_the_table_and_the_graph()
    {
        using var temp = new TempFolder();
        var page = Path.Combine(temp.Path, "access-policy.html");
        var run = Tool.Process(null, "show", "rules/access-policy.rules.yaml", "--as", "html", "--output", page);
        run.ExitCode.ShouldBe(0, run.Errors);
        var html = File.ReadAllText(page);
        // Nothing is fetched: no address but the SVG namespace's, no script.
        Regex.Matches(html, "https?://[^\"]*").Select(match => match.Value).Distinct().ShouldBe(["http://www.w3.org/2000/svg"]);
        html.ShouldNotContain("<script");

        if (Chromium() is not { } chromium)
        {
            // Locally the page's browser check is skipped (the checks above still ran); in CI it must run.
            (Environment.GetEnvironmentVariable("CI") + Environment.GetEnvironmentVariable("RULEC_REQUIRE_CHROMIUM")).ShouldBeNullOrEmpty(
                "chromium is not installed: .ci/run installs it (apt-get install chromium), and this test needs it in CI");
            return;
        }

        var dom = DumpDom(chromium, page, temp.Path);
        Regex.Matches(dom, "<tr id=\"rule-").Count.ShouldBe(30);
        dom.ShouldContain("<tr id=\"rule-deny-browser-write-without-csrf-token\">");
        dom.ShouldContain("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plan\"");
        Regex.Matches(dom, "<g class=\"node\"").Count.ShouldBeGreaterThan(10);
        dom.ShouldContain("<h2 id=\"coverage\">Coverage</h2>");
    }

    /// <summary>The DOM chromium builds from the page (it parsed and laid it out): the document as its script would see it.</summary>
    private static string DumpDom(string chromium, string page, string profile)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + Path.Combine(profile, "chromium"), "--dump-dom", new Uri(page).AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromSeconds(60)).ShouldBeTrue("chromium did not finish in 60 s");
        output.Result.ShouldNotBeEmpty(errors.Result);
        return output.Result;
    }

    private static string? Chromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .SelectMany(directory => new[] { "chromium", "chromium-browser", "google-chrome" }.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
}
