using System;
using System.IO;
using System.Text;

namespace RuleCompiler.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Standard output is written through one buffer and flushed at the end (and per line where a command streams):
        // Console.Out flushes on every write, which cost eval --jsonl most of its time.
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 1 << 16);
        var console = new CliConsole(output, Console.Error, input);
        try
        {
            return Rulec.Run(args, console);
        }
        finally
        {
            output.Flush();
        }
    }
}
