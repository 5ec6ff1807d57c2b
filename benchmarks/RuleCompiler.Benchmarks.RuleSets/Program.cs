using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RuleCompiler.Benchmarks.RuleSets;
using RuleCompiler.Benchmarks.RuleSets.Shape;
using RuleCompiler.Benchmarks.RuleSets.Writing;

// Writes the synthetic rule sets' files for the benchmark project's build:
//   <out>/rules/<Name>.rules.yaml   the rule files (AdditionalFiles: the generator compiles them)
//   <out>/code/*.g.cs               the runners and hand-written baselines (Compile items)
// A file is rewritten only when its text changes, so an unchanged selection recompiles nothing.
if (args.Length != 4 || args[0] != "--out" || args[2] != "--sets")
{
    Console.Error.WriteLine("usage: RuleCompiler.Benchmarks.RuleSets --out <directory> --sets <full|small|policy:size,size;...>");
    return 2;
}

var output = Path.GetFullPath(args[1]);
var sets = Catalog.Sets(args[3]).Select(pair => SyntheticRuleSetBuilder.Build(pair.Policy, pair.Size)).ToList();
var files = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var set in sets)
{
    files[Path.Combine("rules", set.FileName)] = RuleFileYaml.Write(set);
    files[Path.Combine("code", set.Name + ".Runner.g.cs")] = RunnerCode.Write(set);
    if (set.Size <= Catalog.HandSwitchMaxRules)
    {
        files[Path.Combine("code", set.Name + ".Hand.g.cs")] = HandWrittenSwitch.Write(set);
    }
}

files[Path.Combine("code", "SyntheticBenchmarks.Instantiations.g.cs")] = RunnerCode.WriteInstantiations(sets);

var written = 0;
foreach (var (relative, text) in files)
{
    var path = Path.Combine(output, relative);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    if (!File.Exists(path) || File.ReadAllText(path) != text)
    {
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        written++;
    }
}

// Files of sets no longer selected would still be compiled: remove them.
foreach (var stale in new[] { "rules", "code" }.Select(folder => Path.Combine(output, folder)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles))
{
    if (!files.ContainsKey(Path.GetRelativePath(output, stale)))
    {
        File.Delete(stale);
        written++;
    }
}

Console.WriteLine($"RuleCompiler.Benchmarks.RuleSets: {sets.Count} rule sets ({sets.Sum(set => set.Size):N0} rules) in {output}, {written} files changed");
return 0;
