using System;

namespace RuleCompiler.Benchmarks.RuleSets.Shape;

/// <summary>The hit policies of the spec, each benchmarked on its own rule sets.</summary>
public enum Policy
{
    First,
    Priority,
    OutputPriority,
    Unique,
    Any,
    Collect,
}

public static class Policies
{
    public static readonly Policy[] All = [Policy.First, Policy.Priority, Policy.OutputPriority, Policy.Unique, Policy.Any, Policy.Collect];

    /// <summary>The policy as a rule file writes it after <c>hit:</c>.</summary>
    public static string YamlName(this Policy policy) => policy switch
    {
        Policy.First => "first",
        Policy.Priority => "priority",
        Policy.OutputPriority => "output-priority",
        Policy.Unique => "unique",
        Policy.Any => "any",
        Policy.Collect => "collect",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    public static Policy ParseYamlName(string name)
    {
        foreach (var policy in All)
        {
            if (policy.YamlName() == name)
            {
                return policy;
            }
        }

        throw new ArgumentException($"unknown hit policy '{name}'", nameof(name));
    }

    /// <summary>unique and any fail the build when two rules can hold together (with different outputs, for any).</summary>
    public static bool NeedsExclusiveRules(this Policy policy) => policy is Policy.Unique or Policy.Any;
}
