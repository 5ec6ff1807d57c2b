using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>
/// Seeded random patterns from the automaton's subset (literals, escapes, <c>.</c>, classes with ranges, negation
/// and shorthands, groups, alternation, greedy and lazy quantifiers, every anchor), and inputs biased toward a
/// pattern's own chars: its text's pieces, mutated, spliced, case-flipped, with <c>\n</c> and the chars whose case
/// or word-ness .NET treats specially.
/// </summary>
public sealed class RandomPatterns(int seed)
{
    /// <summary>Chars an input may hold besides the pattern's: case and word-boundary corner cases, Unicode letters, digits and spaces.</summary>
    public const string Specials = "aAkKsSiIzZ09 _-/.\n\r\t\u212A\u017F\u0130\u0131\u00E9\u00C9\u00B5\u03BC\u200C\u200D\u0663\u00A0\u2028\u4E2D\u0301";

    private static readonly string[] Literals = ["a", "b", "k", "K", "s", "z", "A", "Z", "0", "7", "_", "-", "/", " ", "\\.", "\\\\", "\\/", "\\n", "\\t", "\\x41", "\\u006B", "\\$", "\\^", "\\(", "\\*", "\\?", "\\[", "\\{", "{", "}", "]", ",", "#", "'"];
    private static readonly string[] NonAscii = ["\u00E9", "\u212A", "\u0130", "\u4E2D", "\\u00E9", "\\u212A"];
    private static readonly string[] Shorthands = ["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "."];
    private static readonly string[] Anchors = ["^", "$", "\\A", "\\z", "\\Z", "\\b", "\\B"];
    private static readonly string[] ClassItems = ["a", "k", "z", "A", "K", "0", "9", "_", " ", "-", "/", "a-f", "A-Z", "0-9", "k-s", "\\n", "\\t", "\\]", "\\\\", "\\d", "\\w", "\\s", "\\W", "\\S", "\\D", "\\-", ".", "$", "^a"];

    private readonly Random _random = new(seed);

    /// <summary>A pattern; with <paramref name="nonAscii"/> it may hold non-ASCII chars (which fall back under ignore-case).</summary>
    public string Pattern(bool nonAscii) => Alternation(depth: 0, nonAscii);

    public IEnumerable<string> Inputs(string pattern, int count)
    {
        var pieces = Pieces(pattern);
        var produced = new List<string> { string.Empty, "\n" };
        produced.AddRange(pieces);
        while (produced.Count < count)
        {
            produced.Add(Mutate(_random.Next(3) == 0 ? Pick(produced) : Splice(pieces)));
        }

        return produced.Take(count);
    }

    /// <summary>Random texts and mutations of <paramref name="seeds"/>.</summary>
    public IEnumerable<string> Mutations(IReadOnlyList<string> seeds, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Mutate(seeds.Count == 0 || _random.Next(5) == 0 ? Noise() : Pick(seeds));
        }
    }

    private string Alternation(int depth, bool nonAscii)
    {
        var count = _random.Next(10) == 0 ? 2 + _random.Next(2) : 1;
        return string.Join("|", Enumerable.Range(0, count).Select(_ => Concatenation(depth, nonAscii)));
    }

    private string Concatenation(int depth, bool nonAscii)
    {
        var text = new StringBuilder();
        var length = _random.Next(5);
        for (var i = 0; i < length; i++)
        {
            text.Append(Quantified(depth, nonAscii));
        }

        return text.ToString();
    }

    private string Quantified(int depth, bool nonAscii)
    {
        var atom = Atom(depth, nonAscii);
        if (_random.Next(3) != 0)
        {
            return atom;
        }

        var quantifier = _random.Next(6) switch
        {
            0 => "*",
            1 => "+",
            2 => "?",
            3 => $"{{{_random.Next(4)}}}",
            4 => $"{{{_random.Next(3)},}}",
            _ => $"{{{_random.Next(2)},{2 + _random.Next(3)}}}",
        };
        return atom + quantifier + (_random.Next(4) == 0 ? "?" : string.Empty);
    }

    private string Atom(int depth, bool nonAscii) => _random.Next(depth < 2 ? 12 : 10) switch
    {
        0 or 1 or 2 or 3 => Pick(Literals),
        4 => nonAscii && _random.Next(2) == 0 ? Pick(NonAscii) : Pick(Literals),
        5 => Pick(Shorthands),
        6 => Pick(Anchors),
        7 or 8 => Class(),
        9 => Pick(Literals) + Pick(Literals),
        _ => (_random.Next(2) == 0 ? "(?:" : "(") + Alternation(depth + 1, nonAscii) + ")",
    };

    private string Class()
    {
        var items = string.Concat(Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Pick(ClassItems)));
        return "[" + (_random.Next(3) == 0 ? "^" : string.Empty) + items + "]";
    }

    // Runs of the pattern's text without its syntax: the literals an input is likely to need.
    private static string[] Pieces(string pattern)
    {
        var plain = new string(pattern.Select(c => "\\[](){}|*+?^$.".IndexOf(c) >= 0 ? ' ' : c).ToArray());
        return plain.Split(' ').Where(piece => piece.Length > 0).Distinct().ToArray();
    }

    private string Splice(string[] pieces) =>
        string.Concat(Enumerable.Range(0, _random.Next(4)).Select(_ => _random.Next(3) == 0 || pieces.Length == 0 ? Noise() : Pick(pieces)));

    private string Noise() => new(Enumerable.Range(0, _random.Next(4)).Select(_ => Specials[_random.Next(Specials.Length)]).ToArray());

    private string Mutate(string text)
    {
        var chars = new List<char>(text);
        var edits = _random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            var at = _random.Next(chars.Count + 1);
            switch (_random.Next(6))
            {
                case 0:
                    chars.Insert(at, Specials[_random.Next(Specials.Length)]);
                    break;
                case 1 when at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                case 2 when at < chars.Count:
                    chars[at] = char.IsUpper(chars[at]) ? char.ToLowerInvariant(chars[at]) : char.ToUpperInvariant(chars[at]);
                    break;
                case 3:
                    chars.Add('\n');
                    break;
                case 4:
                    chars.InsertRange(at, chars.Take(at).ToArray());
                    break;
                default:
                    chars.Insert(at, ' ');
                    break;
            }
        }

        return new string(chars.ToArray());
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
