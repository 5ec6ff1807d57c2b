using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// One value from every class of inputs that a field's decidable tests cannot tell apart. Two values of one class
/// make every such test give the same answer, so trying the representatives tries every input: that is what lets
/// the solver prove "no input exists" and not merely fail to find one.
/// </summary>
/// <remarks>
/// Decidable tests: every test on numbers, bools and enums; eq / ne / in / not-in / prefix on strings; every
/// list test; none of them with ignore-case. Suffix, contains, glob and regex on strings, and ignore-case, cut
/// classes the representatives do not follow: the solver treats those tests as unknown.
/// </remarks>
public static class Representatives
{
    public static bool IsDecidable(TestCondition test, FieldType type) => Operators.IsDecidable(test, type.Info());

    /// <summary>Representatives of a scalar field (not a string-list) under its decidable <paramref name="tests"/>, pleasant values first.</summary>
    public static List<Value> Of(FieldModel field, IReadOnlyList<TestCondition> tests)
    {
        var info = field.Type.Info();
        var decidable = tests.Where(test => IsDecidable(test, field.Type)).ToList();
        var operands = decidable.Where(test => test.Operator.Info().ComparesValue).SelectMany(test => test.Operands).ToList();
        var reach = decidable.Any(test => test.Operator == TestOperator.Weekday) ? 7 : 1;
        return info.Kind switch
        {
            ValueKind.Integer when info.IsIntegerRange => Integers(operands, info.Min, info.Max, reach).Select(value => Value.Of(field.Type, value)).ToList(),
            ValueKind.Integer when field.Type == FieldType.Bool => new List<Value> { Value.Bool(false), Value.Bool(true) },
            ValueKind.Integer when field.Type == FieldType.Enum => Enumerable.Range(0, field.EnumValues.Count).Select(Value.Enum).ToList(),
            ValueKind.Decimal => Decimals(operands).Select(Value.Dec).ToList(),
            ValueKind.Real => Doubles(operands).Select(Value.Dbl).ToList(),
            ValueKind.Text => Strings(decidable).Select(Value.String).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no representatives for this type"),
        };
    }

    /// <summary>
    /// Values to try for a field whose tests include undecidable ones: built from the operands (a glob's example,
    /// a prefix joined to a suffix, a regex pattern's literal text…). Finding a witness among them proves it; not
    /// finding one proves nothing.
    /// </summary>
    public static IEnumerable<Value> Guesses(FieldModel field, IReadOnlyList<TestCondition> tests)
    {
        if (field.Type.Info().Kind != ValueKind.Text)
        {
            return Enumerable.Empty<Value>();
        }

        var texts = new List<string>();
        var prefixes = new List<string>();
        var suffixes = new List<string>();
        foreach (var test in tests)
        {
            foreach (var operand in test.Operands)
            {
                var text = test.Operator switch
                {
                    TestOperator.Glob => GlobExample(operand.AsString),
                    TestOperator.Regex => RegexLiteral(operand.AsString),
                    _ => operand.AsString,
                };
                (test.Operator == TestOperator.Prefix ? prefixes : test.Operator == TestOperator.Suffix ? suffixes : texts).Add(text);
                texts.Add(text);
                texts.Add(text + "x");
                texts.Add("x" + text);
                texts.Add(text.ToUpperInvariant());
            }
        }

        foreach (var prefix in prefixes)
        {
            texts.AddRange(suffixes.Select(suffix => prefix + suffix));
            texts.AddRange(texts.Where(text => !text.StartsWith(prefix, StringComparison.Ordinal)).Take(64).Select(text => prefix + text).ToList());
        }

        return texts.Distinct(StringComparer.Ordinal).Select(Value.String);
    }

    /// <summary>
    /// Classes are each operand and the open runs between consecutive operands: p - 1, p, p + 1 reach them all. With
    /// <paramref name="reach"/> 7 (a date field with weekday tests) p ± 1 … p ± 7 and the first and last week of the
    /// range are tried too: every weekday of every run, since a run shorter than a week lies wholly within reach.
    /// </summary>
    private static IEnumerable<long> Integers(List<Value> operands, long min, long max, int reach = 1)
    {
        var values = new List<long>();
        foreach (var point in operands.Select(o => o.Integer).Append(min).Append(max).Distinct().OrderBy(p => p))
        {
            values.Add(point);
            for (var step = 1; step <= reach; step++)
            {
                if (point >= min + step)
                {
                    values.Add(point - step);
                }

                if (point <= max - step)
                {
                    values.Add(point + step);
                }
            }
        }

        if (min <= 0 && max >= 0)
        {
            values.Add(0);
        }

        return values.Distinct();
    }

