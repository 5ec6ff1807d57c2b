using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>Writes an input as the YAML flow mapping an author pastes into <c>tests:</c>.</summary>
public static class WitnessYaml
{
    /// <summary>
    /// The input's values of <paramref name="fields"/> (indexes of inputs), in declaration order; a record's fields and
    /// a map's keys nest under it (§11), as a test case's input writes them. An absent map key is left out.
    /// </summary>
    public static string Of(RuleSetModel model, IReadOnlyList<Value> input, IEnumerable<int> fields)
    {
        var root = new Node();
        foreach (var index in fields.Distinct().OrderBy(i => i))
        {
            var field = model.Inputs[index];
            if (field.Path is not { } path)
            {
                root.Add(field.Name).Value = input[index].ToYaml(field);
                continue;
            }

            var node = root;
            foreach (var name in path.Names)
            {
                node = node.Add(name);
            }

            if (path.Key is { } key)
            {
                if (input[index].Text is not null)
                {
                    node.Add(key).Value = input[index].ToYaml(field);
                }
            }
            else
            {
                node.Value = input[index].ToYaml(field);
            }
        }

        return root.ToString();
    }

    /// <summary>A flow mapping being written: a scalar <see cref="Value"/>, or entries in the order they were added.</summary>
    private sealed class Node
    {
        private readonly List<KeyValuePair<string, Node>> _entries = new();

        public string? Value { get; set; }

        public Node Add(string key)
        {
            foreach (var entry in _entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            var node = new Node();
            _entries.Add(new KeyValuePair<string, Node>(key, node));
            return node;
        }

        public override string ToString() => Value ?? (_entries.Count == 0
            ? "{}"
            : "{ " + string.Join(", ", _entries.Select(e => RuleCompiler.Text.YamlScalars.String(e.Key) + ": " + e.Value)) + " }");
    }

    /// <summary>
    /// The input's values of the fields the conditions read, and of every field whose value is not its zero, so that
    /// the YAML, pasted into a test case (where fields left out take their zero), is exactly this input.
    /// </summary>
    public static string Of(RuleSetModel model, IReadOnlyList<Value> input, params Condition[] conditions) =>
        Of(model, input, Fields(model, input, conditions));

    /// <summary>The fields <see cref="Of(RuleSetModel, IReadOnlyList{Value}, Condition[])"/> writes, in declaration order (rulec writes them as JSON too).</summary>
    public static IReadOnlyList<int> Fields(RuleSetModel model, IReadOnlyList<Value> input, params Condition[] conditions) =>
        conditions.SelectMany(c => c.Tests()).Select(t => t.Field)
            .Concat(Enumerable.Range(0, input.Count).Where(i => !IsZero(input[i], model.Inputs[i])))
            .Distinct().OrderBy(i => i).ToList();

    private static bool IsZero(Value value, FieldModel field) => field.IsMapKey ? value.Text is null : field.Type switch
    {
        FieldType.String => value.AsString.Length == 0,
        FieldType.StringList => value.Items.Count == 0,
        FieldType.Double => System.BitConverter.DoubleToInt64Bits(value.Real) == 0,
        _ => value.Equals(Value.Zero(field.Type)),
    };
}
