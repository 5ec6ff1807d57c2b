using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>The focused feature rule files under tests/RuleCompiler.Tests/Features: one language feature each.</summary>
public static class FeatureFiles
{
    public static string Directory => Path.Combine(RepoPaths.Root, "tests", "RuleCompiler.Tests", "Features");

    public static IEnumerable<string> Names => System.IO.Directory.GetFiles(Directory, "*.rules.yaml")
        .Select(path => Path.GetFileName(path))
        .OrderBy(name => name, System.StringComparer.Ordinal);

    public static IEnumerable<object[]> Theory => Names.Select(name => new object[] { name });

    public static RuleFile Load(string name) => new("features/" + name, File.ReadAllText(Path.Combine(Directory, name)));
}
