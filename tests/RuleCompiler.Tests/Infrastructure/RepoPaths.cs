using System;
using System.IO;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>Files of the repository, found from the test's working directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Docs => Path.Combine(Root, "docs");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RuleCompiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RuleCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}
