using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Evaluation;

namespace RuleCompiler.Language.Model;

/// <summary>A test's operator. What each one means lives in its <see cref="OperatorInfo"/> (<see cref="Operators"/>).</summary>
public enum TestOperator
{
    Eq,
    Ne,
    In,
    NotIn,
    Lt,
    Lte,
    Gt,
    Gte,
    Between,
    Prefix,
    Suffix,
    Contains,
    Glob,
    Regex,

    /// <summary><c>contains</c> on a string-list: some element equals the operand.</summary>
    ListContains,
    ContainsAny,
    ContainsAll,
    Empty,

    /// <summary><c>not-contains</c> on a string.</summary>
    NotContains,

    /// <summary><c>not-contains</c> on a string-list: no element equals the operand.</summary>
    ListNotContains,

    /// <summary><c>weekday: [mon, ...]</c> on a date or datetime: its day of the week (on its own clock) is one of them.</summary>
    Weekday,

    /// <summary><c>time-between: [lo, hi]</c> on a datetime: its time of day (on its own clock) is in the window; lo &gt; hi wraps midnight.</summary>
    TimeBetween,

    /// <summary>
    /// <c>has-key: KEY</c> on a map input (§11), bound as a test on that key's value: the key is present. The
    /// operand is the key. Written on the map, never on a value, so it applies to no field type by name.
    /// </summary>
    HasKey,
}

/// <summary>What an operator takes as its operand.</summary>
public enum OperandShape
{
    /// <summary>One literal of the field's type.</summary>
    One,

    /// <summary>A non-empty sequence of literals.</summary>
    List,

    /// <summary><c>[lo, hi]</c> with lo ≤ hi.</summary>
    Range,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Flag,

    /// <summary>A non-empty sequence of weekday names (<c>mon</c> … <c>sun</c>), held as <see cref="System.DayOfWeek"/> indexes.</summary>
    Weekdays,

    /// <summary><c>[lo, hi]</c> of <c>time</c> literals; lo &gt; hi is a window across midnight.</summary>
    TimeWindow,
}

/// <summary>How the planner can use a test to switch on its field.</summary>
public enum Indexing
{
    /// <summary>Not at all: the test is checked at a leaf.</summary>
    None,

    /// <summary>Its operands are values the field equals or not: a switch's cases (not under <c>ignore-case</c>).</summary>
    Equality,

    /// <summary>Its operands are bounds on an ordered field: a range switch's points.</summary>
    Range,
}

/// <summary>
/// What the language knows about one operator, in one place: its YAML name, the field types it applies to, its
/// operand, what it means, whether the solver decides it, how the planner can index it and what it costs. Every
/// stage asks this entry. An operator that <see cref="Negates"/> another needs nothing else anywhere: every stage
/// handles it as "not" the other.
/// </summary>
public sealed class OperatorInfo
{
    private readonly Func<FieldTypeInfo, bool> _appliesTo;

    internal OperatorInfo(TestOperator op, string yamlName, OperandShape operand, Func<FieldTypeInfo, bool> appliesTo)
    {
        Operator = op;
        YamlName = yamlName;
        Operand = operand;
        _appliesTo = appliesTo;
    }

    public TestOperator Operator { get; }

    /// <summary>The operator as rule files spell it (two operators share <c>contains</c>: one for strings, one for lists).</summary>
    public string YamlName { get; }

    public OperandShape Operand { get; }

    /// <summary>The operator this one is the negation of: it holds exactly when that one does not.</summary>
    public TestOperator? Negates { get; init; }

    /// <summary>
    /// What the operator means, written straight from the spec: whether it holds for the field's (normalized) value.
    /// Null for an operator that <see cref="Negates"/> another.
    /// </summary>
    internal Func<Predicates, TestCondition, Value, bool>? Holds { get; init; }

    public Indexing Indexing { get; init; }

    /// <summary>
    /// Written on a map input (<c>env: { has-key: CI }</c>, §11), not on a value: it applies to no field type by name,
    /// and the binder binds it on the named key's value.
    /// </summary>
    public bool OnMap { get; init; }

    /// <summary>
    /// On strings: the solver's representatives decide it (eq / in and prefix classes); otherwise it is "unknown" to
    /// the solver, which then only guesses. On every other type each operator is decided, unless under ignore-case.
    /// </summary>
    public bool DecidableOnText { get; init; }

