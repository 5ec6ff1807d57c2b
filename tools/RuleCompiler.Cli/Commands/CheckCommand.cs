using System.CommandLine;
using System.Linq;
using RuleCompiler.Cli.Output;

namespace RuleCompiler.Cli.Commands;

/// <summary><c>rulec check FILES...</c>: the build's diagnostics, with the build's ids, messages, lines and columns.</summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Description = "Rule files (*.rules.yaml).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "text (as the build prints them), json, or sarif (SARIF 2.1.0, for code-scanning tools).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var info = new Option<bool>("--info") { Description = "Text format: also print information (rule coverage, redundant tests); json and sarif always hold it." };
        var warningsAsErrors = new Option<bool>("--warnings-as-errors") { Description = "Exit 1 on warnings too." };
        var command = new Command("check", Rulec.Describe("Checks rule files as the build does and prints every diagnostic."))
        {
            files, format, info, warningsAsErrors,
        };
        command.SetAction(parsed => Rulec.Guarded(console, () =>
        {
            var compiled = parsed.GetValue(files)!.Select(path => RuleFile.Compile(path)).ToList();
            switch (parsed.GetValue(format))
            {
                case "json":
                    JsonOutput.Write(console.Out, json => DiagnosticReports.Json(json, compiled));
                    break;
                case "sarif":
                    JsonOutput.Write(console.Out, json => DiagnosticReports.Sarif(json, compiled));
                    break;
                default:
                    DiagnosticReports.Text(console.Out, compiled, parsed.GetValue(info));
                    break;
            }

            if (compiled.Any(file => file.Unreadable))
            {
                return ExitCodes.Unusable;
            }

            var all = compiled.SelectMany(file => file.Diagnostics).ToList();
            var findings = DiagnosticReports.Count(all, RuleDiagnosticSeverity.Error) > 0
                || (parsed.GetValue(warningsAsErrors) && DiagnosticReports.Count(all, RuleDiagnosticSeverity.Warning) > 0);
            return findings ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }
}
