using System;
using System.Buffers;
using System.Globalization;
using System.Text;

namespace RuleCompiler;

/// <summary>
/// Input values written as YAML flow values, the way a rule file's <c>tests:</c> input would write them: strings
/// plain where YAML allows it and double-quoted otherwise, lists as <c>[a, b]</c>, a null string as <c>""</c> and a
/// null list as <c>[]</c> (what rules evaluate them as), doubles with <c>.nan</c> and <c>.inf</c>. Used by generated
/// <c>Explain</c> methods for <see cref="TestFailure.Actual"/>; allocates.
/// </summary>
public static class RuleYaml
{
    // What can make quotes necessary past the first character (besides surrogates, searched apart).
    private static readonly SearchValues<char> s_inner = SearchValues.Create(
        ",[]{}:#\u007F\u0085\u2028\u2029\uFEFF\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>A string; null is written <c>""</c>, as rules read it.</summary>
    public static string Format(string? value)
    {
        var text = value ?? string.Empty;
        return NeedsQuotes(text) ? Quote(text) : text;
    }

    /// <summary>A string list; null is written <c>[]</c> and a null element <c>""</c>, as rules read them.</summary>
    public static string Format(string?[]? values)
    {
        if (values is null || values.Length == 0)
        {
            return "[]";
        }

        var builder = new StringBuilder("[");
        for (var i = 0; i < values.Length; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(Format(values[i]));
        }

        return builder.Append(']').ToString();
    }

    /// <summary>An int.</summary>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A long.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal, with its scale (<c>1.50</c> stays <c>1.50</c>).</summary>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double: shortest round-trip digits, or <c>.nan</c>, <c>.inf</c>, <c>-.inf</c>.</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A bool: <c>true</c> or <c>false</c>.</summary>
    public static string Format(bool value) => value ? "true" : "false";

    // Quotes where a plain flow scalar would not read back as the same string: empty, YAML null words, an indicator
    // first, flow punctuation, ": " or " #", surrounding blanks, and characters that need an escape.
    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return true;
        }

        var first = text[0];
        if ("#&*!|>'\"%@`".Contains(first, StringComparison.Ordinal)
            || (first is '-' or '?' or ':' && (text.Length == 1 || IsBlankOrFlow(text[1])))
            || IsBlank(first) || IsBlank(text[^1]) || text[^1] == ':')
        {
            return true;
        }

        // Most text has none of the characters that can need quotes inside it: one vectorized search says so.
        if (text.AsSpan().IndexOfAny(s_inner) < 0 && !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsFlow(c) || NeedsEscape(text, i)
                || (c == ':' && i + 1 < text.Length && IsBlankOrFlow(text[i + 1]))
                || (c == '#' && IsBlank(text[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';

    private static bool IsFlow(char c) => c is ',' or '[' or ']' or '{' or '}';

    private static bool IsBlankOrFlow(char c) => IsBlank(c) || IsFlow(c);

    // Control characters, YAML's line breaks, the byte order mark and a surrogate without its pair.
    private static bool NeedsEscape(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        }

        return c < ' ' || c is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF';
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (NeedsEscape(text, i))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
