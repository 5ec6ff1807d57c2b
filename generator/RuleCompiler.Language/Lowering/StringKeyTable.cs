// A string table hashed at build time: the compiler lays the keys out (Slots), the runtime finds a key
// (RuleTables.Find). One file, linked into both, so that the hash the table was built with is the hash it is read with.
namespace RuleCompiler.Tables;

/// <summary>
/// An open-addressing table of string keys: a power-of-two number of slots, each 0 (empty) or 1 + a key's index; a
/// key lives at its hash's slot or the first empty one after it (wrapping around). Its hash (<see cref="Hash"/>) is
/// fixed, never randomized, so that a table built by the compiler reads the same in every process.
/// </summary>
internal static class StringKeyTable
{
    /// <summary>The hash of <paramref name="text"/>[<paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>).</summary>
    /// <remarks>
    /// Four UTF-16 code units per step (composed by shifts, so the same on every byte order), one multiply and one
    /// shift each, then MurmurHash3's 64-bit finalizer: a quarter of the dependent multiplies of FNV-1a per char, whose
    /// chain cost a 20-char command about 20 ns. Fixed, never randomized: a table built by the compiler reads the same
    /// in every process.
    /// </remarks>
    public static uint Hash(string text, int start, int length)
    {
        var hash = 0xCBF29CE484222325UL ^ (ulong)length;
        var i = start;
        var end = start + length;
        for (; i + 4 <= end; i += 4)
        {
            var chunk = text[i] | ((ulong)text[i + 1] << 16) | ((ulong)text[i + 2] << 32) | ((ulong)text[i + 3] << 48);
            hash = (hash ^ chunk) * 0x9E3779B97F4A7C15UL;
            hash ^= hash >> 32;
        }

        for (; i < end; i++)
        {
            hash = (hash ^ text[i]) * 0x9E3779B97F4A7C15UL;
        }

        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        return (uint)hash;
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
