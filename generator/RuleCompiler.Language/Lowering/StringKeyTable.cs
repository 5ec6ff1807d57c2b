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
    /// <summary>
    /// Chars hashed from each end of a key longer than twice this (<see cref="Slots"/> uses it when no key then probes
    /// past <see cref="MaxProbes"/> slots; 0: every char). Hashing a 30-char command whole cost most of a lookup.
    /// </summary>
    public const int EndChars = 4;

    /// <summary>The most slots past its own that a key may lie when only its ends are hashed.</summary>
    public const int MaxProbes = 4;

    /// <summary>
    /// The hash of <paramref name="text"/>[<paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>):
    /// of every char when <paramref name="ends"/> is 0 or the text is at most twice as long, else of its first and last
    /// <paramref name="ends"/> chars and its length.
    /// </summary>
    /// <remarks>
    /// Four UTF-16 code units per step (composed by shifts, so the same on every byte order), one multiply and one
    /// shift each, then MurmurHash3's 64-bit finalizer. Fixed, never randomized: a table built by the compiler reads
    /// the same in every process.
    /// </remarks>
    public static uint Hash(string text, int start, int length, int ends)
    {
        if (ends == 0 || length <= 2 * ends)
        {
            return Finish(Mix(0xCBF29CE484222325UL ^ (ulong)length, text, start, length));
        }

        var hash = Mix(0x84222325CBF29CE4UL ^ (ulong)length, text, start, ends);
        return Finish(Mix(hash, text, start + length - ends, ends));
    }

    private static ulong Mix(ulong hash, string text, int start, int length)
    {
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

        return hash;
    }

    private static uint Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        return (uint)hash;
    }

    /// <summary>
    /// The slots of a table of <paramref name="keys"/> (distinct): twice as many as keys or more, a power of two; and
    /// how many chars from each end its hash reads (<see cref="EndChars"/>, or 0 when keys alike at their ends would
    /// probe far).
    /// </summary>
    public static int[] Slots(System.Collections.Generic.IReadOnlyList<string> keys, out int ends)
    {
        ends = EndChars;
        if (Layout(keys, ends, out var slots) > MaxProbes)
        {
            ends = 0;
            Layout(keys, ends, out slots);
        }

        return slots;
    }

    /// <summary>Lays the keys out; returns the most slots any key lies past its own.</summary>
    private static int Layout(System.Collections.Generic.IReadOnlyList<string> keys, int ends, out int[] slots)
    {
        var size = 4;
        while (size < keys.Count * 2)
        {
            size *= 2;
        }

        slots = new int[size];
        var most = 0;
        for (var key = 0; key < keys.Count; key++)
        {
            var slot = (int)(Hash(keys[key], 0, keys[key].Length, ends) & (uint)(size - 1));
            var probes = 0;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
                probes++;
            }

            slots[slot] = key + 1;
            most = System.Math.Max(most, probes);
        }

        return most;
    }
}
