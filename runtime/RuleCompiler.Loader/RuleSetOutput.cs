using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleCompiler;

/// <summary>
/// The outputs of a rule set loaded without a compiled contract (<see cref="RuleSetLoader.Load(string, string?, LoadOptions?)"/>),
/// keyed by output name as the rule file declares it: a string, int, long, decimal, double or bool value, an enum
/// output as its value's name, dates and times as <see cref="DateOnly"/>, <see cref="DateTimeOffset"/>,
/// <see cref="TimeOnly"/> and <see cref="TimeSpan"/>. Immutable.
/// </summary>
public sealed class RuleSetOutput : IReadOnlyDictionary<string, object?>, IEquatable<RuleSetOutput>
{
    private readonly string[] _names;

    internal RuleSetOutput(string[] names, object?[] values)
    {
        _names = names;
        Values = values;
    }

    /// <summary>The values, in declaration order (compiled code reads them by slot).</summary>
    internal readonly object?[] Values;

    /// <summary>The value of output <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The rule set declares no such output.</exception>
    public object? this[string name] => TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"the rule set has no output '{name}'; it declares {string.Join(", ", _names)}");

    /// <summary>The output names, in declaration order.</summary>
    public IEnumerable<string> Keys => _names;

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Values;

    /// <summary>How many outputs the rule set declares.</summary>
    public int Count => _names.Length;

    /// <summary>Whether the rule set declares output <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => Array.IndexOf(_names, key) >= 0;

    /// <summary>The value of output <paramref name="key"/>, if the rule set declares it.</summary>
    public bool TryGetValue(string key, out object? value)
    {
        var index = Array.IndexOf(_names, key);
        value = index >= 0 ? Values[index] : null;
        return index >= 0;
    }

    /// <summary>The outputs in declaration order.</summary>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _names.Select((name, i) => new KeyValuePair<string, object?>(name, Values[i])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A copy with the values at <paramref name="slots"/> replaced (computed outputs; called by compiled code).</summary>
    internal RuleSetOutput With(int[] slots, object?[] values)
    {
        var copy = (object?[])Values.Clone();
        for (var i = 0; i < slots.Length; i++)
        {
            copy[slots[i]] = values[i];
        }

        return new RuleSetOutput(_names, copy);
    }

    /// <summary>Same names and values (a decimal's scale included, as <see cref="decimal.Equals(decimal)"/> does not).</summary>
    public bool Equals(RuleSetOutput? other) => other is not null && _names.SequenceEqual(other._names)
        && Values.Zip(other.Values).All(pair => Equals(pair.First, pair.Second) && (pair.First is not decimal d || d.Scale == ((decimal)pair.Second!).Scale));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RuleSetOutput);

    /// <inheritdoc/>
    public override int GetHashCode() => Values.Aggregate(_names.Length, (hash, value) => HashCode.Combine(hash, value));

    /// <summary>The outputs as a YAML flow mapping: <c>{ decision: deny, message: "..." }</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("{ ");
        for (var i = 0; i < _names.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(_names[i]).Append(": ").Append(Values[i] switch
            {
                string s => RuleYaml.Format(s),
                int n => RuleYaml.Format(n),
                long n => RuleYaml.Format(n),
                decimal n => RuleYaml.Format(n),
                double n => RuleYaml.Format(n),
                bool b => RuleYaml.Format(b),
                DateOnly d => RuleYaml.Format(d),
                DateTimeOffset d => RuleYaml.Format(d),
                TimeOnly t => RuleYaml.Format(t),
                TimeSpan t => RuleYaml.Format(t),
                var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return text.Append(" }").ToString();
    }
}
