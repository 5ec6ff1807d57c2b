using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Binding;

/// <summary>
/// Every key a rule file may use, by place (operators, types and hit policies come from their entries). The binder rejects anything else; the JSON Schema for
/// editors is checked against these lists by a test, so the two cannot drift apart.
/// </summary>
public static class Keywords
{
    /// <summary>Top-level keys: §2's, and the layering keys the compose stage reads (§12; <see cref="Composition.RuleSetComposer.LayerKeys"/>).</summary>
    public static IReadOnlyList<string> RuleSet { get; } = new[]
    {
        "ruleset", "namespace", "description", "hit", "inputs", "outputs", "default", "aggregate", "complete", "rules", "tests",
    }.Concat(Composition.RuleSetComposer.LayerKeys).ToArray();

    /// <summary>Keys of a rule; <c>override</c> is read by the compose stage (a layer's rule that replaces its base's, §12).</summary>
    public static IReadOnlyList<string> Rule { get; } = new[] { "id", "description", "priority", "when", "then", "override" };

    /// <summary>
    /// Operators that name a list of <c>lists:</c> (§12) instead of writing values, and the operator each stands for
    /// once the list's values are in place.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, TestOperator>> ListOperators { get; } = new[]
    {
        Pair("in-list", TestOperator.In), Pair("not-in-list", TestOperator.NotIn), Pair("contains-any-of-list", TestOperator.ContainsAny),
    };

    public static IReadOnlyList<string> TestCase { get; } = new[] { "name", "input", "expect", "rule", "rules" };

    /// <summary>
    /// Keys of a field's long form type: <c>{ type: int, description: ... }</c>, <c>{ enum: [...] }</c>, and for inputs
    /// <c>{ map: string }</c> and <c>{ record: { ... } }</c> (§11).
    /// </summary>
    public static IReadOnlyList<string> FieldType { get; } = new[] { "type", "enum", "map", "record", "description" };

    public static IReadOnlyList<KeyValuePair<string, Aggregate>> AggregateFunctions { get; } = new[]
    {
        Pair("sum", Aggregate.Sum), Pair("min", Aggregate.Min), Pair("max", Aggregate.Max), Pair("count", Aggregate.Count),
    };

    /// <summary>Type names of the short form (<c>risk: int</c>), from the types' entries.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = FieldTypes.All.Where(type => type.HasShortName).Select(type => type.YamlName).ToArray();

    /// <summary>From the policies' entries.</summary>
    public static IReadOnlyList<string> HitPolicies { get; } = Model.HitPolicies.All.Select(policy => policy.YamlName).ToArray();

    public static IReadOnlyList<string> Aggregates { get; } = AggregateFunctions.Select(pair => pair.Key).ToArray();

    public static IReadOnlyList<string> Combinators { get; } = new[] { "all", "any", "not" };

    /// <summary>Every key of a test mapping, from the operators' entries (which of them a field takes: <see cref="Operators.KeysFor"/>).</summary>
    public static IReadOnlyList<string> Operators { get; } = Model.Operators.Keys;

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
