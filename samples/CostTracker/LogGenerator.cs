using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace RuleCompiler.Samples.CostTracker;

/// <summary>
/// Writes a synthetic call log for throughput runs: the same lines for the same seed. One call in a hundred names a
/// model the price sheet does not know, and prompts range up to 400K tokens so the long-context bands are used.
/// </summary>
public static class LogGenerator
{
    private static readonly string[] Models =
    [
        "gpt-4o", "gpt-4o-mini", "gpt-4.1", "claude-sonnet-4", "claude-haiku-4-5", "claude-opus-4",
        "gemini-2.5-pro", "gemini-2.5-flash", "llama-3.1-70b",
    ];

    private static readonly string[] Tiers = ["standard", "standard", "standard", "batch", "priority"];

    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "us-gov-west-1", ""];

    public static void Write(TextWriter writer, long count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var line = new StringBuilder(256);
        for (var i = 0L; i < count; i++)
        {
            var model = random.Next(100) == 0 ? "gpt-5-preview" : Models[random.Next(Models.Length)];
            var input = random.Next(10) == 0 ? random.Next(100_000, 400_000) : random.Next(20, 20_000);
            var at = start.AddSeconds(random.Next(7 * 24 * 3600));
            line.Clear();
            line.Append(CultureInfo.InvariantCulture,
                $"{{\"ts\":\"{at:yyyy-MM-ddTHH:mm:ssZ}\",\"model\":\"{model}\",\"tier\":\"{Tiers[random.Next(Tiers.Length)]}\",");
            line.Append(CultureInfo.InvariantCulture,
                $"\"input_tokens\":{input},\"output_tokens\":{random.Next(0, 4_000)},\"cached_tokens\":{random.Next(0, input / 2)},");
            line.Append(CultureInfo.InvariantCulture,
                $"\"region\":\"{Regions[random.Next(Regions.Length)]}\",\"streaming\":{(random.Next(2) == 0 ? "false" : "true")}}}");
            writer.Write(line);
            writer.Write('\n');
        }
    }
}
