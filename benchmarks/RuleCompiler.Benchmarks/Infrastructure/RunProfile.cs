using System;

namespace RuleCompiler.Benchmarks.Infrastructure;

/// <summary>
/// How long the jobs run, chosen on the command line with <c>--profile</c> (not BenchmarkDotNet's <c>--job</c>, which
/// would add a job beside each class's own instead of replacing it).
/// </summary>
public enum RunProfile
{
    /// <summary>The checked-in results: stable medians on a shared 2-core machine.</summary>
    Full,

    /// <summary>compare.sh: a few iterations, enough to see a 10% regression on a quiet machine.</summary>
    Short,

    /// <summary>One iteration of each: checks that everything runs.</summary>
    Dry,
}

public static class Profile
{
    public static RunProfile Current { get; private set; } = RunProfile.Full;

    /// <summary>Takes <c>--profile full|short|dry</c> out of the arguments; the rest goes to BenchmarkDotNet.</summary>
    public static string[] Take(string[] args)
    {
        var index = Array.IndexOf(args, "--profile");
        if (index < 0)
        {
            return args;
        }

        if (index + 1 >= args.Length || !Enum.TryParse<RunProfile>(args[index + 1], ignoreCase: true, out var profile))
        {
            throw new ArgumentException("--profile takes full, short or dry");
        }

        Current = profile;
        return [.. args[..index], .. args[(index + 2)..]];
    }
}
