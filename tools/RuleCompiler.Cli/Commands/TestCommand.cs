using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using RuleCompiler.Cli.Output;
using RuleCompiler.Language.Diagnostics;

namespace RuleCompiler.Cli.Commands;

/// <summary><c>rulec test FILES...</c>: every file's <c>tests:</c>, pass or fail per case, and rule coverage.</summary>
internal static class TestCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Description = "Rule files (*.rules.yaml).", Arity = ArgumentArity.OneOrMore };
        var junit = new Option<string>("--junit") { Description = "Also write the results as JUnit XML to this path (one testsuite per file, one testcase per case)." };
        var command = new Command("test", Rulec.Describe("Runs every file's tests: (with the reference evaluator, as the build does) and prints each case's result and the file's rule coverage."))
        {
            files, junit,
        };
        command.SetAction(parsed => Rulec.Guarded(console, () =>
        {
            var suites = parsed.GetValue(files)!.Select(path => Run(RuleFile.Compile(path))).ToList();
            foreach (var suite in suites)
            {
                Print(console.Out, suite);
            }

            var cases = suites.Sum(suite => suite.Cases.Count);
            var failed = suites.Sum(suite => suite.Cases.Count(c => c.Failure is not null));
            console.Out.WriteLine($"{cases} test(s), {failed} failed, in {suites.Count} file(s)" + (suites.Any(s => s.Errors.Count > 0) ? $"; {suites.Count(s => s.Errors.Count > 0)} file(s) with errors" : string.Empty));
            if (parsed.GetValue(junit) is { } path)
            {
                try
                {
                    File.WriteAllText(path, JUnitReport.Write(suites));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    console.Error.WriteLine($"rulec: cannot write {path}: {exception.Message}");
                    return ExitCodes.Unusable;
                }
            }

            return suites.Any(suite => suite.Unreadable) ? ExitCodes.Unusable
                : failed > 0 || suites.Any(suite => suite.Errors.Count > 0) ? ExitCodes.Findings
                : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A file's cases: each passes unless RC4001 stands at it; errors that are not test failures stop the file.</summary>
    private static TestSuite Run(RuleFile file)
    {
        var failures = file.Compiled.Diagnostics.Where(d => d.Id == DiagnosticCatalog.TestFailed.Id && d.Span.File == 0).ToList();
        var errors = file.Diagnostics.Where((d, i) => d.Severity == RuleDiagnosticSeverity.Error && file.Compiled.Diagnostics[i].Id != DiagnosticCatalog.TestFailed.Id).ToList();
        if (file.Compiled.Analyzed is not { } model)
        {
            return new TestSuite(file.Path, null, new List<TestCase>(), errors, 0, 0, new List<string>(), file.Unreadable);
        }

        var cases = model.Tests.Select(test => new TestCase(
            test.DisplayName,
            test.Span.Line,
            failures.FirstOrDefault(f => f.Span.Line == test.Span.Line && f.Span.Column == test.Span.Column)?.Message)).ToList();
        var exercised = new HashSet<int>(file.Compiled.ExercisedRules);
        var uncovered = model.Rules.Where(rule => !exercised.Contains(rule.Index)).Select(rule => rule.Id).ToList();
        return new TestSuite(file.Path, model.FullName, cases, errors, exercised.Count, model.Rules.Count, uncovered, false);
    }

    private static void Print(TextWriter output, TestSuite suite)
    {
        output.WriteLine($"{suite.Path}: {(suite.RuleSet ?? "(not bound)")}, {suite.Cases.Count} test(s)");
        foreach (var error in suite.Errors)
        {
            output.WriteLine("  " + error);
        }

        foreach (var test in suite.Cases)
        {
            output.WriteLine(test.Failure is null ? $"  pass  {test.Name} (line {test.Line})" : $"  FAIL  {test.Name} (line {test.Line}): {test.Failure}");
        }

        if (suite.RuleSet is not null)
        {
            output.WriteLine($"  coverage: {suite.Covered} of {suite.Rules} rules ({suite.Percent} %)" + (suite.Uncovered.Count > 0 ? "; not exercised: " + string.Join(", ", suite.Uncovered.Take(20)) + (suite.Uncovered.Count > 20 ? $" and {suite.Uncovered.Count - 20} more" : string.Empty) : string.Empty));
        }
    }
}

/// <summary>One test case's result: <see cref="Failure"/> is null when it passed.</summary>
internal sealed record TestCase(string Name, int Line, string? Failure);

/// <summary>One file's test results and rule coverage.</summary>
internal sealed record TestSuite(string Path, string? RuleSet, IReadOnlyList<TestCase> Cases, IReadOnlyList<RuleDiagnostic> Errors, int Covered, int Rules, IReadOnlyList<string> Uncovered, bool Unreadable)
{
    public int Percent => Rules == 0 ? 100 : Covered * 100 / Rules;
}
