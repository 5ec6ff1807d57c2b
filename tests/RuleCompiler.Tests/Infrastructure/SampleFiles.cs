using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>The repository's sample rule sets (rules/*.rules.yaml), as the generator sees them.</summary>
public static class SampleFiles
{
    public static IEnumerable<string> Names => Directory.GetFiles(RepoPaths.Rules, "*.rules.yaml")
        .Select(Path.GetFileName)
        .OrderBy(name => name, System.StringComparer.Ordinal)!;

    public static IEnumerable<object[]> Theory => Names.Select(name => new object[] { name });

    public static RuleFile Load(string name) => new("rules/" + name, File.ReadAllText(Path.Combine(RepoPaths.Rules, name)));
}
