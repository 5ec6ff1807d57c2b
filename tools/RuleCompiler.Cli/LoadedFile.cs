using System;
using System.IO;
using System.Text.Json;

namespace RuleCompiler.Cli;

/// <summary>A rule file loaded as the loader loads it (it decides exactly as compiled code), and inputs read for it.</summary>
internal static class LoadedFile
{
    /// <summary>The loaded rule set, or null with the file's errors on standard error.</summary>
    public static IRuleSet<RuleSetInput, RuleSetOutput>? Open(string path, CliConsole console)
    {
        var load = RuleSetLoader.LoadFile(path);
        if (load.RuleSet is { } ruleSet)
        {
            return ruleSet;
        }

        RuleFile.ReportErrors(console, path, load.Diagnostics);
        return null;
    }

    /// <summary>
    /// The text <c>--input</c> names: JSON itself, <c>@file.json</c>, or <c>-</c> for standard input; null, said on
    /// standard error, when the file cannot be read.
    /// </summary>
    public static string? InputText(string input, CliConsole console)
    {
        if (input == "-")
        {
            return console.In.ReadToEnd();
        }

        if (!input.StartsWith('@'))
        {
            return input;
        }

        try
        {
            return File.ReadAllText(input.Substring(1));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"rulec: cannot read {input.Substring(1)}: {exception.Message}");
            return null;
        }
    }

    /// <summary>An input from JSON text, or null with why (not JSON, not an object). Names and values are checked when it is evaluated (ArgumentException).</summary>
    public static RuleSetInput? Parse(string json, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            error = null;
            return RuleSetInput.From(document.RootElement);
        }
        catch (JsonException exception)
        {
            error = "not valid JSON: " + exception.Message;
        }
        catch (ArgumentException exception)
        {
            error = exception.Message;
        }

        return null;
    }

    /// <summary>Reports a bad input and returns the usage exit code.</summary>
    public static int BadInput(CliConsole console, string? error)
    {
        console.Error.WriteLine("rulec: bad input: " + error);
        return ExitCodes.Usage;
    }
}
