using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleCompiler.Language.Patterns;

/// <summary>A range of chars and the equivalence class they belong to.</summary>
public readonly record struct CharClassRange(char First, char Last, int Class);

/// <summary>
/// The coarsest partition of U+0000..U+FFFF that no set of the automaton splits: two chars in one class are
/// accepted by exactly the same NFA positions, so the DFA needs one column per class, not per char.
/// Classes are numbered in the order of their first char.
/// </summary>
internal sealed class CharClassMap
{
    private CharClassMap(CharClassRange[] ranges, char[] representatives)
    {
        Ranges = ranges;
        Representatives = representatives;
    }

    /// <summary>Ascending, covering every char, adjacent ranges in different classes.</summary>
    public IReadOnlyList<CharClassRange> Ranges { get; }

    /// <summary>The first char of each class, by class.</summary>
    public IReadOnlyList<char> Representatives { get; }

    public int Count => Representatives.Count;

    public static CharClassMap Build(IEnumerable<CharSet> sets)
    {
        var distinct = sets.Distinct().ToArray();
        var starts = new SortedSet<int> { 0 };
        foreach (var range in distinct.SelectMany(set => set.Ranges))
        {
            starts.Add(range.First);
            starts.Add(range.Last + 1);
        }

        starts.Remove(char.MaxValue + 1);
        var bounds = starts.ToArray();
        var classOfSignature = new Dictionary<string, int>();
        var representatives = new List<char>();
        var ranges = new List<CharClassRange>();
        for (var i = 0; i < bounds.Length; i++)
        {
            var first = (char)bounds[i];
            var last = (char)(i + 1 < bounds.Length ? bounds[i + 1] - 1 : char.MaxValue);
            var signature = Signature(distinct, first);
            if (!classOfSignature.TryGetValue(signature, out var id))
            {
                id = representatives.Count;
                classOfSignature.Add(signature, id);
                representatives.Add(first);
            }

            if (ranges.Count > 0 && ranges[ranges.Count - 1].Class == id)
            {
                ranges[ranges.Count - 1] = ranges[ranges.Count - 1] with { Last = last };
            }
            else
            {
                ranges.Add(new CharClassRange(first, last, id));
            }
        }

        return new CharClassMap(ranges.ToArray(), representatives.ToArray());
    }

    // Which of the sets hold the char: chars with the same answer for every set are one class.
    private static string Signature(CharSet[] sets, char c)
    {
        var signature = new StringBuilder(sets.Length);
        foreach (var set in sets)
        {
            signature.Append(set.Contains(c) ? '1' : '0');
        }

        return signature.ToString();
    }
}
