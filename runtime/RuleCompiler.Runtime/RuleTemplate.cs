using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace RuleCompiler;

/// <summary>
/// Writes a computed string output, <c>{ template: "..." }</c> (spec §10), for generated code: literal text and input
/// values written invariantly (numbers as YAML writes them, bools <c>true</c>/<c>false</c>, a list joined by single
/// spaces, dates and times in ISO 8601), into a caller's stack buffer. The string it returns is the only allocation.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct RuleTemplate
{
    private static readonly string[] s_fractionFormats = ["D1", "D2", "D3", "D4", "D5", "D6", "D7"];

    private DefaultInterpolatedStringHandler _text;

    /// <summary>Starts a text in <paramref name="buffer"/>; a longer text moves to a pooled array.</summary>
    public RuleTemplate(Span<char> buffer) => _text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, buffer);

    /// <summary>Literal text of the template.</summary>
    public void AppendLiteral(string text) => _text.AppendLiteral(text);

    /// <summary>A string input; null is written as nothing, as rules read it (<c>""</c>).</summary>
    public void Append(string? value) => _text.AppendFormatted(value);

    /// <summary>A string-list input, its elements joined by single spaces; null is written as nothing.</summary>
    public void Append(string?[]? values)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                _text.AppendLiteral(" ");
            }

            _text.AppendFormatted(values[i]);
        }
    }

    /// <summary>An int.</summary>
    public void Append(int value) => _text.AppendFormatted(value);

    /// <summary>A long.</summary>
    public void Append(long value) => _text.AppendFormatted(value);

    /// <summary>A decimal, with its scale (<c>1.50</c>).</summary>
    public void Append(decimal value) => _text.AppendFormatted(value);

    /// <summary>A double: shortest round-trip digits, or <c>.nan</c>, <c>.inf</c>, <c>-.inf</c> as YAML writes them.</summary>
    public void Append(double value)
    {
        if (double.IsNaN(value))
        {
            _text.AppendLiteral(".nan");
        }
        else if (double.IsInfinity(value))
        {
            _text.AppendLiteral(value > 0 ? ".inf" : "-.inf");
        }
        else
        {
            _text.AppendFormatted(value, "R");
        }
    }

    /// <summary>A bool: <c>true</c> or <c>false</c>.</summary>
    public void Append(bool value) => _text.AppendLiteral(value ? "true" : "false");

    /// <summary>A date: <c>yyyy-mm-dd</c>.</summary>
    public void Append(DateOnly value) => _text.AppendFormatted(value, "yyyy'-'MM'-'dd");

    /// <summary>A datetime: its clock time in ISO 8601 (fractions only when present), then <c>Z</c> or its offset.</summary>
    public void Append(DateTimeOffset value)
    {
        var clock = value.DateTime;
        _text.AppendFormatted(clock, clock.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF");
        var minutes = (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute);
        if (minutes == 0)
        {
            _text.AppendLiteral("Z");
            return;
        }

        _text.AppendLiteral(minutes < 0 ? "-" : "+");
        minutes = Math.Abs(minutes);
        _text.AppendFormatted(minutes / 60, "00");
        _text.AppendLiteral(":");
        _text.AppendFormatted(minutes % 60, "00");
    }

    /// <summary>A time of day: <c>hh:mm</c>, with seconds and a fraction only when it has them.</summary>
    public void Append(TimeOnly value) => _text.AppendFormatted(
        value,
        value.Ticks % TimeSpan.TicksPerSecond != 0 ? "HH':'mm':'ss'.'FFFFFFF"
        : value.Ticks % TimeSpan.TicksPerMinute != 0 ? "HH':'mm':'ss"
        : "HH':'mm");

    /// <summary>A duration in ISO 8601: <c>P1DT2H30M</c>, <c>PT0.5S</c>, <c>-PT15M</c>, <c>PT0S</c>.</summary>
    public void Append(TimeSpan value)
    {
        var ticks = value.Ticks;
        if (ticks == 0)
        {
            _text.AppendLiteral("PT0S");
            return;
        }

        _text.AppendLiteral(ticks < 0 ? "-P" : "P");
        var magnitude = ticks < 0 ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;
        var days = magnitude / TimeSpan.TicksPerDay;
        var rest = magnitude % TimeSpan.TicksPerDay;
        if (days > 0)
        {
            _text.AppendFormatted(days);
            _text.AppendLiteral("D");
        }

        if (rest == 0)
        {
            return;
        }

        _text.AppendLiteral("T");
        Unit(rest / TimeSpan.TicksPerHour, "H");
        Unit(rest % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute, "M");
        rest %= TimeSpan.TicksPerMinute;
        if (rest == 0)
        {
            return;
        }

        _text.AppendFormatted(rest / TimeSpan.TicksPerSecond);
        var fraction = rest % TimeSpan.TicksPerSecond;
        if (fraction > 0)
        {
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            _text.AppendLiteral(".");
            _text.AppendFormatted(fraction, s_fractionFormats[digits - 1]);
        }

        _text.AppendLiteral("S");
    }

    /// <summary>The text written; the builder is spent.</summary>
    public string ToStringAndClear() => _text.ToStringAndClear();

    private void Unit(ulong amount, string unit)
    {
        if (amount > 0)
        {
            _text.AppendFormatted(amount);
            _text.AppendLiteral(unit);
        }
    }
}
