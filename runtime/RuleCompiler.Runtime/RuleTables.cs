using System;
using System.ComponentModel;
using RuleCompiler.Tables;

namespace RuleCompiler;

/// <summary>
/// Reads the lookup tables of large generated rule sets, which the generator writes as data (a string of keys and spans
/// of numbers, read-only data in the assembly): nothing is built at start-up. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RuleTables
{
    /// <summary>
    /// The index of <paramref name="key"/> among the keys of a table hashed at build time, or -1: key i is
    /// <paramref name="keys"/>[<paramref name="bounds"/>[i] .. <paramref name="bounds"/>[i + 1]), and
    /// <paramref name="slots"/> (a power of two of them, each 0 or 1 + a key's index) place each key at its hash or
    /// after it by the hash of their first and last <paramref name="ends"/> chars (0: of every char). Keys compare
    /// ordinally. Allocates nothing.
    /// </summary>
    public static int Find(string key, string keys, ReadOnlySpan<int> bounds, ReadOnlySpan<int> slots, int ends)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(keys);
        var mask = slots.Length - 1;
        for (var slot = (int)(StringKeyTable.Hash(key, 0, key.Length, ends) & (uint)mask); ; slot = (slot + 1) & mask)
        {
            var index = slots[slot] - 1;
            if (index < 0)
            {
                return -1;
            }

            var start = bounds[index];
            if (bounds[index + 1] - start == key.Length && keys.AsSpan(start, key.Length).SequenceEqual(key))
            {
                return index;
            }
        }
    }
}
