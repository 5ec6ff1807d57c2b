using System;
using System.CommandLine;
using System.Text.Json;
using RuleCompiler.Cli.Output;

namespace RuleCompiler.Cli.Commands;

/// <summary><c>rulec eval FILE --input ...</c>: the decision as JSON, by the loaded rule set; <c>--jsonl</c> streams many.</summary>
internal static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The rule file." };
        var input = new Option<string>("--input", "-i") { Description = "The input: JSON ('{\"command\":\"rm\"}'), @file.json, or - for standard input." };
        var jsonl = new Option<bool>("--jsonl") { Description = "Evaluate one JSON input per line of standard input, writing one decision per line (a bad line gets {\"line\":N,\"error\":...} and exit code 2 at the end)." };
        var lineBuffered = new Option<bool>("--line-buffered") { Description = "With --jsonl: flush after every line (for a process that waits for each answer); otherwise output is buffered." };
        var command = new Command("eval", Rulec.Describe("Evaluates a rule file on an input and prints the decision as JSON: {\"rule\": id or null, \"matched\": bool, \"outputs\": {...}}, or {\"matches\": [...]} for a plain collect."))
        {
            file, input, jsonl, lineBuffered,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(jsonl) is not null) == (result.GetResult(input) is not null))
            {
                result.AddError("Give either --input or --jsonl.");
            }
        });
        command.SetAction(parsed => Rulec.Guarded(console, () =>
        {
            if (LoadedFile.Open(parsed.GetValue(file)!, console) is not { } ruleSet)
            {
                return ExitCodes.Unusable;
            }

            return parsed.GetValue(jsonl)
                ? Stream(ruleSet, console, parsed.GetValue(lineBuffered))
                : One(ruleSet, console, parsed.GetValue(input)!);
        }));
        return command;
    }

    private static int One(IRuleSet<RuleSetInput, RuleSetOutput> ruleSet, CliConsole console, string input)
    {
        if (LoadedFile.InputText(input, console) is not { } text)
        {
            return ExitCodes.Usage;
        }

        var output = new JsonOutput(indented: true);
        if (LoadedFile.Parse(text, out var error) is not { } value || !TryWrite(ruleSet, value, output, console.Out, out error))
        {
            return LoadedFile.BadInput(console, error);
        }

        return ExitCodes.Ok;
    }

    private static int Stream(IRuleSet<RuleSetInput, RuleSetOutput> ruleSet, CliConsole console, bool lineBuffered)
    {
        var output = new JsonOutput(indented: false);
        var bad = 0;
        var number = 0L;
        while (console.In.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (LoadedFile.Parse(line, out var error) is not { } value || !TryWrite(ruleSet, value, output, console.Out, out error))
            {
                bad++;
                console.Error.WriteLine($"rulec: line {number}: {error}");
                output.Line(console.Out, json =>
                {
                    json.WriteStartObject();
                    json.WriteNumber("line", number);
                    json.WriteString("error", error);
                    json.WriteEndObject();
                });
            }

            if (lineBuffered)
            {
                console.Out.Flush();
            }
        }

        return bad > 0 ? ExitCodes.Usage : ExitCodes.Ok;
    }

    /// <summary>Evaluates and writes one decision line; false with why when the input does not fit the rule set.</summary>
    private static bool TryWrite(IRuleSet<RuleSetInput, RuleSetOutput> ruleSet, RuleSetInput input, JsonOutput output, System.IO.TextWriter writer, out string? error)
    {
        try
        {
            if (ruleSet.IsCollect)
            {
                var matches = ruleSet.EvaluateAll(input);
                output.Line(writer, json => WriteMatches(json, matches));
            }
            else
            {
                var result = ruleSet.Evaluate(input);
                output.Line(writer, json => WriteResult(json, result));
            }

            error = null;
            return true;
        }
        catch (ArgumentException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    public static void WriteResult(Utf8JsonWriter json, RuleResult<RuleSetOutput> result)
    {
        json.WriteStartObject();
        json.WriteString("rule", result.RuleId);
        json.WriteBoolean("matched", result.Matched);
        json.WritePropertyName("outputs");
        JsonValues.Write(json, result.Output);
        json.WriteEndObject();
    }

    public static void WriteMatches(Utf8JsonWriter json, RuleMatches<RuleSetOutput> matches)
    {
        json.WriteStartObject();
        json.WriteStartArray("matches");
        foreach (var match in matches)
        {
            json.WriteStartObject();
            json.WriteString("rule", match.RuleId);
            json.WritePropertyName("outputs");
            JsonValues.Write(json, match.Output);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

}
