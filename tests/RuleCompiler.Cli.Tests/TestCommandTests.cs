using System.IO;
using System.Linq;
using System.Xml.Linq;
using RuleCompiler.Cli.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Cli.Tests;

public sealed class TestCommandTests
{
    private const string Discounts = RuleFiles.DiscountsHeader + """
        rules:
          - id: enterprise-bulk
            when: { tier: enterprise, items: { gte: 100 } }
            then: { percent: 15 }
          - id: pro
            when: { tier: [pro, enterprise] }
            then: { percent: 5 }
          - id: never-tested
            when: { tier: free, items: { gt: 1000 } }
            then: { percent: 1 }
        tests:
          - name: bulk
            input: { tier: enterprise, items: 100 }
            rule: enterprise-bulk
          - name: pro gets ten
            input: { tier: pro }
            expect: { percent: 10 }
        """;

    [Fact]
    public void Each_case_passes_or_fails_with_what_it_expected_and_coverage_names_the_untested_rules()
    {
        using var temp = new TempFolder();
        var path = temp.Write("discounts.rules.yaml", Discounts);
        var junit = Path.Combine(temp.Path, "results.xml");
        var run = Tool.InProcess("test", path, "--junit", junit);

        run.ExitCode.ShouldBe(1);
        var lines = run.Output.Split('\n');
        lines.ShouldContain("  pass  bulk (line 21)");
        lines.ShouldContain("  FAIL  pro gets ten (line 24): Test 'pro gets ten' failed: expected { percent: 10 }, but got { percent: 5 } (from rule pro).");
        lines.ShouldContain("  coverage: 2 of 3 rules (66 %); not exercised: never-tested");
        lines.ShouldContain("2 test(s), 1 failed, in 1 file(s)");

        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.ShouldBe("2");
        suite.Attribute("failures")!.Value.ShouldBe("1");
        var failing = suite.Elements("testcase").Single(test => test.Element("failure") is not null);
        failing.Attribute("name")!.Value.ShouldBe("pro gets ten");
        failing.Element("failure")!.Attribute("message")!.Value.ShouldContain("expected { percent: 10 }");
    }

    [Fact]
    public void Every_samples_tests_pass_as_a_process_and_the_junit_report_counts_each_case()
    {
        using var temp = new TempFolder();
        var junit = Path.Combine(temp.Path, "samples.xml");
        var samples = new[] { "rules/access-policy.rules.yaml", "rules/task-router.rules.yaml", "rules/mcp-intercept.rules.yaml", "rules/layers/repo.rules.yaml" };
        var run = Tool.Process(null, ["test", .. samples, "--junit", junit]);

        run.ExitCode.ShouldBe(0, run.Output + run.Errors);
        run.Output.ShouldNotContain("  FAIL  ", Case.Sensitive);
        var report = XDocument.Load(junit).Root!;
        report.Attribute("failures")!.Value.ShouldBe("0");
        var suites = report.Elements("testsuite").ToList();
        suites.Select(s => s.Attribute("name")!.Value).ShouldBe(samples);
        foreach (var suite in suites)
        {
            var cases = suite.Elements("testcase").Count();
            cases.ShouldBeGreaterThan(0);
            suite.Attribute("tests")!.Value.ShouldBe(cases.ToString());
            run.Output.ShouldContain($"{suite.Attribute("name")!.Value}: ");
        }
    }

    [Fact]
    public void A_file_with_errors_is_an_error_testcase_and_exits_1()
    {
        using var temp = new TempFolder();
        var path = temp.Write("pricing.rules.yaml", RuleFiles.Broken);
        var junit = Path.Combine(temp.Path, "results.xml");
        var run = Tool.InProcess("test", path, "--junit", junit);

        run.ExitCode.ShouldBe(1);
        run.Output.ShouldContain("error RC2013");
        XDocument.Load(junit).Root!.Element("testsuite")!.Element("testcase")!.Element("error")!.Value.ShouldContain("RC2013");
    }
}
