using System;
using System.CommandLine;
using System.CommandLine.Help;
using RuleCompiler.Cli.Commands;

namespace RuleCompiler.Cli;

/// <summary>The <c>rulec</c> command line: its commands, parse errors as exit code 2, and no stack trace ever.</summary>
internal static class Rulec
{
    public static int Run(string[] args, CliConsole console) => Guarded(console, () => Parse(args, console));

    private static int Parse(string[] args, CliConsole console)
    {
        // A command named rulec, not a RootCommand (named after the process: testhost when tests run it in-process).
        var root = new Command("rulec", "rulec: check, test, evaluate, explain, diff and show RuleCompiler rule files (*.rules.yaml). " + ExitCodes.Help)
        {
            new HelpOption(),
            new VersionOption(),
            CheckCommand.Create(console),
            TestCommand.Create(console),
            EvalCommand.Create(console),
            ExplainCommand.Create(console),
            DiffCommand.Create(console),
            ShowCommand.Create(console),
        };

        // No response files: '@file.json' is how --input names a file, not arguments to splice in.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                console.Error.WriteLine("rulec: " + error.Message);
            }

            console.Error.WriteLine($"Run 'rulec {(parsed.CommandResult.Command == root ? string.Empty : parsed.CommandResult.Command.Name + " ")}--help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Runs a command's action: a rulec bug becomes one line on standard error and exit code 4, never a stack trace.</summary>
    public static int Guarded(CliConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            console.Error.WriteLine($"rulec: internal error: {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.Internal;
        }
    }

    /// <summary>A command's description followed by the exit codes, for its --help.</summary>
    public static string Describe(string what) => what + " " + ExitCodes.Help;
}