    private static IEnumerable<decimal> Decimals(List<Value> operands)
    {
        var points = operands.Select(o => o.Decimal).Distinct().OrderBy(d => d).ToList();
        var values = new List<decimal>(points) { 0m };
        for (var i = 0; i + 1 < points.Count; i++)
        {
            values.Add(Between(points[i], points[i + 1]));
        }

        if (points.Count > 0)
        {
            values.Add(points[0] >= decimal.MinValue + 1 ? points[0] - 1 : decimal.MinValue);
            values.Add(points[points.Count - 1] <= decimal.MaxValue - 1 ? points[points.Count - 1] + 1 : decimal.MaxValue);
        }

        return values.Distinct();
    }

    // A decimal strictly between two others; decimals are dense at their scale, so one exists unless both are adjacent at 28 digits.
    private static decimal Between(decimal low, decimal high)
    {
        var half = (low / 2) + (high / 2);
        return half > low && half < high ? half : low + ((high - low) / 2);
    }

    private static IEnumerable<double> Doubles(List<Value> operands)
    {
        var points = operands.Select(o => o.Real).Where(d => !double.IsNaN(d)).Distinct().OrderBy(d => d).ToList();
        var values = new List<double>(points) { 0d, double.NaN, double.NegativeInfinity, double.PositiveInfinity };
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (low, high) = (points[i], points[i + 1]);
            var pleasant = low + 1 < high ? low + 1 : (low / 2) + (high / 2);
            values.Add(pleasant > low && pleasant < high ? pleasant : Next(low, up: true));
        }

        if (points.Count > 0)
        {
            values.Add(points[0] - 1 < points[0] ? points[0] - 1 : Next(points[0], up: false));
            var last = points[points.Count - 1];
            values.Add(last + 1 > last ? last + 1 : Next(last, up: true));
        }

        return values.Distinct();
    }

    /// <summary>The adjacent double (netstandard2.0 has no Math.BitIncrement).</summary>
    private static double Next(double value, bool up)
    {
        if (double.IsInfinity(value) || double.IsNaN(value))
        {
            return value;
        }

        if (value == 0)
        {
            return up ? double.Epsilon : -double.Epsilon;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        bits += (value > 0) == up ? 1 : -1;
        return BitConverter.Int64BitsToDouble(bits);
    }

    /// <summary>
    /// Strings under eq / in (the set E) and prefix (the set P): a class is "equals e" for each e, or "equals no e,
    /// and L is the longest prefix in P it starts with" for each L in P ∪ {""}. L + c, with c a character no longer
    /// prefix continues with, then padded until it is outside E, represents the second kind.
    /// </summary>
    private static IEnumerable<string> Strings(List<TestCondition> tests)
    {
        var equals = tests.Where(t => t.Operator != TestOperator.Prefix).SelectMany(t => t.Operands).Select(o => o.AsString).Distinct(StringComparer.Ordinal).ToList();
        var prefixes = tests.Where(t => t.Operator == TestOperator.Prefix).Select(t => t.Operands[0].AsString).Distinct(StringComparer.Ordinal).ToList();
        var excluded = new HashSet<string>(equals, StringComparer.Ordinal);
        var values = new List<string>(equals);
        foreach (var longest in prefixes.Prepend(string.Empty).Distinct(StringComparer.Ordinal))
        {
            var continuations = new HashSet<char>(prefixes
                .Where(p => p.Length > longest.Length && p.StartsWith(longest, StringComparison.Ordinal))
                .Select(p => p[longest.Length]));
            var next = "xyzabcdefghijklmnopqrstuvw0123456789_".FirstOrDefault(c => !continuations.Contains(c));
            if (next == default)
            {
                next = (char)Enumerable.Range(0x100, continuations.Count + 1).First(c => !continuations.Contains((char)c));
            }

            var text = longest + next;
            while (excluded.Contains(text))
            {
                text += "x";
            }

            values.Add(text);
        }

        return values.Distinct(StringComparer.Ordinal);
    }

    private static string GlobExample(string pattern)
    {
        var tokens = GlobMatcher.Tokenize(pattern);
        if (tokens is null)
        {
            return pattern;
        }

        var builder = new System.Text.StringBuilder();
        foreach (var token in tokens)
        {
            builder.Append(token.Kind switch
            {
                GlobTokenKind.AnyRun => "x",
                GlobTokenKind.AnyOne => "a",
                _ => token.Char.ToString(),
            });
        }

        return builder.ToString();
    }

    // The literal characters of a pattern: "^rm\s+-rf" gives "rm-rf"; a guess only, checked like every other.
    private static string RegexLiteral(string pattern)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var escaped = pattern[++i];
                builder.Append(escaped switch
                {
                    's' => " ",
                    'd' => "0",
                    'w' => "a",
                    'b' or 'B' or 'A' or 'z' or 'Z' => string.Empty,
                    _ => escaped.ToString(),
                });
            }
            else if ("^$()|+*?{}[]".IndexOf(c) < 0)
            {
                builder.Append(c == '.' ? 'a' : c);
            }
        }

        return builder.ToString();
    }
}
