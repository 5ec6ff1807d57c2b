using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.ComponentModel;

namespace RuleCompiler;

/// <summary>
/// Builds the lookup tables of large generated rule sets from data the generator writes (a string of keys and spans of
/// numbers, read-only data in the assembly), so that a type initializer runs a loop instead of an initializer per key.
/// For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RuleTables
{
    /// <summary>
    /// Key i is <paramref name="keys"/>[<paramref name="bounds"/>[i] .. <paramref name="bounds"/>[i + 1]) and maps to
    /// <paramref name="values"/>[i]; keys compare ordinally.
    /// </summary>
    public static FrozenDictionary<string, int> StringKeys(string keys, ReadOnlySpan<int> bounds, ReadOnlySpan<int> values)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (bounds.Length != values.Length + 1)
        {
            throw new ArgumentException("a table needs one bound more than it has values", nameof(bounds));
        }

        var entries = new Dictionary<string, int>(values.Length, StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            entries.Add(keys.Substring(bounds[i], bounds[i + 1] - bounds[i]), values[i]);
        }

        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
