using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Shouldly;

namespace RuleCompiler.Samples.Programs.Tests.Infrastructure;

/// <summary>What a sample program printed and how it exited.</summary>
public sealed record ProgramRun(int ExitCode, string Output, string Errors);

/// <summary>
/// Runs a sample program as the README does, from its own build output (samples/X/bin/&lt;config&gt;/net10.0, built
/// before the tests because this project references it), with standard input, output and error redirected.
/// </summary>
public static class SampleProgram
{
    public static ProgramRun Run(string project, string assembly, IEnumerable<string> arguments, string? input = null)
    {
        using var process = Process.Start(StartInfo(project, assembly, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        process.WaitForExit(TimeSpan.FromSeconds(60)).ShouldBeTrue($"{assembly} did not finish in 60 s");
        Task.WaitAll(output, errors);
        return new ProgramRun(process.ExitCode, Normalize(output.Result), Normalize(errors.Result));
    }

    public static ProcessStartInfo StartInfo(string project, string assembly, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(PathOf(project, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The built program: samples/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;framework&gt;/&lt;assembly&gt;.dll.</summary>
    public static string PathOf(string project, string assembly)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(RepoRoot(), "samples", project, "bin", configuration, testOutput.Name, assembly + ".dll");
        File.Exists(path).ShouldBeTrue(path);
        return path;
    }

    public static string RepoRoot()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
