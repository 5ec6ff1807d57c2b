using System;
using System.Globalization;
using RuleCompiler.Text;
using System.Text.RegularExpressions;

namespace RuleCompiler.Language.Model;

/// <summary>
/// Literals of the time types (spec v2 §11) read and written exactly, culture-free: <c>datetime</c> (ISO 8601 with an
/// offset), <c>time</c> (a time of day), <c>duration</c> (ISO 8601 or short), and weekday names. Each is held in
/// <see cref="Value.Integer"/> as the ticks .NET uses, so comparisons are integer comparisons everywhere.
/// </summary>
public static class Temporal
{
    private static readonly Regex s_dateTime = new(
        @"^(?<date>\d{4}-\d{2}-\d{2})T(?<time>\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)(?<offset>Z|[+-]\d{2}:\d{2})?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_time = new(@"^(?<h>\d{2}):(?<m>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,7}))?)?$", RegexOptions.CultureInvariant);

    private static readonly Regex s_isoDuration = new(
        @"^(?<neg>-)?P(?!$)((?<w>\d+)W)?((?<d>\d+)D)?(T(?=\d)((?<h>\d+)H)?((?<m>\d+)M)?((?<s>\d+(\.\d{1,7})?)S)?)?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_shortDuration = new(
        @"^(?<neg>-)?(?!$)((?<d>\d+)d)?((?<h>\d+)h)?((?<m>\d+)m(?!s))?((?<s>\d+(\.\d{1,7})?)s)?((?<ms>\d+)ms)?$",
        RegexOptions.CultureInvariant);

    /// <summary>Weekday names as rule files write them, at their <see cref="DayOfWeek"/> index (Sunday is 0).</summary>
    public static readonly string[] Weekdays = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

    public static LiteralResult ReadDateTime(string text)
    {
        var match = s_dateTime.Match(text);
        if (!match.Success)
        {
            return LiteralResult.Fail("write an ISO 8601 date and time with an offset, such as 2026-12-05T09:30:00Z or 2026-12-05T09:30:00+01:00");
        }

        if (!match.Groups["offset"].Success)
        {
            return LiteralResult.Fail("it has no offset: add Z (UTC) or an offset such as +01:00, so that it names one instant");
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            || value.Offset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            return LiteralResult.Fail("that date, time or offset does not exist");
        }

        return LiteralResult.Ok(OfDateTime(value.UtcTicks, (int)value.Offset.TotalMinutes));
    }

    /// <summary>A datetime value: its instant (UTC ticks) and the offset, in minutes, it is written in.</summary>
    public static Value OfDateTime(long utcTicks, int offsetMinutes) => new(FieldType.DateTime, utcTicks, offsetMinutes, 0d, null, default);

    /// <summary>The offset, in minutes, of a datetime value.</summary>
    public static int OffsetMinutes(Value value) => (int)value.Decimal;

    /// <summary>Ticks of the value's own clock (its UTC ticks plus its offset), whose day and time of day <c>weekday</c> and <c>time-between</c> test.</summary>
    public static long LocalTicks(Value value) => value.Type == FieldType.DateTime
        ? value.Integer + (OffsetMinutes(value) * TimeSpan.TicksPerMinute)
        : value.Integer * TimeSpan.TicksPerDay;

    /// <summary>The day of the week (Sunday 0) of a date or datetime value, on its own clock.</summary>
    public static int DayOfWeek(Value value) => (int)(((FloorDiv(LocalTicks(value), TimeSpan.TicksPerDay) % 7) + 8) % 7);

    /// <summary>The time of day (ticks since midnight) of a datetime value, on its own clock.</summary>
    public static long TimeOfDay(Value value)
    {
        var ticks = LocalTicks(value) % TimeSpan.TicksPerDay;
        return ticks < 0 ? ticks + TimeSpan.TicksPerDay : ticks;
    }

    public static string WriteDateTime(Value value) => YamlScalars.DateTime(LocalTicks(value), OffsetMinutes(value));

    public static LiteralResult ReadTime(string text)
    {
        var match = s_time.Match(text);
        if (!match.Success)
        {
            return LiteralResult.Fail("write a time of day as hh:mm or hh:mm:ss, such as 09:30 or 22:00:15");
        }

        var hours = Number(match, "h");
        var minutes = Number(match, "m");
        var seconds = match.Groups["s"].Success ? Number(match, "s") : 0;
        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            return LiteralResult.Fail("that time of day does not exist (hours 00-23, minutes and seconds 00-59)");
        }

        var fraction = match.Groups["f"].Success ? long.Parse(match.Groups["f"].Value.PadRight(7, '0'), CultureInfo.InvariantCulture) : 0;
        return LiteralResult.Ok(Value.Of(FieldType.Time, (((hours * 60) + minutes) * 60 + seconds) * TimeSpan.TicksPerSecond + fraction));
    }

    public static string WriteTime(long ticks) => YamlScalars.Time(ticks);

    public static LiteralResult ReadDuration(string text)
    {
        var match = s_isoDuration.Match(text);
        var isIso = match.Success;
        if (!isIso)
        {
            match = s_shortDuration.Match(text);
        }

        if (!match.Success)
        {
            return LiteralResult.Fail("write ISO 8601 (PT15M, P1DT2H, PT0.5S) or a short form (15m, 2h30m, 10s, 500ms); years and months have no fixed length");
        }

        try
        {
            // In decimal, exact at this size, so that the most negative TimeSpan (whose magnitude no long holds) reads.
            var ticks = (Part(match, "w") * 7m * TimeSpan.TicksPerDay) + (Part(match, "d") * TimeSpan.TicksPerDay)
                + (Part(match, "h") * TimeSpan.TicksPerHour) + (Part(match, "m") * TimeSpan.TicksPerMinute)
                + Seconds(match) + (Part(match, "ms") * TimeSpan.TicksPerMillisecond);
            ticks = match.Groups["neg"].Success ? -ticks : ticks;
            if (ticks < long.MinValue || ticks > long.MaxValue)
            {
                throw new OverflowException();
            }

            return LiteralResult.Ok(Value.Of(FieldType.Duration, (long)ticks));
        }
        catch (OverflowException)
        {
            return LiteralResult.Fail("it does not fit in a TimeSpan (about 29,000 years)");
        }
    }

    public static string WriteDuration(long ticks) => YamlScalars.Duration(ticks);

    /// <summary>A weekday name (<c>mon</c> … <c>sun</c>) as its <see cref="DayOfWeek"/> index, or null.</summary>
    public static int? ReadWeekday(string text)
    {
        var index = Array.IndexOf(Weekdays, text);
        return index < 0 ? null : index;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // Digits as a decimal; past decimal's range, OverflowException (the literal does not fit a TimeSpan either).
    private static decimal Part(Match match, string group) =>
        match.Groups[group].Success ? decimal.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0m;

    // Seconds with up to 7 decimals are whole ticks.
    private static decimal Seconds(Match match) =>
        match.Groups["s"].Success ? decimal.Parse(match.Groups["s"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond : 0m;
}
