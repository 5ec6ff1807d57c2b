using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using RuleCompiler.Cli;
using Shouldly;

namespace RuleCompiler.Cli.Tests.Infrastructure;

/// <summary>What rulec printed and how it exited.</summary>
public sealed record RulecRun(int ExitCode, string Output, string Errors);

/// <summary>
/// Runs rulec: in-process through its command line root with captured standard output, error and input (fast: most
/// tests), or as the process a user starts, <c>dotnet rulec.dll</c> from this test's output folder (a representative
/// few: exit codes, standard input, formats as bytes on a pipe).
/// </summary>
public static class Tool
{
    public static RulecRun InProcess(params string[] args) => InProcessWithInput(string.Empty, args);

    public static RulecRun InProcessWithInput(string input, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var errors = new StringWriter { NewLine = "\n" };
        var exitCode = Cli.Rulec.Run(args, new CliConsole(output, errors, new StringReader(input)));
        return new RulecRun(exitCode, output.ToString(), errors.ToString());
    }

    public static RulecRun Process(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rulec.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        process.WaitForExit(TimeSpan.FromSeconds(60)).ShouldBeTrue("rulec did not finish in 60 s");
        Task.WaitAll(output, errors);
        return new RulecRun(process.ExitCode, output.Result, errors.Result);
    }
}

/// <summary>The repository: samples are read from it, as a user of a fresh clone runs rulec on them.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    /// <summary>A path in the repository, as rulec is given it (relative to the root, where in-process runs resolve it too).</summary>
    public static string File(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "RuleCompiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RuleCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder for edited rule files and outputs, deleted with the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rulec-tests-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
