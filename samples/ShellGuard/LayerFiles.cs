using System;
using System.Diagnostics;
using System.IO;

namespace RuleCompiler.Samples.CommandLine;

/// <summary>
/// Where the layers over the built-in rules are (docs/shellguard.md): the user's,
/// <c>$XDG_CONFIG_HOME/shellguard/rules.yaml</c> (by default <c>~/.config/shellguard/rules.yaml</c>), and the
/// repository's, the nearest <c>.shellguard/rules.yaml</c> up from the working directory; and, for shellguard,
/// how it hands a command to <c>shellguard-layers</c>, the program beside it that loads them.
/// </summary>
public static class LayerFiles
{
    /// <summary>The program that loads layers (samples/ShellGuard.Layers), installed beside shellguard.</summary>
    public static readonly string LayeredProgram = OperatingSystem.IsWindows() ? "shellguard-layers.exe" : "shellguard-layers";

    /// <summary>The user's layer file, if it exists: under <c>$XDG_CONFIG_HOME</c>, else <c>~/.config</c>.</summary>
    public static string? UserFile()
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(config))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            config = Path.Combine(home, ".config");
        }

        var path = Path.Combine(config, "shellguard", "rules.yaml");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The nearest <c>.shellguard/rules.yaml</c> in <paramref name="directory"/> or a folder above it, if any.</summary>
    public static string? RepositoryFile(string? directory)
    {
        try
        {
            for (var folder = string.IsNullOrEmpty(directory) ? null : new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
            {
                var path = Path.Combine(folder.FullName, ".shellguard", "rules.yaml");
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A working directory that is not a path (the hook's cwd is the agent's word): no repository layer.
        }

        return null;
    }

    /// <summary>Whether a user's or a repository's layer exists for commands run in <paramref name="directory"/>.</summary>
    public static bool Exist(string? directory) => UserFile() is not null || RepositoryFile(directory) is not null;

    /// <summary>
    /// Runs <see cref="LayeredProgram"/> from this program's folder with <paramref name="arguments"/> (and
    /// <paramref name="input"/> on its standard input, when given; otherwise it reads this program's), sharing this
    /// program's output; returns its exit code, or null when it is not installed beside this program.
    /// </summary>
    public static int? RunLayered(string[] arguments, string? input)
    {
        var path = Path.Combine(AppContext.BaseDirectory, LayeredProgram);
        if (!File.Exists(path))
        {
            return null;
        }

        var start = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardInput = input is not null };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        process.WaitForExit();
        return process.ExitCode;
    }
}
