using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RuleCompiler.Samples.CostTracker;
using RuleCompiler.Samples.Programs.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Programs.Tests;

/// <summary>samples/CostTracker: a JSON-lines call log priced with rules/model-pricing and rules/llm-cost.</summary>
public sealed class CostTrackerTests
{
    [Fact]
    public void A_call_costs_its_tokens_at_the_price_sheet_rates_plus_the_surcharges_that_apply()
    {
        // gpt-4o standard (model-pricing: 0.0025 in, 0.01 out per 1k), us-east-1: token-cost alone, no surcharge.
        // claude-sonnet-4 batch with a 300K prompt: the long-context band (0.003 in, 0.01125 out per 1k), plus
        // eu-data-residency 0.002, batch-discount -0.001, streaming-overhead 0.0005 and long-request 0.02.
        var run = Track(
            """{"ts":"2026-12-01T10:00:00Z","model":"gpt-4o","tier":"standard","input_tokens":1000,"output_tokens":1000,"region":"us-east-1"}""",
            """{"ts":"2026-12-02T23:59:59-05:00","model":"claude-sonnet-4","tier":"batch","input_tokens":300000,"output_tokens":1000,"cached_tokens":250000,"region":"eu-west-1","streaming":true}""");

        run.ExitCode.ShouldBe(0, run.Errors);
        var report = Report.Parse(run.Output);
        report.ByModel["gpt-4o"].ShouldBe(new Row(1, 1000, 1000, 0, (1000 * 0.0025m + 1000 * 0.01m) / 1000));
        report.ByModel["claude-sonnet-4"].ShouldBe(new Row(1, 300000, 1000, 250000, (300000 * 0.003m + 1000 * 0.01125m) / 1000 + 0.002m - 0.001m + 0.0005m + 0.02m));

        // Days are UTC: 23:59:59 at -05:00 is the 3rd.
        report.ByDay.Keys.ShouldBe(["2026-12-01", "2026-12-03"]);
        report.ByDay["2026-12-03"].ShouldBe(report.ByModel["claude-sonnet-4"]);
        run.Output.ShouldContain("lines: 2 read, 2 calls counted, 0 skipped (malformed), 0 blank");
    }

