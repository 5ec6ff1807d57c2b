using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace RuleCompiler.Compiling;

/// <summary>
/// The runtime's kernels (<see cref="RuleText"/>, <see cref="PatternSet"/>, <see cref="GlobPattern"/>,
/// <see cref="RuleRegex"/>, <see cref="RuleTables"/>, <see cref="RuleTemplate"/>) as compiled expressions can call
/// them: expression trees cannot build spans, so these take arrays and strings and hand them on. Each is one line
/// of the generated code's call, so both back ends run the same kernel on the same values.
/// </summary>
internal static class LoadedKernels
{
    /// <summary>A map key as generated code's <c>View</c> reads it: the key's value, or null when the key (or the map) is absent.</summary>
    public static string? Lookup(IReadOnlyDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    public static bool Glob(GlobPattern pattern, string text) => pattern.IsMatch(text);

    public static bool Regex(RuleRegex regex, string text) => regex.IsMatch(text);

    public static bool Automaton(ushort[] table, string text, int pattern) => PatternSet.IsMatch(table, text, pattern);

    /// <summary>Every pattern of an automaton that matches <paramref name="text"/>, as bits: one scan for a part that asks several (generated code's <see cref="PatternScan"/>).</summary>
    public static ulong Matches(ushort[] table, string text) => PatternSet.Match(table, text);

    public static bool ListContains(string[]? list, string value, StringComparison comparison) => RuleText.Contains(list, value, comparison);

    public static bool ContainsAny(string[]? list, string[] values, StringComparison comparison) => RuleText.ContainsAny(list, values, comparison);

    public static bool ContainsAll(string[]? list, string[] values, StringComparison comparison) => RuleText.ContainsAll(list, values, comparison);

    public static int Count(string[]? list) => list?.Length ?? 0;

    /// <summary>A hashed string dispatch (<see cref="RuleTables.Find"/>): the key's index in <paramref name="table"/>'s keys, or -1.</summary>
    public static int Find(string key, KeyTable table) => RuleTables.Find(key, table.Text, table.Bounds, table.Slots, table.Ends);

    /// <summary>A range switch's class of <paramref name="value"/> among sorted <paramref name="points"/>: 2i + 1 at point i, 2i below it.</summary>
    public static int RangeClass<T>(T[] points, T value)
        where T : IComparable<T>
    {
        var index = MemoryExtensions.BinarySearch(new ReadOnlySpan<T>(points), value);
        return index >= 0 ? (2 * index) + 1 : 2 * ~index;
    }

    // A template's input value as generated code appends it (RuleTemplate), one string per part.
    public static string Text(string? value) => Format(value, static (ref RuleTemplate text, string? v) => text.Append(v));

    public static string Text(string[]? value) => Format(value, static (ref RuleTemplate text, string[]? v) => text.Append(v));

    public static string Text(int value) => Format(value, static (ref RuleTemplate text, int v) => text.Append(v));

    public static string Text(long value) => Format(value, static (ref RuleTemplate text, long v) => text.Append(v));

    public static string Text(decimal value) => Format(value, static (ref RuleTemplate text, decimal v) => text.Append(v));

    public static string Text(double value) => Format(value, static (ref RuleTemplate text, double v) => text.Append(v));

    public static string Text(bool value) => Format(value, static (ref RuleTemplate text, bool v) => text.Append(v));

    public static string Text(DateOnly value) => Format(value, static (ref RuleTemplate text, DateOnly v) => text.Append(v));

    public static string Text(DateTimeOffset value) => Format(value, static (ref RuleTemplate text, DateTimeOffset v) => text.Append(v));

    public static string Text(TimeOnly value) => Format(value, static (ref RuleTemplate text, TimeOnly v) => text.Append(v));

    public static string Text(TimeSpan value) => Format(value, static (ref RuleTemplate text, TimeSpan v) => text.Append(v));

    /// <summary>An enum input in a template: its declared name, or its number when it has none (as generated code's <c>AppendValue</c>).</summary>
    public static string EnumText(int ordinal, string[] names) =>
        (uint)ordinal < (uint)names.Length ? names[ordinal] : ordinal.ToString(CultureInfo.InvariantCulture);

    /// <summary>An enum input as Explain shows it: its declared name as YAML, or its number.</summary>
    public static string EnumYaml(int ordinal, string[] yamlNames) =>
        (uint)ordinal < (uint)yamlNames.Length ? yamlNames[ordinal] : RuleYaml.Format(ordinal);

    private delegate void Append<T>(ref RuleTemplate text, T value);

    private static string Format<T>(T value, Append<T> append)
    {
        var text = new RuleTemplate(stackalloc char[64]);
        append(ref text, value);
        return text.ToStringAndClear();
    }

    /// <summary>The thread's scratch bits for a collect evaluation, cleared, at least <paramref name="words"/> long.</summary>
    public static ulong[] Scratch(int words)
    {
        var bits = t_bits;
        if (bits is null || bits.Length < words)
        {
            t_bits = bits = new ulong[Math.Max(words, 4)];
        }

        Array.Clear(bits, 0, words);
        return bits;
    }

    [ThreadStatic]
    private static ulong[]? t_bits;
}

/// <summary>The keys of a hashed string dispatch as <see cref="RuleTables.Find"/> reads them, and each key's group.</summary>
internal sealed record KeyTable(string Text, int[] Bounds, int[] Slots, int Ends, int[] Groups);
