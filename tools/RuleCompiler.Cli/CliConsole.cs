using System.IO;

namespace RuleCompiler.Cli;

/// <summary>Where a command writes and reads: the process's streams, or captured ones when tests run rulec in-process.</summary>
/// <param name="Out">Results (diagnostics, decisions, reports, views).</param>
/// <param name="Error">Problems with the command itself: usage, unreadable files, bad inputs.</param>
/// <param name="In">Standard input: <c>--input -</c> and <c>eval --jsonl</c>.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In);
