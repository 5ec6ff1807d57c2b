using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Tables;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Stages;

/// <summary>
/// String tables hashed at build time (<see cref="StringKeyTable"/>, laid out by the compiler) and read by the runtime
/// (<see cref="RuleTables.Find"/>): every key is found at its index, nothing else is, whatever collides.
/// </summary>
public sealed class StringKeyTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(600)]
    [InlineData(25_000)]
    public void Every_key_is_found_and_no_other_string_is(int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => i % 7 == 0 ? $"alias{i}" : $"cmd{i}").Append(string.Empty).Append("ﬃ é\u0000").ToList();
        var (text, bounds, slots, ends) = Table(keys);

        slots.Length.ShouldBeGreaterThanOrEqualTo(2 * keys.Count);
        (slots.Length & (slots.Length - 1)).ShouldBe(0, "a power of two");
        slots.Count(slot => slot != 0).ShouldBe(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            RuleTables.Find(keys[i], text, bounds, slots, ends).ShouldBe(i, keys[i]);
        }

        foreach (var absent in new[] { "cmd", "CMD1", "cmd1 ", " cmd1", "alias1", $"cmd{count}", "ﬃ é", "\u0000" })
        {
            RuleTables.Find(absent, text, bounds, slots, ends).ShouldBe(-1, absent);
        }
    }

    [Fact]
    public void Keys_that_share_a_slot_are_probed_past_each_other_and_wrap_around()
    {
        // Keys chosen so that several hash to the last slot of a table of 8: they wrap to the first slots.
        var last = Enumerable.Range(0, 100_000).Select(i => "k" + i).Where(key => (StringKeyTable.Hash(key, 0, key.Length, StringKeyTable.EndChars) & 7) == 7).Take(3).ToList();
        var (text, bounds, slots, ends) = Table(last);
        ends.ShouldBe(StringKeyTable.EndChars);
        slots.Length.ShouldBe(8);
        slots[7].ShouldBe(1);
        slots[0].ShouldBe(2);
        slots[1].ShouldBe(3);
        for (var i = 0; i < last.Count; i++)
        {
            RuleTables.Find(last[i], text, bounds, slots, ends).ShouldBe(i);
        }
    }

    [Fact]
    public void Keys_alike_at_both_ends_are_hashed_whole()
    {
        // Same first and last four chars and length: hashed by their ends they would all share one slot.
        var keys = Enumerable.Range(0, 500).Select(i => $"git-{i:D5}-push").ToList();
        var (text, bounds, slots, ends) = Table(keys);
        ends.ShouldBe(0);
        for (var i = 0; i < keys.Count; i++)
        {
            RuleTables.Find(keys[i], text, bounds, slots, ends).ShouldBe(i);
        }

        RuleTables.Find("git-00500-push", text, bounds, slots, ends).ShouldBe(-1);
    }

    private static (string Text, int[] Bounds, int[] Slots, int Ends) Table(List<string> keys)
    {
        var bounds = new List<int> { 0 };
        foreach (var key in keys)
        {
            bounds.Add(bounds[^1] + key.Length);
        }

        var slots = StringKeyTable.Slots(keys, out var ends);
        return (string.Concat(keys), bounds.ToArray(), slots, ends);
    }
}