    [Fact]
    public void Malformed_lines_are_reported_with_their_line_numbers_counted_as_skipped_and_the_rest_is_priced()
    {
        var good = """{"ts":"2026-12-01T10:00:00Z","model":"gpt-4o-mini","input_tokens":2000,"output_tokens":500,"region":"us-east-1"}""";
        var run = Track(
            good,
            "{\"ts\":\"2026-12-01T10:00:00Z\",\"model\":\"gpt-4o\"",
            """{"ts":"2026-12-01T10:00:00Z","model":"gpt-4o","input_tokens":-5,"output_tokens":1}""",
            "",
            """{"ts":"yesterday","model":"gpt-4o","input_tokens":5,"output_tokens":1}""",
            """{"ts":"2026-12-01T10:00:00Z","model":"gpt-4o","input_tokens":5,"output_tokens":1,"tier":"gold"}""",
            """{"ts":"2026-12-01T10:00:00Z","model":"gpt-4o","input_tokens":5}""",
            """{"ts":"2026-12-01T10:00:00Z","model":"gpt-4o","input_tokens":5,"output_tokens":1,"cached_tokens":6}""",
            good);

        run.ExitCode.ShouldBe(2);
        var errors = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errors.Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)]).ShouldBe(["line 2", "line 3", "line 5", "line 6", "line 7", "line 8"]);
        errors[0].ShouldContain("invalid JSON");
        errors[1].ShouldContain("\"input_tokens\" is not a count");
        errors[2].ShouldContain("\"ts\" is not an ISO 8601 date and time");
        errors[3].ShouldContain("\"tier\" is not one of standard, batch, priority");
        errors[4].ShouldContain("\"output_tokens\" is missing");
        errors[5].ShouldContain("\"cached_tokens\" (6) is more than \"input_tokens\" (5)");

        run.Output.ShouldContain("lines: 9 read, 2 calls counted, 6 skipped (malformed), 1 blank");
        Report.Parse(run.Output).ByModel.Keys.ShouldBe(["gpt-4o-mini"]);
    }

    [Fact]
    public void A_model_the_price_sheet_does_not_know_is_counted_and_named_as_unpriced_not_charged_silently()
    {
        // gpt-5-preview has no row in model-pricing: its tokens cost 0 and only the unpinned-region surcharge (0.003) counts.
        var run = Track(
            """{"ts":"2026-12-01T10:00:00Z","model":"gpt-5-preview","input_tokens":1000,"output_tokens":1000}""",
            """{"ts":"2026-12-01T11:00:00Z","model":"gpt-4o","input_tokens":1000,"output_tokens":1000,"region":"us-east-1"}""");

        run.ExitCode.ShouldBe(0);
        Report.Parse(run.Output).ByModel["gpt-5-preview"].CostUsd.ShouldBe(0.003m);
        run.Output.ShouldContain("unpriced: 1 calls had no price in model-pricing");
        run.Output.ShouldContain("gpt-5-preview: 1");
    }

    [Fact]
    public void A_generated_log_is_read_to_the_last_line_and_its_totals_by_model_and_by_day_agree()
    {
        const int Calls = 3000;
        var log = SampleProgram.Run("CostTracker", "costtracker", ["--generate", Calls.ToString(CultureInfo.InvariantCulture)]);
        log.ExitCode.ShouldBe(0);
        log.Output.Count(character => character == '\n').ShouldBe(Calls);

        var run = SampleProgram.Run("CostTracker", "costtracker", ["-"], log.Output);

        run.ExitCode.ShouldBe(0, run.Errors);
        run.Output.ShouldContain($"lines: {Calls} read, {Calls} calls counted, 0 skipped (malformed), 0 blank");
        var report = Report.Parse(run.Output);
        report.Total.Calls.ShouldBe(Calls);
        Sum(report.ByModel.Values).ShouldBe(report.Total);
        Sum(report.ByDay.Values).ShouldBe(report.Total);
        report.ByModel.Count.ShouldBeGreaterThan(5);
        run.Output.ShouldMatch(@"throughput: 3000 lines, [0-9.]+ MB in [0-9.]+ s");
    }

    [Fact]
    public void The_report_total_is_the_sum_of_each_line_priced_on_its_own()
    {
        var log = SampleProgram.Run("CostTracker", "costtracker", ["--generate", "500", "--seed", "7"]).Output;
        var expected = 0m;
        foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            LlmCall.TryParse(Encoding.UTF8.GetBytes(line), out var call, out var error).ShouldBeTrue(error);
            expected += CallPricer.Price(call).CostUsd;
        }

        var run = SampleProgram.Run("CostTracker", "costtracker", ["-"], log);

        Report.Parse(run.Output).Total.ShouldSatisfyAllConditions(
            total => total.Calls.ShouldBe(500),
            total => total.CostUsd.ShouldBe(expected));
    }

    [Fact]
    public void Lines_split_across_reads_of_any_size_come_out_whole_and_numbered()
    {
        var lines = Enumerable.Range(0, 200).Select(i => new string((char)('a' + (i % 26)), i * 37 % 3000)).ToArray();
        var bytes = Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
        foreach (var chunk in new[] { 1, 7, 4096, 70_000 })
        {
            var sink = new CollectingSink();
            JsonLines.Read(new TrickleStream(bytes, chunk), sink);
            sink.Lines.ShouldBe(lines.Select((line, index) => (index + 1L, line)).ToList(), $"chunk {chunk}");
        }
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_skipped_and_the_next_lines_keep_their_numbers()
    {
        var text = "first\n" + new string('x', JsonLines.MaxLineBytes + 10) + "\nthird\n" + new string('y', 200_000) + "\nfifth";
        var sink = new CollectingSink();
        JsonLines.Read(new TrickleStream(Encoding.UTF8.GetBytes(text), 65_536), sink);

        sink.TooLong.ShouldBe([2L]);
        sink.Lines.Select(line => line.Number).ShouldBe([1L, 3L, 4L, 5L]);
        sink.Lines[2].Text.Length.ShouldBe(200_000);
        sink.Lines[3].Text.ShouldBe("fifth");
    }

    private static ProgramRun Track(params string[] lines) =>
        SampleProgram.Run("CostTracker", "costtracker", ["-"], string.Join('\n', lines) + "\n");

    private static Row Sum(IEnumerable<Row> rows) => rows.Aggregate(
        new Row(0, 0, 0, 0, 0m),
        (sum, row) => new Row(sum.Calls + row.Calls, sum.InputTokens + row.InputTokens, sum.OutputTokens + row.OutputTokens,
            sum.CachedTokens + row.CachedTokens, sum.CostUsd + row.CostUsd));

    private sealed record Row(long Calls, long InputTokens, long OutputTokens, long CachedTokens, decimal CostUsd);

    /// <summary>The program's two tables (by model, then by day), each ending in a total row.</summary>
    private sealed record Report(Dictionary<string, Row> ByModel, Dictionary<string, Row> ByDay, Row Total)
    {
        public static Report Parse(string output)
        {
            var blocks = output.Split("\n\n");
            var byModel = Table(blocks[0], out var total);
            var byDay = Table(blocks[1], out var dayTotal);
            dayTotal.ShouldBe(total);
            return new Report(byModel, byDay, total);
        }

        private static Dictionary<string, Row> Table(string block, out Row total)
        {
            var rows = block.Split('\n').Skip(1).Select(ParseRow).ToList();
            rows[^1].Key.ShouldBe("total");
            total = rows[^1].Row;
            return rows.SkipLast(1).ToDictionary(row => row.Key, row => row.Row);
        }

        private static (string Key, Row Row) ParseRow(string line)
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            cells.Length.ShouldBe(6, line);
            long Long(int i) => long.Parse(cells[i], CultureInfo.InvariantCulture);
            return (cells[0], new Row(Long(1), Long(2), Long(3), Long(4), decimal.Parse(cells[5], CultureInfo.InvariantCulture)));
        }
    }

    private sealed class CollectingSink : IJsonLineSink
    {
        public List<(long Number, string Text)> Lines { get; } = [];

        public List<long> TooLong { get; } = [];

        public void OnLine(long number, ReadOnlySpan<byte> line) => Lines.Add((number, Encoding.UTF8.GetString(line)));

        public void OnTooLong(long number) => TooLong.Add(number);
    }

    /// <summary>A stream that hands out at most <c>chunk</c> bytes per read, as a pipe does.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
