using System.Collections.Generic;

namespace RuleCompiler.Language.Binding;

/// <summary>
/// Every key and operator a rule file may use, by place. The binder rejects anything else; the JSON Schema for
/// editors is checked against these lists by a test, so the two cannot drift apart.
/// </summary>
public static class Keywords
{
    public static IReadOnlyList<string> RuleSet { get; } = new[] { "ruleset", "namespace", "description", "hit", "inputs", "outputs", "default", "aggregate", "rules", "tests" };

    public static IReadOnlyList<string> Rule { get; } = new[] { "id", "description", "priority", "when", "then" };

    public static IReadOnlyList<string> TestCase { get; } = new[] { "name", "input", "expect", "rule", "rules" };

    /// <summary>Keys of a field's long form type: <c>{ type: int, description: ... }</c> or <c>{ enum: [...] }</c>.</summary>
    public static IReadOnlyList<string> FieldType { get; } = new[] { "type", "enum", "description" };

    public static IReadOnlyList<string> TypeNames { get; } = new[] { "string", "int", "long", "decimal", "double", "bool", "string-list" };

    public static IReadOnlyList<string> HitPolicies { get; } = new[] { "first", "priority", "output-priority", "unique", "any", "collect" };

    public static IReadOnlyList<string> Aggregates { get; } = new[] { "sum", "min", "max", "count" };

    public static IReadOnlyList<string> Combinators { get; } = new[] { "all", "any", "not" };

    public static IReadOnlyList<string> StringOperators { get; } = new[] { "eq", "ne", "in", "not-in", "prefix", "suffix", "contains", "glob", "regex", "ignore-case" };

    public static IReadOnlyList<string> NumericOperators { get; } = new[] { "eq", "ne", "in", "not-in", "lt", "lte", "gt", "gte", "between" };

    /// <summary>Operators on bool and enum fields.</summary>
    public static IReadOnlyList<string> DiscreteOperators { get; } = new[] { "eq", "ne", "in", "not-in" };

    public static IReadOnlyList<string> ListOperators { get; } = new[] { "contains", "contains-any", "contains-all", "empty", "ignore-case" };
}
