using System;
using System.Globalization;
using System.Linq;
using System.Text;
using RuleCompiler.Benchmarks.RuleSets.Shape;

namespace RuleCompiler.Benchmarks.RuleSets.Writing;

/// <summary>Writes a synthetic rule set as the rule file the generator compiles (one flow-style line per rule).</summary>
public static class RuleFileYaml
{
    public static string Write(SyntheticRuleSet set)
    {
        var yaml = new StringBuilder(set.Size * 120);
        yaml.Append("# Written by RuleCompiler.Benchmarks.RuleSets at build time (see benchmarks/README.md); not committed.\n")
            .Append("ruleset: ").Append(set.Name).Append('\n')
            .Append("namespace: ").Append(SyntheticRuleSet.Namespace).Append('\n')
            .Append("description: \"Synthetic benchmark rule set: ").Append(Number(set.Size)).Append(" rules, hit ").Append(set.Policy.YamlName()).Append(".\"\n")
            .Append("hit: ").Append(set.Policy.YamlName()).Append('\n')
            .Append("inputs:\n")
            .Append("  command: string\n")
            .Append("  mode: { enum: [read, write, exec, admin] }\n")
            .Append("  size: int\n")
            .Append("  path: string\n")
            .Append("outputs:\n")
            .Append("  verdict: { enum: [deny, ask, allow, log] }\n")
            .Append("  code: int\n");
        if (set.Policy != Policy.Collect)
        {
            yaml.Append("default: { verdict: ").Append(Name(SyntheticRuleSet.DefaultVerdict)).Append(", code: ").Append(Number(SyntheticRuleSet.DefaultCode)).Append(" }\n");
        }

        yaml.Append("rules:\n");
        foreach (var rule in set.Rules)
        {
            yaml.Append("  - { id: ").Append(rule.Id);
            if (set.Policy == Policy.Priority)
            {
                yaml.Append(", priority: ").Append(Number(rule.Priority));
            }

            yaml.Append(", when: ");
            AppendCondition(yaml, rule.When);
            yaml.Append(", then: { verdict: ").Append(Name(rule.Verdict)).Append(", code: ").Append(Number(rule.Code)).Append(" } }\n");
        }

        return yaml.ToString();
    }

    private static void AppendCondition(StringBuilder yaml, SyntheticCondition when)
    {
        yaml.Append("{ ");
        var first = true;
        void Entry(string text)
        {
            yaml.Append(first ? string.Empty : ", ").Append(text);
            first = false;
        }

        if (when.Keys.Count == 1)
        {
            Entry("command: " + Quote(when.Keys[0]));
        }
        else if (when.Keys.Count > 1)
        {
            Entry("command: [" + string.Join(", ", when.Keys.Select(Quote)) + "]");
        }

        if (when.ModeMask != ModeMasks.All)
        {
            var modes = ModeMasks.Modes(when.ModeMask).Select(Name).ToList();
            Entry("mode: " + (modes.Count == 1 ? modes[0] : "[" + string.Join(", ", modes) + "]"));
        }

        if (when.Size is { } size)
        {
            Entry("size: " + SizeTest(size));
        }

        if (when.Path is { } path)
        {
            Entry(path.Form switch
            {
                PathForm.Prefix => "path: { prefix: " + Quote(path.Prefix) + " }",
                PathForm.NotPrefix => "not: { path: { prefix: " + Quote(path.Prefix) + " } }",
                _ => "path: { glob: " + Quote(path.Glob!.Pattern) + " }",
            });
        }

        if (when.Any is { } any)
        {
            Entry("any: [ { mode: " + Name(any.Mode) + " }, { size: { gt: " + Number(any.SizeAbove) + " } } ]");
        }

        yaml.Append(" }");
    }

    private static string SizeTest(SizeTest size) => size.Form switch
    {
        SizeForm.Between => "{ between: [" + Number(size.Min) + ", " + Number(size.Max) + "] }",
        SizeForm.AtLeast => "{ gte: " + Number(size.Min) + " }",
        SizeForm.Below => "{ lt: " + Number((long)size.Max + 1) + " }",
        _ => "{ gt: " + Number((long)size.Min - 1) + " }",
    };

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
