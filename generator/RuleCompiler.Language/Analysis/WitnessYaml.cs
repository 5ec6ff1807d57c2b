using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>Writes an input as the YAML flow mapping an author pastes into <c>tests:</c>.</summary>
public static class WitnessYaml
{
    /// <summary>The input's values of <paramref name="fields"/> (indexes of inputs), in declaration order.</summary>
    public static string Of(RuleSetModel model, IReadOnlyList<Value> input, IEnumerable<int> fields)
    {
        var builder = new StringBuilder("{ ");
        var first = true;
        foreach (var index in fields.Distinct().OrderBy(i => i))
        {
            builder.Append(first ? string.Empty : ", ").Append(model.Inputs[index].Name).Append(": ").Append(input[index].ToYaml(model.Inputs[index]));
            first = false;
        }

        return first ? "{}" : builder.Append(" }").ToString();
    }

    /// <summary>
    /// The input's values of the fields the conditions read, and of every field whose value is not its zero, so that
    /// the YAML, pasted into a test case (where fields left out take their zero), is exactly this input.
    /// </summary>
    public static string Of(RuleSetModel model, IReadOnlyList<Value> input, params Condition[] conditions) =>
        Of(model, input, conditions.SelectMany(c => c.Tests()).Select(t => t.Field)
            .Concat(Enumerable.Range(0, input.Count).Where(i => !IsZero(input[i], model.Inputs[i].Type))));

    private static bool IsZero(Value value, FieldType type) => type switch
    {
        FieldType.String => value.AsString.Length == 0,
        FieldType.StringList => value.Items.Count == 0,
        FieldType.Double => System.BitConverter.DoubleToInt64Bits(value.Real) == 0,
        _ => value.Equals(Value.Zero(type)),
    };
}
