using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using YamlDotNet.Core;

namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>The seeded mutations, each logged in words with the path of the node it changed.</summary>
internal sealed class YamlMutator
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const string OddCharacters = "*?\\[](){}^$.|+-_/ \t\"'#:,&%@`!\u00e9\u212a\u0000\n\r\u2028\uFEFF";

    // Scalars of every kind: numbers (huge, tiny, odd spellings), booleans, nulls, unknown enum values and names,
    // empty and long strings, and texts hostile to C# literals, comments and XML docs, to regexes and to globs.
    private static readonly (string Value, ScalarStyle Style)[] s_scalars =
    {
        ("0", ScalarStyle.Any), ("1", ScalarStyle.Any), ("-1", ScalarStyle.Any), ("2.5", ScalarStyle.Any), ("-0", ScalarStyle.Any), ("0.1", ScalarStyle.Any),
        ("1e3", ScalarStyle.Any), ("true", ScalarStyle.Any), ("false", ScalarStyle.Any), ("TRUE", ScalarStyle.Any), ("null", ScalarStyle.Any), ("~", ScalarStyle.Any),
        ("", ScalarStyle.Plain), ("yes", ScalarStyle.Any), ("1e400", ScalarStyle.Any), ("-1e400", ScalarStyle.Any), ("1e-400", ScalarStyle.Any),
        ("99999999999999999999", ScalarStyle.Any), ("-99999999999999999999", ScalarStyle.Any), ("2147483648", ScalarStyle.Any), ("-2147483649", ScalarStyle.Any),
        ("9223372036854775808", ScalarStyle.Any), ("-9223372036854775809", ScalarStyle.Any), ("79228162514264337593543950336", ScalarStyle.Any),
        ("0.00000000000000000000000000001", ScalarStyle.Any), ("1.00000000000000000000000000001", ScalarStyle.Any), ("1" + new string('0', 400), ScalarStyle.Any),
        ("0x1F", ScalarStyle.Any), ("0o17", ScalarStyle.Any), ("1_000", ScalarStyle.Any), ("+5", ScalarStyle.Any), (".5", ScalarStyle.Any), ("5.", ScalarStyle.Any),
        (".nan", ScalarStyle.Any), (".inf", ScalarStyle.Any), ("-.inf", ScalarStyle.Any), ("NaN", ScalarStyle.Any),
        ("bogus-value", ScalarStyle.Any), ("Bogus", ScalarStyle.Any), ("class", ScalarStyle.Any), ("string", ScalarStyle.Any), ("string-list", ScalarStyle.Any),
        ("enum", ScalarStyle.Any), ("collect", ScalarStyle.Any), ("sum", ScalarStyle.Any), ("Evaluate", ScalarStyle.Any), ("__arglist", ScalarStyle.Any),
        ("", ScalarStyle.DoubleQuoted), (" ", ScalarStyle.DoubleQuoted), ("a b", ScalarStyle.Any), ("a\tb", ScalarStyle.Any), (new string('x', 1000), ScalarStyle.Any),
        ("\"quoted\" \\ back", ScalarStyle.DoubleQuoted), ("{0} }} {{", ScalarStyle.DoubleQuoted), ("line\nbreak", ScalarStyle.DoubleQuoted),
        ("\r\n", ScalarStyle.DoubleQuoted), ("a\u2028b", ScalarStyle.DoubleQuoted), ("a\u2029b", ScalarStyle.DoubleQuoted), ("a\u0085b", ScalarStyle.DoubleQuoted),
        ("\0nul", ScalarStyle.DoubleQuoted), ("</summary><see cref=\"x\"/>&amp;", ScalarStyle.DoubleQuoted), ("*/ /* //", ScalarStyle.DoubleQuoted),
        ("\\u0041 \\x41", ScalarStyle.DoubleQuoted), ("@\"verbatim\"", ScalarStyle.DoubleQuoted), ("$\"{x}\"", ScalarStyle.DoubleQuoted),
        ("\"\"\"raw\"\"\"", ScalarStyle.DoubleQuoted), ("#region", ScalarStyle.DoubleQuoted), ("e\u0301", ScalarStyle.DoubleQuoted), ("\U0001F600", ScalarStyle.DoubleQuoted),
        ("\u202Eevil", ScalarStyle.DoubleQuoted), ("\uFEFF", ScalarStyle.DoubleQuoted), ("straße", ScalarStyle.Any), ("\u212A", ScalarStyle.Any),
        ("(a+)+$", ScalarStyle.Any), ("(?<=x)y", ScalarStyle.Any), ("(x)\\1", ScalarStyle.Any), ("[", ScalarStyle.DoubleQuoted), ("a{99999}", ScalarStyle.Any),
        ("(?i)x", ScalarStyle.Any), ("\\p{L}+", ScalarStyle.Any), ("^$", ScalarStyle.Any), ("**", ScalarStyle.DoubleQuoted), ("[a-z]?*", ScalarStyle.DoubleQuoted),
        ("\\", ScalarStyle.DoubleQuoted), ("r.1", ScalarStyle.Any), ("-x", ScalarStyle.DoubleQuoted), ("a_b-c", ScalarStyle.Any),
    };

    private readonly Random _random;
    private readonly List<string> _log = new();

    public YamlMutator(Random random) => _random = random;

    public string Description => _log.Count == 0 ? "(none)" : string.Join("; ", _log);

    public void Log(string text) => _log.Add(text);

    /// <summary>Deletes all rules but a window of them, and the tests that name a deleted rule or none.</summary>
    public void KeepWindowOfRules(YNode root, int maxWindow)
    {
        var rules = root.Entries.First(e => e.Key.Value == "rules").Value.Items;
        var size = _random.Next(1, Math.Min(maxWindow, rules.Count) + 1);
        var start = _random.Next(0, rules.Count - size + 1);
        var total = rules.Count;
        var kept = rules.Skip(start).Take(size).ToList();
        rules.Clear();
        rules.AddRange(kept);
        var ids = kept.Select(r => r.Entries.FirstOrDefault(e => e.Key.Value == "id")?.Value.Value).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        var testsNote = string.Empty;
        if (root.Entries.FirstOrDefault(e => e.Key.Value == "tests")?.Value is { Kind: YKind.Sequence } tests)
        {
            var before = tests.Items.Count;
            tests.Items.RemoveAll(test =>
            {
                var rule = test.Entries.FirstOrDefault(e => e.Key.Value == "rule")?.Value;
                var many = test.Entries.FirstOrDefault(e => e.Key.Value == "rules")?.Value;
                return !(rule is { Kind: YKind.Scalar } && (ids.Contains(rule.Value) || rule.Value is "null" or "~" or ""))
                    && !(many is { Kind: YKind.Sequence } && many.Items.All(i => ids.Contains(i.Value)));
            });
            testsNote = $" and {tests.Items.Count} of {before} tests (those naming kept rules only)";
        }

        Log($"kept rules[{start}..{start + size - 1}] of {total}{testsNote}, deleting the others");
    }

    public void Mutate(YNode root)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var slots = YTree.Slots(root);
            var applied = _random.Next(100) switch
            {
                < 10 => DeleteEntry(slots),
                < 18 => DeleteItem(slots),
                < 24 => DuplicateEntry(slots),
                < 30 => DuplicateItem(slots),
                < 39 => SwapSiblings(slots),
                < 45 => SwapAnywhere(root, slots),
                < 60 => ReplaceScalar(slots),
                < 72 => ChangeKind(slots),
                < 83 => MisspellKey(slots),
                < 94 => EditScalarCharacters(slots),
                < 97 => AliasAnotherNode(root, slots),
                _ => KeyOfAnotherKind(slots),
            };
            if (applied)
            {
                return;
            }
        }
    }

    /// <summary>Character- and line-level edits of the written text: delete, duplicate, swap.</summary>
    public string EditText(string text)
    {
        if (text.Length < 2)
        {
            Log("text edit: appended '#'");
            return text + "#";
        }

        var lines = text.Split('\n').ToList();
        var at = _random.Next(text.Length - 1);
        switch (_random.Next(6))
        {
            case 0:
                Log($"text edit: deleted character {at} ({Show(text[at])})");
                return text.Remove(at, 1);
            case 1:
                Log($"text edit: duplicated character {at} ({Show(text[at])})");
                return text.Insert(at, text[at].ToString());
            case 2:
                Log($"text edit: swapped characters {at} and {at + 1} ({Show(text[at])}, {Show(text[at + 1])})");
                return text.Substring(0, at) + text[at + 1] + text[at] + text.Substring(at + 2);
            case 3:
            {
                var (a, b) = (_random.Next(lines.Count), _random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                Log($"text edit: swapped lines {a + 1} and {b + 1}");
                return string.Join("\n", lines);
            }

            case 4:
            {
                var line = _random.Next(lines.Count);
                lines.Insert(line, lines[line]);
                Log($"text edit: duplicated line {line + 1}");
                return string.Join("\n", lines);
            }

            default:
            {
                var line = _random.Next(lines.Count);
                lines.RemoveAt(line);
                Log($"text edit: deleted line {line + 1}");
                return string.Join("\n", lines);
            }
        }
    }

    private static string Show(char c) => c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";

    private T? Pick<T>(IReadOnlyList<T> items) where T : class => items.Count == 0 ? null : items[_random.Next(items.Count)];

    private static string Child(YSlot mapping, YEntry entry) =>
        (mapping.IsRoot ? string.Empty : mapping.Path + ".") + (entry.Key.Kind == YKind.Scalar ? entry.Key.Value : "{complex key}");

    private bool DeleteEntry(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Mapping && s.Node.Entries.Count > 0).ToList()) is not { } slot)
        {
            return false;
        }

        var index = _random.Next(slot.Node.Entries.Count);
        Log($"deleted {Child(slot, slot.Node.Entries[index])}");
        slot.Node.Entries.RemoveAt(index);
        return true;
    }

    private bool DeleteItem(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Sequence && s.Node.Items.Count > 0).ToList()) is not { } slot)
        {
            return false;
        }

        var index = _random.Next(slot.Node.Items.Count);
        Log($"deleted {slot.Path}[{index}]");
        slot.Node.Items.RemoveAt(index);
        return true;
    }

    private bool DuplicateEntry(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Mapping && s.Node.Entries.Count > 0).ToList()) is not { } slot)
        {
            return false;
        }

        var entries = slot.Node.Entries;
        var index = _random.Next(entries.Count);
        var at = _random.Next(entries.Count + 1);
        var copy = new YEntry(entries[index].Key.Clone(), _random.Next(2) == 0 ? entries[index].Value.Clone() : Pick(slots)!.Node.Clone());
        entries.Insert(at, copy);
        Log($"duplicated key {Child(slot, copy)} (at entry {at})");
        return true;
    }

    private bool DuplicateItem(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Sequence && s.Node.Items.Count > 0).ToList()) is not { } slot)
        {
            return false;
        }

        var index = _random.Next(slot.Node.Items.Count);
        var at = _random.Next(slot.Node.Items.Count + 1);
        slot.Node.Items.Insert(at, slot.Node.Items[index].Clone());
        Log($"duplicated {slot.Path}[{index}] as item {at}");
        return true;
    }

    private bool SwapSiblings(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => (s.Node.Kind == YKind.Mapping && s.Node.Entries.Count > 1) || (s.Node.Kind == YKind.Sequence && s.Node.Items.Count > 1)).ToList()) is not { } slot)
        {
            return false;
        }

        var count = slot.Node.Kind == YKind.Mapping ? slot.Node.Entries.Count : slot.Node.Items.Count;
        var a = _random.Next(count);
        var b = (a + 1 + _random.Next(count - 1)) % count;
        if (slot.Node.Kind == YKind.Sequence)
        {
            (slot.Node.Items[a], slot.Node.Items[b]) = (slot.Node.Items[b], slot.Node.Items[a]);
            Log($"swapped {slot.Path}[{a}] and [{b}]");
        }
        else if (_random.Next(2) == 0)
        {
            var (x, y) = (slot.Node.Entries[a], slot.Node.Entries[b]);
            (x.Value, y.Value) = (y.Value, x.Value);
            Log($"swapped the values of {Child(slot, x)} and {Child(slot, y)}");
        }
        else
        {
            var entries = slot.Node.Entries;
            Log($"swapped the order of {Child(slot, entries[a])} and {Child(slot, entries[b])}");
            (entries[a], entries[b]) = (entries[b], entries[a]);
        }

        return true;
    }

    private bool SwapAnywhere(YNode root, List<YSlot> slots)
    {
        var values = slots.Where(s => !s.IsRoot && !s.IsKey).ToList();
        var a = Pick(values);
        var b = Pick(values);
        if (a is null || b is null || ReferenceEquals(a.Node, b.Node) || a.Ancestors.Contains(b.Node) || b.Ancestors.Contains(a.Node))
        {
            return false;
        }

        var (nodeA, nodeB) = (a.Node, b.Node);
        a.Replace(nodeB);
        b.Replace(nodeA);
        if (YTree.HasCycle(root))
        {
            b.Replace(nodeB);
            a.Replace(nodeA);
            return false;
        }

        Log($"swapped {a.Path} and {b.Path}");
        return true;
    }

    private bool ReplaceScalar(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => !s.IsKey && !s.IsRoot && s.Node.Kind == YKind.Scalar).ToList()) is not { } slot)
        {
            return false;
        }

        YNode replacement;
        if (_random.Next(3) == 0)
        {
            // A value of the same kind: numbers stay numbers (but huge, tiny or oddly spelt), texts stay texts (but
            // hostile to C#): more of these variants are valid, and reach the emitter.
            var numeric = decimal.TryParse(slot.Node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            var pool = s_scalars.Where(s => numeric == decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || (numeric && s.Value.Contains("e", StringComparison.Ordinal) && s.Value.Any(char.IsDigit))).ToList();
            var (value, style) = pool[_random.Next(pool.Count)];
            replacement = YNode.Scalar(value, style);
        }
        else if (_random.Next(4) == 0)
        {
            // A value from elsewhere in the file: an enum value, a name, a literal of another field.
            var other = Pick(slots.Where(s => s.Node.Kind == YKind.Scalar).ToList())!.Node;
            replacement = YNode.Scalar(other.Value, other.Style);
        }
        else if (_random.Next(40) == 0)
        {
            replacement = YNode.Scalar(new string('y', 64 * 1024 + 1));
        }
        else
        {
            var (value, style) = s_scalars[_random.Next(s_scalars.Length)];
            replacement = YNode.Scalar(value, style);
        }

        Log($"replaced {slot.Path} ({Quote(slot.Node.Value)}) with {Quote(replacement.Value)}");
        slot.Replace(replacement);
        return true;
    }

    private bool ChangeKind(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => !s.IsRoot && !s.IsKey).ToList()) is not { } slot)
        {
            return false;
        }

        var node = slot.Node;
        var flow = _random.Next(2) == 0;
        YNode replacement;
        string what;
        switch (node.Kind, _random.Next(3))
        {
            case (YKind.Scalar, 0):
                (replacement, what) = (YNode.Mapping(flow, new YEntry(YNode.Scalar(node.Value.Length > 0 ? node.Value : "x"), YNode.Scalar("1"))), "a mapping");
                break;
            case (YKind.Scalar, 1):
                (replacement, what) = (YNode.Sequence(flow, node), "a sequence of it");
                break;
            case (YKind.Scalar, _):
                (replacement, what) = (_random.Next(2) == 0 ? YNode.Mapping(true) : YNode.Sequence(true), "an empty collection");
                break;
            case (YKind.Mapping, 0):
                (replacement, what) = (YNode.Scalar(node.Entries.Count > 0 && node.Entries[0].Key.Kind == YKind.Scalar ? node.Entries[0].Key.Value : "mapping"), "a scalar");
                break;
            case (YKind.Mapping, 1):
                (replacement, what) = (YNode.Sequence(node.Flow, node.Entries.Select(e => YNode.Mapping(true, e)).ToArray()), "a sequence of one-entry mappings");
                break;
            case (YKind.Mapping, _):
                (replacement, what) = (YNode.Mapping(node.Flow), "an empty mapping");
                break;
            case (YKind.Sequence, 0):
                (replacement, what) = (node.Items.Count > 0 ? node.Items[0] : YNode.Scalar("sequence"), "its first item");
                break;
            case (YKind.Sequence, 1):
                (replacement, what) = (YNode.Mapping(node.Flow, node.Items.Select((item, i) => new YEntry(item.Kind == YKind.Scalar ? YNode.Scalar(item.Value) : YNode.Scalar("item" + i), YNode.Scalar("true"))).ToArray()), "a mapping of its items");
                break;
            default:
                (replacement, what) = (YNode.Sequence(node.Flow), "an empty sequence");
                break;
        }

        Log($"replaced the {node.Kind.ToString().ToLowerInvariant()} {slot.Path} with {what}");
        slot.Replace(replacement);
        return true;
    }

    private bool MisspellKey(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.IsKey && s.Node.Kind == YKind.Scalar).ToList()) is not { } slot)
        {
            return false;
        }

        var key = slot.Node.Value;
        var at = key.Length == 0 ? 0 : _random.Next(key.Length);
        var letter = Letters[_random.Next(Letters.Length)];
        var typo = _random.Next(6) switch
        {
            0 when key.Length > 1 => key.Remove(at, 1),
            1 => key.Insert(at, letter.ToString()),
            2 when key.Length > 0 => key.Substring(0, at) + (key[at] == letter ? 'q' : letter) + key.Substring(at + 1),
            3 when key.Length > 1 && at < key.Length - 1 => key.Substring(0, at) + key[at + 1] + key[at] + key.Substring(at + 2),
            4 when key.Length > 0 => key.Substring(0, at) + (char.IsUpper(key[at]) ? char.ToLowerInvariant(key[at]) : char.ToUpperInvariant(key[at])) + key.Substring(at + 1),
            _ => key + (_random.Next(2) == 0 ? "-" : "_"),
        };
        Log($"misspelt the key {slot.Path} as {Quote(typo)}");
        slot.Node.Value = typo;
        return true;
    }

    private bool EditScalarCharacters(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.Node.Kind == YKind.Scalar).ToList()) is not { } slot)
        {
            return false;
        }

        var value = slot.Node.Value;
        var at = value.Length == 0 ? 0 : _random.Next(value.Length);
        var odd = OddCharacters[_random.Next(OddCharacters.Length)];
        var (edited, what) = _random.Next(5) switch
        {
            0 when value.Length > 0 => (value.Remove(at, 1), $"deleted character {at}"),
            1 when value.Length > 0 => (value.Insert(at, value[at].ToString()), $"duplicated character {at}"),
            2 when value.Length > 1 && at < value.Length - 1 => (value.Substring(0, at) + value[at + 1] + value[at] + value.Substring(at + 2), $"swapped characters {at} and {at + 1}"),
            3 => (value + odd, $"appended {Show(odd)}"),
            _ => (value.Insert(at, odd.ToString()), $"inserted {Show(odd)} at {at}"),
        };
        Log($"{what} of {slot.Path} ({Quote(value)} became {Quote(edited)})");
        slot.Node.Value = edited;
        if (slot.Node.Style == ScalarStyle.Plain)
        {
            slot.Node.Style = ScalarStyle.Any;
        }

        return true;
    }

    private bool AliasAnotherNode(YNode root, List<YSlot> slots)
    {
        var target = Pick(slots.Where(s => !s.IsRoot && !s.IsKey).ToList());
        var shared = Pick(slots.Where(s => !s.IsRoot).ToList());
        if (target is null || shared is null || ReferenceEquals(target.Node, shared.Node) || target.Ancestors.Contains(shared.Node))
        {
            return false;
        }

        var original = target.Node;
        target.Replace(shared.Node);
        if (YTree.HasCycle(root))
        {
            // An alias inside the node it names (possible once a node is shared): YAML has no such thing.
            target.Replace(original);
            return false;
        }

        Log($"replaced {target.Path} with an alias of {shared.Path}");
        return true;
    }

    private bool KeyOfAnotherKind(List<YSlot> slots)
    {
        if (Pick(slots.Where(s => s.IsKey).ToList()) is not { } slot)
        {
            return false;
        }

        var node = slot.Node;
        slot.Replace(_random.Next(2) == 0 ? YNode.Mapping(true, new YEntry(node, YNode.Scalar("1"))) : YNode.Sequence(true, node));
        Log($"made the key {slot.Path} a collection");
        return true;
    }

    private static string Quote(string text)
    {
        var shown = text.Length > 60 ? text.Substring(0, 57) + $"... ({text.Length} characters)" : text;
        return "\"" + string.Concat(shown.Select(c => c < ' ' || (c > '~' && c < '\u00a0') || c is '\u2028' or '\u2029' or '\uFEFF' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
    }
}
