// The one writer of YAML values, linked into two assemblies: the compiler (RuleCompiler.Language: messages, witness
// inputs, operands that Explain reports) and the runtime (RuleCompiler.Runtime: input values that Explain reports at
// run time). One file, so an operand and an input value are always written alike. It must compile for
// netstandard2.0 and net10.0 alike, and allocate only the string it returns.
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RuleCompiler.Text;

/// <summary>
/// Values written as YAML flow scalars that read back as the same value: strings plain where YAML allows it and
/// double-quoted otherwise, numbers invariantly, doubles with <c>.nan</c> and <c>.inf</c>, lists as <c>[a, b]</c>,
/// dates as <c>yyyy-mm-dd</c>.
/// </summary>
internal static class YamlScalars
{
    /// <summary>A string: plain where a flow scalar reads back unchanged, else double-quoted with escapes.</summary>
    public static string String(string text) => NeedsQuotes(text) ? Quote(text) : text;

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal, with its scale (<c>1.50</c> stays <c>1.50</c>).</summary>
    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double: shortest round-trip digits, or <c>.nan</c>, <c>.inf</c>, <c>-.inf</c>.</summary>
    public static string Double(double value) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A date as ISO 8601 <c>yyyy-mm-dd</c>.</summary>
    public static string Date(int year, int month, int day) =>
        year.ToString("0000", CultureInfo.InvariantCulture) + "-" + month.ToString("00", CultureInfo.InvariantCulture) + "-" + day.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>A list of strings as <c>[a, b]</c>; a null element is written <c>""</c>, as rules read it.</summary>
    public static string List(IReadOnlyList<string?>? items)
    {
        if (items is null || items.Count == 0)
        {
            return "[]";
        }

        var builder = new StringBuilder("[");
        for (var i = 0; i < items.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(String(items[i] ?? string.Empty));
        }

        return builder.Append(']').ToString();
    }

    // Quotes where a plain flow scalar would not read back as the same string: empty, YAML null words, an indicator
    // first, flow punctuation, ": " or " #", surrounding blanks, and characters that need an escape.
    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return true;
        }

        var first = text[0];
        if ("#&*!|>'\"%@`".IndexOf(first) >= 0
            || (first is '-' or '?' or ':' && (text.Length == 1 || IsBlankOrFlow(text[1])))
            || IsBlank(first) || IsBlank(text[text.Length - 1]) || text[text.Length - 1] == ':')
        {
            return true;
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
