// A string table hashed at build time: the compiler lays the keys out (Slots), the runtime finds a key
// (RuleTables.Find). One file, linked into both, so that the hash the table was built with is the hash it is read with.
namespace RuleCompiler.Tables;

/// <summary>
/// An open-addressing table of string keys: a power-of-two number of slots, each 0 (empty) or 1 + a key's index; a
/// key lives at its hash's slot or the first empty one after it (wrapping around). Its hash is FNV-1a over the UTF-16
/// code units, fixed (never randomized), so that a table built by the compiler reads the same in every process.
/// </summary>
internal static class StringKeyTable
{
    /// <summary>The hash of <paramref name="text"/>[<paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>).</summary>
    public static uint Hash(string text, int start, int length)
    {
        var hash = 2166136261u;
        for (var i = start; i < start + length; i++)
        {
            hash = (hash ^ text[i]) * 16777619u;
        }

        return hash ^ (hash >> 15);
    }

    /// <summary>The slots of a table of <paramref name="keys"/> (distinct): twice as many as keys or more, a power of two.</summary>
    public static int[] Slots(System.Collections.Generic.IReadOnlyList<string> keys)
    {
        var size = 4;
        while (size < keys.Count * 2)
        {
            size *= 2;
        }

        var slots = new int[size];
        for (var key = 0; key < keys.Count; key++)
        {
            var slot = (int)(Hash(keys[key], 0, keys[key].Length) & (uint)(size - 1));
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            slots[slot] = key + 1;
        }

        return slots;
    }
}
