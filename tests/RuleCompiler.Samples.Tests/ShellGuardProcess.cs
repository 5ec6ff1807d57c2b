using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Shouldly;

namespace RuleCompiler.Samples.Tests;

/// <summary>The sample app as a process: arguments, standard input, environment and working directory in; exit code and output out.</summary>
internal static class ShellGuardProcess
{
    /// <summary>
    /// Runs shellguard with no user layer (an empty <c>XDG_CONFIG_HOME</c>) unless <paramref name="environment"/> names
    /// one, in <paramref name="directory"/> (default: the test's own, which has no repository layer above it).
    /// </summary>
    public static (int Exit, string Output) Run(string[] arguments, string? input = null, IReadOnlyDictionary<string, string>? environment = null, string? directory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(AppPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "shellguard-tests-no-config");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit(TimeSpan.FromSeconds(60)).ShouldBeTrue();
        return (process.ExitCode, output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    public static string RepoRoot()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
    }

    // The app is built beside this test project, in the same configuration: samples/ShellGuard/bin/<config>/net10.0.
    private static string AppPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(RepoRoot(), "samples", "ShellGuard", "bin", configuration, testOutput.Name, "shellguard.dll");
        File.Exists(path).ShouldBeTrue(path);
        return path;
    }
}
