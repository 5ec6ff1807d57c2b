using System;
using System.CommandLine;

namespace RuleCompiler.Cli.Commands;

/// <summary><c>rulec explain FILE --input ...</c>: the trace <c>Explain</c> gives, readable.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The rule file." };
        var input = new Option<string>("--input", "-i") { Description = "The input: JSON, @file.json, or - for standard input.", Required = true };
        var command = new Command("explain", Rulec.Describe("Prints the decision and every rule: held, or the first test that failed, what it expected, what the input gave, and its line."))
        {
            file, input,
        };
        command.SetAction(parsed => Rulec.Guarded(console, () =>
        {
            var path = parsed.GetValue(file)!;
            if (LoadedFile.Open(path, console) is not { } ruleSet)
            {
                return ExitCodes.Unusable;
            }

            if (LoadedFile.InputText(parsed.GetValue(input)!, console) is not { } text)
            {
                return ExitCodes.Usage;
            }

            if (LoadedFile.Parse(text, out var error) is not { } value)
            {
                return LoadedFile.BadInput(console, error);
            }

            try
            {
                console.Out.Write(ruleSet.IsCollect ? ruleSet.ExplainAll(value).ToString() : ruleSet.Explain(value).ToString());
                return ExitCodes.Ok;
            }
            catch (ArgumentException exception)
            {
                return LoadedFile.BadInput(console, exception.Message);
            }
        }));
        return command;
    }
}
