using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Patterns;
using RuleCompiler.Tests.Behaviour;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>The <c>regex:</c> tests of one input field of a rule file, and the texts the file gives that field.</summary>
public sealed record FieldPatterns(string File, string Field, IReadOnlyList<PatternSource> Patterns, IReadOnlyList<string> Texts)
{
    public override string ToString() => $"{File}: {Field}";
}

/// <summary>Reads the regex patterns of every rule file of the repository (samples, features, the package consumer) through the compiler's own model.</summary>
public static class RulePatterns
{
    public static IEnumerable<FieldPatterns> All => Files().SelectMany(file => Fields(DifferentialTests.Model(file)));

    public static IEnumerable<object[]> Theory => All.Select(patterns => new object[] { patterns.File, patterns.Field });

    public static FieldPatterns Find(string file, string field) => All.Single(f => f.File == file && f.Field == field);

    private static IEnumerable<RuleFile> Files() =>
        SampleFiles.Names.Select(SampleFiles.Load)
            .Concat(FeatureFiles.Names.Select(FeatureFiles.Load))
            .Append(new RuleFile("samples/triage.rules.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "PackageConsumer", "Rules", "triage.rules.yaml"))));

    private static IEnumerable<FieldPatterns> Fields(RuleSetModel model)
    {
        var tests = model.Rules.SelectMany(rule => rule.When.Tests()).ToArray();
        foreach (var field in model.Inputs)
        {
            var onField = tests.Where(test => test.Field == field.Index).ToArray();
            var patterns = onField.Where(test => test.Operator == TestOperator.Regex)
                .Select(test => new PatternSource(test.Operands[0].AsString, test.IgnoreCase))
                .Distinct()
                .ToArray();
            if (patterns.Length == 0)
            {
                continue;
            }

            var texts = model.Tests.Select(test => test.Input[field.Index])
                .Concat(onField.SelectMany(test => test.Operands))
                .SelectMany(value => value.Items.Count > 0 ? value.Items.ToArray() : [value.AsString])
                .Distinct()
                .ToArray();
            yield return new FieldPatterns(model.FilePath, field.Name, patterns, texts);
        }
    }
}
