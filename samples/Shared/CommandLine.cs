using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace RuleCompiler.Samples;

/// <summary>
/// The command line the JSON-lines programs share: <c>--generate N [--seed S]</c> to write a synthetic stream, and
/// one input, a file or <c>-</c> for standard input. Exit codes as sysexits: 64 usage, 66 no input.
/// </summary>
internal static class CommandLine
{
    public const int UsageError = 64;
    public const int NoInput = 66;

    /// <summary>Reads the words after <c>--generate</c>: <c>N</c>, optionally <c>--seed S</c> (default 20).</summary>
    public static bool TryReadGenerate(ReadOnlySpan<string> words, out long count, out int seed, out string? problem)
    {
        seed = 20;
        problem = null;
        if (words.Length == 0 || !long.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            count = 0;
            problem = "--generate needs a count";
            return false;
        }

        if (words.Length == 1)
        {
            return true;
        }

        if (words.Length == 3 && words[1] == "--seed" && int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            return true;
        }

        problem = "--generate N takes only --seed S after it";
        return false;
    }

    /// <summary>Opens the input (<c>-</c>: standard input), or says on standard error why it cannot.</summary>
    public static bool TryOpenInput(string program, string path, out Stream input)
    {
        try
        {
            input = path == "-"
                ? Console.OpenStandardInput()
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{program}: cannot read {path}: {exception.Message}");
            input = Stream.Null;
            return false;
        }
    }

    /// <summary>Says what is wrong (if anything) and how to call the program, on standard error; returns 64.</summary>
    public static int Usage(string program, string? problem, params string[] lines)
    {
        if (problem is not null)
        {
            Console.Error.WriteLine($"{program}: {problem}");
        }

        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }

        return UsageError;
    }

    /// <summary>Standard output as UTF-8 without a byte-order mark, buffered: the caller disposes it to flush.</summary>
    public static StreamWriter StandardOutput() => new(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
}