    /// <summary>
    /// For an operator that does not compare the field's own value (weekday, time-between): the solver decides it on a
    /// date; on any other type it is "unknown" to the solver. Operators that compare the value are always decided there.
    /// </summary>
    public bool DecidableOnDates { get; init; }

    /// <summary>Its operands are values of the field's own type (not weekday names or times of day).</summary>
    public bool ComparesValue => Operand is OperandShape.One or OperandShape.List or OperandShape.Range;

    /// <summary>A rough relative cost of checking it, so that a leaf tries cheap tests first (regex, glob and list scans last).</summary>
    internal Func<TestCondition, FieldTypeInfo, int> Cost { get; init; } = (_, _) => 1;

    /// <summary>About how many comparisons its check compiles to (an upper estimate, for the JIT's method-size limits).</summary>
    internal Func<TestCondition, int> Comparisons { get; init; } = _ => 1;

    public bool AppliesTo(FieldTypeInfo type) => _appliesTo(type);

    /// <summary>The operator <paramref name="test"/> is the negation of, as a test with the same operands; null when it negates none.</summary>
    public TestCondition? Positive(TestCondition test) => Negates is { } positive ? test with { Operator = positive } : null;
}

/// <summary>Every operator the language has, each in one entry.</summary>
public static class Operators
{
    private static bool Scalar(FieldTypeInfo type) => type.Kind != ValueKind.TextList;

    private static bool Ordered(FieldTypeInfo type) => type.IsOrdered;

    private static bool Text(FieldTypeInfo type) => type.Kind == ValueKind.Text;

    private static bool List(FieldTypeInfo type) => type.Kind == ValueKind.TextList;

