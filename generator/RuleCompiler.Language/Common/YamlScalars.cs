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

    /// <summary>
    /// A datetime as ISO 8601 with its offset: <paramref name="localTicks"/> is the clock time it was written in, in
    /// ticks; <c>Z</c> for offset 0; seconds always, fractions only when present.
    /// </summary>
    public static string DateTime(long localTicks, int offsetMinutes)
    {
        var local = new System.DateTime(localTicks, System.DateTimeKind.Unspecified);
        var text = local.ToString(localTicks % System.TimeSpan.TicksPerSecond == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF", CultureInfo.InvariantCulture);
        if (offsetMinutes == 0)
        {
            return text + "Z";
        }

        var magnitude = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
        return text + (offsetMinutes < 0 ? "-" : "+") + (magnitude / 60).ToString("00", CultureInfo.InvariantCulture) + ":" + (magnitude % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>A time of day from its ticks since midnight: <c>hh:mm</c>, with seconds and a fraction only when it has them.</summary>
    public static string Time(long ticks)
    {
        var time = new System.DateTime(ticks, System.DateTimeKind.Unspecified);
        var format = ticks % System.TimeSpan.TicksPerSecond != 0 ? "HH':'mm':'ss'.'FFFFFFF"
            : ticks % System.TimeSpan.TicksPerMinute != 0 ? "HH':'mm':'ss"
            : "HH':'mm";
        return time.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A duration as ISO 8601 (<c>P1DT2H30M</c>, <c>PT0.5S</c>, <c>-PT15M</c>), which reads back exactly.</summary>
    public static string Duration(long ticks)
    {
        if (ticks == 0)
        {
            return "PT0S";
        }

        var negative = ticks < 0;
        var magnitude = negative ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;
        var days = magnitude / (ulong)System.TimeSpan.TicksPerDay;
        var rest = magnitude % (ulong)System.TimeSpan.TicksPerDay;
        var hours = rest / (ulong)System.TimeSpan.TicksPerHour;
        rest %= (ulong)System.TimeSpan.TicksPerHour;
        var minutes = rest / (ulong)System.TimeSpan.TicksPerMinute;
        rest %= (ulong)System.TimeSpan.TicksPerMinute;
        var builder = new StringBuilder(negative ? "-P" : "P");
        if (days > 0)
        {
            builder.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (hours + minutes + rest > 0)
        {
            builder.Append('T');
            if (hours > 0)
            {
                builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes > 0)
            {
                builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (rest > 0)
            {
                var seconds = rest / (ulong)System.TimeSpan.TicksPerSecond;
                var fraction = rest % (ulong)System.TimeSpan.TicksPerSecond;
                builder.Append(seconds.ToString(CultureInfo.InvariantCulture));
                if (fraction > 0)
                {
                    builder.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
                }

                builder.Append('S');
            }
        }

        return builder.ToString();
    }

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
