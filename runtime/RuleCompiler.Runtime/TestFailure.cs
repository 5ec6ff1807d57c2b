using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RuleCompiler;

/// <summary>
/// Why a rule did not hold: the first part of its condition, in file order, that failed for the input. Usually one
/// test (<c>command: { eq: rm }</c> against <c>ls</c>); for an <c>any</c> none of whose alternatives held, the
/// <c>any</c> with each alternative's own failure; for a <c>not</c> whose condition held, the <c>not</c>.
/// Made by generated <c>Explain</c> methods.
/// </summary>
public sealed class TestFailure
{
    private readonly Kind _kind;

    /// <summary>The failure of one test. Called by generated code.</summary>
    public TestFailure(string field, string @operator, bool ignoreCase, string expected, string actual, int line, int column)
        : this(Kind.Test, field, @operator, ignoreCase, expected, actual, line, column, [])
    {
    }

    private TestFailure(Kind kind, string field, string @operator, bool ignoreCase, string expected, string actual, int line, int column, IReadOnlyList<TestFailure> alternatives)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(@operator);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        _kind = kind;
        Field = field;
        Operator = @operator;
        IgnoreCase = ignoreCase;
        Expected = expected;
        Actual = actual;
        Line = line;
        Column = column;
        Alternatives = alternatives;
    }

    /// <summary>
    /// An <c>any</c> none of whose alternatives held. Called by generated code.
    /// </summary>
    /// <param name="fields">The input fields the alternatives test, comma-separated, in file order.</param>
    /// <param name="line">The line of the <c>any</c> key.</param>
    /// <param name="column">The column of the <c>any</c> key.</param>
    /// <param name="alternatives">Each alternative's first failure, in file order.</param>
    public static TestFailure Any(string fields, int line, int column, IReadOnlyList<TestFailure> alternatives)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        var count = alternatives.Count.ToString(CultureInfo.InvariantCulture);
        return new TestFailure(Kind.Any, fields, "any", false, $"one of {count} alternatives", "none held", line, column, alternatives);
    }

    /// <summary>
    /// A <c>not</c> whose condition held. Called by generated code.
    /// </summary>
    /// <param name="fields">The input fields the negated condition tests, comma-separated, in file order.</param>
    /// <param name="condition">The negated condition, as a YAML flow mapping.</param>
    /// <param name="line">The line of the <c>not</c> key.</param>
    /// <param name="column">The column of the <c>not</c> key.</param>
    public static TestFailure Not(string fields, string condition, int line, int column) =>
        new(Kind.Not, fields, "not", false, condition, "held", line, column, []);

    /// <summary>
    /// The YAML field name the test reads; for <c>any</c> and <c>not</c>, every field they read, comma-separated.
    /// </summary>
    public string Field { get; }

    /// <summary>
    /// The operator as rule files spell it: <c>eq</c>, <c>ne</c>, <c>in</c>, <c>not-in</c>, <c>lt</c>, <c>lte</c>,
    /// <c>gt</c>, <c>gte</c>, <c>between</c>, <c>prefix</c>, <c>suffix</c>, <c>contains</c>, <c>glob</c>,
    /// <c>regex</c>, <c>contains-any</c>, <c>contains-all</c>, <c>empty</c>; or <c>any</c> or <c>not</c>.
    /// The shorthands <c>field: value</c> and <c>field: [a, b]</c> are <c>eq</c> and <c>in</c>.
    /// </summary>
    public string Operator { get; }

    /// <summary>Whether the test compares strings ignoring case (<c>ignore-case: true</c>).</summary>
    public bool IgnoreCase { get; }

    /// <summary>
    /// The test's operand as YAML (<c>rm</c>, <c>[a, b]</c>, <c>[1, 10]</c> for <c>between</c>, <c>true</c> for
    /// <c>empty</c>). For <c>any</c>: how many alternatives there were; for <c>not</c>: the negated condition.
    /// </summary>
    public string Expected { get; }

    /// <summary>
    /// The input value the test read, as YAML (see <see cref="RuleYaml"/>): a null string is <c>""</c>, a null list
    /// <c>[]</c>. For <c>any</c>: <c>none held</c>; for <c>not</c>: <c>held</c>.
    /// </summary>
    public string Actual { get; }

    /// <summary>The 1-based line of the test's value in the rule file (of the key, for <c>any</c> and <c>not</c>).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the test's value in the rule file (of the key, for <c>any</c> and <c>not</c>).</summary>
    public int Column { get; }

    /// <summary>For <c>any</c>: why each alternative failed, in file order. Empty otherwise.</summary>
    public IReadOnlyList<TestFailure> Alternatives { get; }

    /// <summary>
    /// One line: <c>command eq rm, actual ls (line 12, column 16)</c>; for <c>any</c> and <c>not</c>, what
    /// happened (<c>any: none of 2 alternatives held</c>, <c>not { hidden: true }: it held</c>). An <c>any</c>'s
    /// alternatives are not included: see <see cref="Alternatives"/>.
    /// </summary>
    public override string ToString()
    {
        var at = $"(line {Line.ToString(CultureInfo.InvariantCulture)}, column {Column.ToString(CultureInfo.InvariantCulture)})";
        return _kind switch
        {
            Kind.Any => $"any: none of {Alternatives.Count.ToString(CultureInfo.InvariantCulture)} alternatives held {at}",
            Kind.Not => $"not {Expected}: it held {at}",
            _ => $"{Field} {Operator}{(IgnoreCase ? " (ignore-case)" : string.Empty)} {Expected}, actual {Actual} {at}",
        };
    }

    internal void AppendTo(StringBuilder builder, string indent)
    {
        builder.Append(this).Append('\n');
        foreach (var alternative in Alternatives)
        {
            builder.Append(indent).Append("- ");
            alternative.AppendTo(builder, indent + "  ");
        }
    }

    private enum Kind
    {
        Test,
        Any,
        Not,
    }
}