    public static IReadOnlyList<OperatorInfo> All { get; } = new[]
    {
        new OperatorInfo(TestOperator.Eq, "eq", OperandShape.One, Scalar)
        {
            Holds = (_, test, x) => x.SameAs(test.Operands[0], test.IgnoreCase), Indexing = Indexing.Equality, DecidableOnText = true,
            Cost = (test, type) => type.Kind == ValueKind.Text ? 3 : 1,
        },
        new OperatorInfo(TestOperator.Ne, "ne", OperandShape.One, Scalar) { Negates = TestOperator.Eq, Indexing = Indexing.Equality, DecidableOnText = true },
        new OperatorInfo(TestOperator.In, "in", OperandShape.List, Scalar)
        {
            Holds = (_, test, x) => test.Operands.Any(operand => x.SameAs(operand, test.IgnoreCase)), Indexing = Indexing.Equality, DecidableOnText = true,
            Cost = (test, type) => (type.Kind == ValueKind.Text ? 3 : 1) * test.Operands.Count, Comparisons = test => test.Operands.Count,
        },
        new OperatorInfo(TestOperator.NotIn, "not-in", OperandShape.List, Scalar) { Negates = TestOperator.In, Indexing = Indexing.Equality, DecidableOnText = true },
        new OperatorInfo(TestOperator.Lt, "lt", OperandShape.One, Ordered) { Holds = (_, test, x) => !x.IsNaN && x.CompareNumber(test.Operands[0]) < 0, Indexing = Indexing.Range },
        new OperatorInfo(TestOperator.Lte, "lte", OperandShape.One, Ordered) { Holds = (_, test, x) => !x.IsNaN && x.CompareNumber(test.Operands[0]) <= 0, Indexing = Indexing.Range },
        new OperatorInfo(TestOperator.Gt, "gt", OperandShape.One, Ordered) { Holds = (_, test, x) => !x.IsNaN && x.CompareNumber(test.Operands[0]) > 0, Indexing = Indexing.Range },
        new OperatorInfo(TestOperator.Gte, "gte", OperandShape.One, Ordered) { Holds = (_, test, x) => !x.IsNaN && x.CompareNumber(test.Operands[0]) >= 0, Indexing = Indexing.Range },
        new OperatorInfo(TestOperator.Between, "between", OperandShape.Range, Ordered)
        {
            // lo > hi only where the type wraps around (a time of day): the window across midnight.
            Holds = (_, test, x) => !x.IsNaN && (test.Operands[0].CompareNumber(test.Operands[1]) <= 0
                ? x.CompareNumber(test.Operands[0]) >= 0 && x.CompareNumber(test.Operands[1]) <= 0
                : x.CompareNumber(test.Operands[0]) >= 0 || x.CompareNumber(test.Operands[1]) <= 0),
            Indexing = Indexing.Range, Cost = (_, _) => 2, Comparisons = _ => 2,
        },
        new OperatorInfo(TestOperator.Prefix, "prefix", OperandShape.One, Text)
        {
            Holds = (_, test, x) => x.AsString.StartsWith(test.Operands[0].AsString, Comparison(test)), DecidableOnText = true, Cost = (_, _) => 4,
        },
        new OperatorInfo(TestOperator.Suffix, "suffix", OperandShape.One, Text)
        {
            Holds = (_, test, x) => x.AsString.EndsWith(test.Operands[0].AsString, Comparison(test)), Cost = (_, _) => 4,
        },
        new OperatorInfo(TestOperator.Contains, "contains", OperandShape.One, Text)
        {
            Holds = (_, test, x) => x.AsString.IndexOf(test.Operands[0].AsString, Comparison(test)) >= 0, Cost = (_, _) => 8,
        },
        new OperatorInfo(TestOperator.NotContains, "not-contains", OperandShape.One, Text) { Negates = TestOperator.Contains },
        new OperatorInfo(TestOperator.Glob, "glob", OperandShape.One, Text)
        {
            Holds = (predicates, test, x) => GlobMatcher.IsMatch(predicates.Glob(test.Operands[0].AsString), x.AsString, test.IgnoreCase),
            Cost = (test, _) => GlobMatcher.PlainTextForm(test.Operands[0].AsString, test.IgnoreCase) is { } form
                ? form.Kind switch
                {
                    GlobLiteralKind.Contains => 8,
                    GlobLiteralKind.PrefixAndSuffix => 6,
                    GlobLiteralKind.Exact => 3,
                    _ => 4,
                }
                : 20,
        },
        new OperatorInfo(TestOperator.Regex, "regex", OperandShape.One, Text)
        {
            Holds = (predicates, test, x) => predicates.Regex(test.Operands[0].AsString, test.IgnoreCase).IsMatch(x.AsString), Cost = (_, _) => 50,
        },
        new OperatorInfo(TestOperator.ListContains, "contains", OperandShape.One, List)
        {
            Holds = (_, test, x) => ListHas(x, test.Operands[0].AsString, Comparison(test)), Cost = (_, _) => 10,
        },
        new OperatorInfo(TestOperator.ListNotContains, "not-contains", OperandShape.One, List) { Negates = TestOperator.ListContains },
        new OperatorInfo(TestOperator.ContainsAny, "contains-any", OperandShape.List, List)
        {
            Holds = (_, test, x) => test.Operands.Any(operand => ListHas(x, operand.AsString, Comparison(test))), Cost = (test, _) => 10 * test.Operands.Count,
        },
        new OperatorInfo(TestOperator.ContainsAll, "contains-all", OperandShape.List, List)
        {
            Holds = (_, test, x) => test.Operands.All(operand => ListHas(x, operand.AsString, Comparison(test))), Cost = (test, _) => 10 * test.Operands.Count,
        },
        new OperatorInfo(TestOperator.Empty, "empty", OperandShape.Flag, List)
        {
            Holds = (_, test, x) => (x.Items.Count == 0) == test.Operands[0].AsBool, Comparisons = _ => 2,
        },
        new OperatorInfo(TestOperator.Weekday, "weekday", OperandShape.Weekdays, type => type.Type is FieldType.Date or FieldType.DateTime)
        {
            // Decided on dates (their representatives cover every weekday near each boundary); on datetimes the day
            // depends on the offset too, which the solver does not follow.
            Holds = (_, test, x) => test.Operands.Any(day => day.Integer == Temporal.DayOfWeek(x)), DecidableOnDates = true, Cost = (_, _) => 2,
        },
        new OperatorInfo(TestOperator.TimeBetween, "time-between", OperandShape.TimeWindow, type => type.Type == FieldType.DateTime)
        {
            Holds = (_, test, x) => InWindow(Temporal.TimeOfDay(x), test.Operands[0].Integer, test.Operands[1].Integer), Cost = (_, _) => 3, Comparisons = _ => 2,
        },
        new OperatorInfo(TestOperator.HasKey, "has-key", OperandShape.One, _ => false)
        {
            // A map key's value is null when absent; every string operator reads that as "". The solver does not
            // follow presence, so analysis stays silent where it matters.
            Holds = (_, _, x) => x.Text is not null, Cost = (_, _) => 1, OnMap = true,
        },
    }.OrderBy(info => info.Operator).ToArray();

