using System;
using RuleCompiler.Text;

namespace RuleCompiler;

/// <summary>
/// Input values written as YAML flow values, the way a rule file's <c>tests:</c> input would write them: strings
/// plain where YAML allows it and double-quoted otherwise, lists as <c>[a, b]</c>, a null string as <c>""</c> and a
/// null list as <c>[]</c> (what rules evaluate them as), doubles with <c>.nan</c> and <c>.inf</c>. Used by generated
/// <c>Explain</c> methods for <see cref="TestFailure.Actual"/>; allocates.
/// </summary>
public static class RuleYaml
{
    /// <summary>A string; null is written <c>""</c>, as rules read it.</summary>
    public static string Format(string? value) => YamlScalars.String(value ?? string.Empty);

    /// <summary>A string list; null is written <c>[]</c> and a null element <c>""</c>, as rules read them.</summary>
    public static string Format(string?[]? values) => YamlScalars.List(values);

    /// <summary>An int.</summary>
    public static string Format(int value) => YamlScalars.Integer(value);

    /// <summary>A long.</summary>
    public static string Format(long value) => YamlScalars.Integer(value);

    /// <summary>A decimal, with its scale (<c>1.50</c> stays <c>1.50</c>).</summary>
    public static string Format(decimal value) => YamlScalars.Decimal(value);

    /// <summary>A double: shortest round-trip digits, or <c>.nan</c>, <c>.inf</c>, <c>-.inf</c>.</summary>
    public static string Format(double value) => YamlScalars.Double(value);

    /// <summary>A bool: <c>true</c> or <c>false</c>.</summary>
    public static string Format(bool value) => YamlScalars.Bool(value);

    /// <summary>A date: <c>yyyy-mm-dd</c>.</summary>
    public static string Format(DateOnly value) => YamlScalars.Date(value.Year, value.Month, value.Day);

    /// <summary>A datetime: ISO 8601 with its offset (<c>Z</c> for UTC), as a rule file writes it.</summary>
    public static string Format(DateTimeOffset value) => YamlScalars.DateTime(value.Ticks, (int)value.Offset.TotalMinutes);

    /// <summary>A time of day: <c>hh:mm</c>, with seconds and fractions only when it has them.</summary>
    public static string Format(TimeOnly value) => YamlScalars.Time(value.Ticks);

    /// <summary>A duration in ISO 8601: <c>PT15M</c>, <c>P1DT2H</c>, <c>-PT0.5S</c>.</summary>
    public static string Format(TimeSpan value) => YamlScalars.Duration(value.Ticks);
}
