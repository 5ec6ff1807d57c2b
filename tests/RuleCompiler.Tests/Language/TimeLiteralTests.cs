using System;
using System.Linq;
using RuleCompiler.Language.Model;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Language;

/// <summary>Literals of the time types (spec v2 §11): what reads, what is an error, and that every value written back reads back as itself.</summary>
public sealed class TimeLiteralTests
{
    [Theory]
    [InlineData("2026-12-05T09:30:00Z", 0)]
    [InlineData("2026-12-05T10:30:00+01:00", 60)]
    [InlineData("2026-12-05T04:30:00.5-05:00", -300)]
    [InlineData("2026-12-05T09:30Z", 0)]
    public void A_datetime_reads_as_its_instant_and_keeps_its_offset(string text, int offset)
    {
        var value = FieldTypes.DateTime.Read(text, null!).Value.ShouldNotBeNull();
        var expected = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        value.Integer.ShouldBe(expected.UtcTicks);
        Temporal.OffsetMinutes(value).ShouldBe(offset);
    }

    [Theory]
    [InlineData("2026-12-05T09:30:00", "no offset")]
    [InlineData("2026-12-05 09:30:00Z", "ISO 8601")]
    [InlineData("2026-02-30T09:30:00Z", "does not exist")]
    [InlineData("2026-12-05T24:00:00Z", "does not exist")]
    public void A_datetime_without_offset_or_that_does_not_exist_is_an_error(string text, string problem) =>
        FieldTypes.DateTime.Read(text, null!).Problem.ShouldNotBeNull().ShouldContain(problem);

    [Theory]
    [InlineData("09:30", 9, 30, 0)]
    [InlineData("00:00", 0, 0, 0)]
    [InlineData("23:59:59", 23, 59, 59)]
    public void A_time_of_day_reads_as_its_ticks(string text, int hours, int minutes, int seconds) =>
        FieldTypes.Time.Read(text, null!).Value.ShouldNotBeNull().Integer.ShouldBe(new TimeSpan(hours, minutes, seconds).Ticks);

    [Theory]
    [InlineData("24:00")]
    [InlineData("9:30")]
    [InlineData("09:60")]
    [InlineData("noon")]
    public void A_time_that_is_not_hh_mm_or_does_not_exist_is_an_error(string text) =>
        FieldTypes.Time.Read(text, null!).Value.ShouldBeNull();

    [Theory]
    [InlineData("PT15M", 0, 0, 15, 0, 0)]
    [InlineData("P1DT2H", 1, 2, 0, 0, 0)]
    [InlineData("P1W", 7, 0, 0, 0, 0)]
    [InlineData("PT0.5S", 0, 0, 0, 0, 500)]
    [InlineData("15m", 0, 0, 15, 0, 0)]
    [InlineData("2h30m", 0, 2, 30, 0, 0)]
    [InlineData("10s", 0, 0, 0, 10, 0)]
    [InlineData("500ms", 0, 0, 0, 0, 500)]
    [InlineData("1d12h", 1, 12, 0, 0, 0)]
    public void A_duration_reads_in_ISO_8601_or_the_short_form(string text, int days, int hours, int minutes, int seconds, int milliseconds) =>
        FieldTypes.Duration.Read(text, null!).Value.ShouldNotBeNull().Integer.ShouldBe(new TimeSpan(days, hours, minutes, seconds, milliseconds).Ticks);

    [Theory]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("PT")]
    [InlineData("P")]
    [InlineData("15")]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("P99999999999999999999D")]
    [InlineData("P10675200D")]
    public void A_duration_of_years_months_nothing_or_past_TimeSpan_is_an_error(string text) =>
        FieldTypes.Duration.Read(text, null!).Value.ShouldBeNull();

    [Fact]
    public void Every_time_value_written_back_reads_back_as_itself()
    {
        var random = new Random(20261205);
        var durations = new[] { long.MinValue, long.MaxValue, 0, 1, -1, TimeSpan.TicksPerDay }.Concat(Enumerable.Range(0, 500).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)));
        foreach (var ticks in durations)
        {
            var value = Value.Of(FieldType.Duration, ticks);
            FieldTypes.Duration.Read(value.ToYaml(), null!).Value.ShouldBe(value, value.ToYaml());
        }

        foreach (var ticks in new[] { 0L, TimeSpan.TicksPerDay - 1 }.Concat(Enumerable.Range(0, 500).Select(_ => random.NextInt64(0, TimeSpan.TicksPerDay))))
        {
            var value = Value.Of(FieldType.Time, ticks);
            FieldTypes.Time.Read(value.ToYaml(), null!).Value.ShouldBe(value, value.ToYaml());
        }

        for (var i = 0; i < 500; i++)
        {
            var offset = random.Next(-14 * 60, 14 * 60 + 1);
            var utc = random.NextInt64(TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            var value = Temporal.OfDateTime(utc, offset);
            FieldTypes.DateTime.Read(value.ToYaml(), null!).Value.ShouldBe(value, value.ToYaml());
        }
    }

    [Fact]
    public void Weekday_and_time_of_day_are_read_on_the_values_own_clock()
    {
        // Saturday 23:00 in Tokyo is Saturday 14:00 UTC; 01:00 on Sunday in UTC+2 is Saturday 23:00 UTC.
        var tokyo = FieldTypes.DateTime.Read("2026-12-05T23:00:00+09:00", null!).Value!.Value;
        Temporal.DayOfWeek(tokyo).ShouldBe((int)DayOfWeek.Saturday);
        Temporal.TimeOfDay(tokyo).ShouldBe(TimeSpan.FromHours(23).Ticks);
        var athens = FieldTypes.DateTime.Read("2026-12-06T01:00:00+02:00", null!).Value!.Value;
        Temporal.DayOfWeek(athens).ShouldBe((int)DayOfWeek.Sunday);
        Temporal.DayOfWeek(FieldTypes.Date.Read("2026-12-05", null!).Value!.Value).ShouldBe((int)DayOfWeek.Saturday);
        Temporal.DayOfWeek(FieldTypes.Date.Zero).ShouldBe((int)DayOfWeek.Monday);
    }
}