    /// <summary>The entry of <paramref name="op"/>; an operator without one fails loudly.</summary>
    public static OperatorInfo Info(this TestOperator op)
    {
        var index = (int)op;
        return index >= 0 && index < All.Count && All[index].Operator == op
            ? All[index]
            : throw new ArgumentOutOfRangeException(nameof(op), op, "no OperatorInfo entry for this operator");
    }

    /// <summary>The operator as rule files spell it.</summary>
    public static string YamlName(this TestOperator op) => op.Info().YamlName;

    /// <summary>Whether <paramref name="test"/> holds for the field's value <paramref name="x"/>; a negation holds where its positive fails.</summary>
    internal static bool Holds(TestCondition test, Value x, Predicates predicates)
    {
        var info = test.Operator.Info();
        return info.Positive(test) is { } positive
            ? !Holds(positive, x, predicates)
            : info.Holds!(predicates, test, x);
    }

    /// <summary>The test a negation negates (<c>ne: x</c> gives <c>eq: x</c>); any other test itself.</summary>
    public static TestCondition PositiveOf(TestCondition test) => test.Operator.Info().Positive(test) ?? test;

    /// <summary>A rough relative cost of checking <paramref name="test"/> (a negation costs what its positive does).</summary>
    public static int Cost(TestCondition test, FieldTypeInfo type)
    {
        var positive = PositiveOf(test);
        return positive.Operator.Info().Cost(positive, type);
    }

    /// <summary>About how many comparisons the check of <paramref name="test"/> compiles to (a negation's are its positive's).</summary>
    public static int Comparisons(TestCondition test)
    {
        var positive = PositiveOf(test);
        return positive.Operator.Info().Comparisons(positive);
    }

    /// <summary>
    /// Whether the solver decides <paramref name="test"/> on a field of <paramref name="type"/> exactly (see
    /// <see cref="Analysis.Representatives"/>): every test on numbers, bools, enums and dates; on strings the
    /// operators <see cref="OperatorInfo.DecidableOnText"/>; every list test; none under ignore-case.
    /// </summary>
    public static bool IsDecidable(TestCondition test, FieldTypeInfo type)
    {
        var info = PositiveOf(test).Operator.Info();
        return type.Kind switch
        {
            ValueKind.Text => !test.IgnoreCase && info.DecidableOnText,
            ValueKind.TextList => !test.IgnoreCase,
            _ => info.ComparesValue || (info.DecidableOnDates && type.Type == FieldType.Date),
        };
    }

    /// <summary>Whether a time of day lies in [lo, hi], or, when lo &gt; hi, in the window across midnight.</summary>
    public static bool InWindow(long timeOfDay, long lo, long hi) => lo <= hi ? timeOfDay >= lo && timeOfDay <= hi : timeOfDay >= lo || timeOfDay <= hi;

    /// <summary>The operator <paramref name="name"/> names on a field of <paramref name="type"/>, or null.</summary>
    public static OperatorInfo? Find(string name, FieldTypeInfo type) => All.FirstOrDefault(info => info.YamlName == name && info.AppliesTo(type));

    /// <summary>The keys a test mapping on a field of <paramref name="type"/> may have: its operators, and <c>ignore-case</c> on text.</summary>
    public static IReadOnlyList<string> KeysFor(FieldTypeInfo type) =>
        All.Where(info => info.AppliesTo(type)).Select(info => info.YamlName).Distinct().Concat(type.HasText ? new[] { IgnoreCase } : Array.Empty<string>()).ToArray();

    /// <summary>The modifier key of a test mapping that makes its string comparisons ordinal ignore-case.</summary>
    public const string IgnoreCase = "ignore-case";

    /// <summary>The map test that holds when one of its keys is present: written on a map, bound as <c>has-key</c> tests under <c>any</c>.</summary>
    public const string HasAnyKey = "has-any-key";

    /// <summary>Every key of a test mapping, on any type (on a map: <c>has-key</c> and <see cref="HasAnyKey"/>).</summary>
    public static IReadOnlyList<string> Keys { get; } = All.Select(info => info.YamlName).Distinct().Append(HasAnyKey).Append(IgnoreCase).ToArray();

    private static StringComparison Comparison(TestCondition test) => test.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static bool ListHas(Value list, string item, StringComparison comparison)
    {
        foreach (var element in list.Items)
        {
            if (string.Equals(element ?? string.Empty, item, comparison))
            {
                return true;
            }
        }

        return false;
    }
}
