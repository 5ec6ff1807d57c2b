using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Binding;

/// <summary>
/// Every key and operator a rule file may use, by place. The binder rejects anything else; the JSON Schema for
/// editors is checked against these lists by a test, so the two cannot drift apart.
/// </summary>
public static class Keywords
{
    public static IReadOnlyList<string> RuleSet { get; } = new[] { "ruleset", "namespace", "description", "hit", "inputs", "outputs", "default", "aggregate", "complete", "rules", "tests" };

    public static IReadOnlyList<string> Rule { get; } = new[] { "id", "description", "priority", "when", "then" };

    public static IReadOnlyList<string> TestCase { get; } = new[] { "name", "input", "expect", "rule", "rules" };

    /// <summary>Keys of a field's long form type: <c>{ type: int, description: ... }</c> or <c>{ enum: [...] }</c>.</summary>
    public static IReadOnlyList<string> FieldType { get; } = new[] { "type", "enum", "description" };

    /// <summary>Type names of the short form, and the type each names (enums are written <c>{ enum: [...] }</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, Model.FieldType>> Types { get; } = new[]
    {
        Pair("string", Model.FieldType.String), Pair("int", Model.FieldType.Int), Pair("long", Model.FieldType.Long),
        Pair("decimal", Model.FieldType.Decimal), Pair("double", Model.FieldType.Double), Pair("bool", Model.FieldType.Bool),
        Pair("string-list", Model.FieldType.StringList),
    };

    public static IReadOnlyList<KeyValuePair<string, HitPolicy>> Policies { get; } = new[]
    {
        Pair("first", HitPolicy.First), Pair("priority", HitPolicy.Priority), Pair("output-priority", HitPolicy.OutputPriority),
        Pair("unique", HitPolicy.Unique), Pair("any", HitPolicy.Any), Pair("collect", HitPolicy.Collect),
    };

    public static IReadOnlyList<KeyValuePair<string, Aggregate>> AggregateFunctions { get; } = new[]
    {
        Pair("sum", Aggregate.Sum), Pair("min", Aggregate.Min), Pair("max", Aggregate.Max), Pair("count", Aggregate.Count),
    };

    public static IReadOnlyList<string> TypeNames { get; } = Types.Select(pair => pair.Key).ToArray();

    public static IReadOnlyList<string> HitPolicies { get; } = Policies.Select(pair => pair.Key).ToArray();

    public static IReadOnlyList<string> Aggregates { get; } = AggregateFunctions.Select(pair => pair.Key).ToArray();

    public static IReadOnlyList<string> Combinators { get; } = new[] { "all", "any", "not" };

    public static IReadOnlyList<string> StringOperators { get; } = new[] { "eq", "ne", "in", "not-in", "prefix", "suffix", "contains", "glob", "regex", "ignore-case" };

    public static IReadOnlyList<string> NumericOperators { get; } = new[] { "eq", "ne", "in", "not-in", "lt", "lte", "gt", "gte", "between" };

    /// <summary>Operators on bool and enum fields.</summary>
    public static IReadOnlyList<string> DiscreteOperators { get; } = new[] { "eq", "ne", "in", "not-in" };

    public static IReadOnlyList<string> ListOperators { get; } = new[] { "contains", "contains-any", "contains-all", "empty", "ignore-case" };

    /// <summary>What <paramref name="name"/> names in <paramref name="table"/>, or null.</summary>
    public static T? Lookup<T>(IReadOnlyList<KeyValuePair<string, T>> table, string name)
        where T : struct
    {
        foreach (var pair in table)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>How rule files spell <paramref name="value"/>.</summary>
    public static string NameOf<T>(IReadOnlyList<KeyValuePair<string, T>> table, T value)
        where T : struct => table.First(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key;

    private static KeyValuePair<string, T> Pair<T>(string name, T value) => new(name, value);
}
