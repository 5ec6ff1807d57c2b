using System;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RuleCompiler.Benchmarks.Infrastructure;

/// <summary>
/// Columns naming the synthetic rule set a generic benchmark class is instantiated over (its hit policy, rule count and
/// kind of hand-written baseline), read from the runner struct's static members. Empty for other benchmarks.
/// </summary>
public sealed class RuleSetColumn : IColumn
{
    public static readonly IColumn Policy = new RuleSetColumn("Policy", "Policy", "the rule set's hit policy", 0);
    public static readonly IColumn Rules = new RuleSetColumn("Rules", "Rules", "rules in the rule set", 1);
    public static readonly IColumn HandWritten = new RuleSetColumn("HandWrittenKind", "HandWritten", "the hand-written baseline: switch (up to 1,000 rules) or table", 2);

    private readonly string _member;

    private RuleSetColumn(string member, string name, string legend, int order)
    {
        _member = member;
        ColumnName = name;
        Legend = legend;
        PriorityInCategory = order;
    }

    public string Id => "RuleSet." + _member;

    public string ColumnName { get; }

    public bool AlwaysShow => false;

    public ColumnCategory Category => ColumnCategory.Job;

    public int PriorityInCategory { get; }

    public bool IsNumeric => _member == "Rules";

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Read(benchmarkCase.Descriptor.Type) ?? "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => Read(benchmarkCase.Descriptor.Type) is null;

    public bool IsAvailable(Summary summary)
    {
        foreach (var benchmark in summary.BenchmarksCases)
        {
            if (Read(benchmark.Descriptor.Type) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private string? Read(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var value = type.GetGenericArguments()[0].GetProperty(_member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        return value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
