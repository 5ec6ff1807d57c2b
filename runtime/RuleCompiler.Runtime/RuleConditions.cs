using System;
using System.Collections.Generic;
using System.ComponentModel;
using RuleCompiler.Conditions;

namespace RuleCompiler;

/// <summary>
/// What a rule set's conditions ask of an input, answered by generated code: whether its distinct test
/// <c>test</c> holds, how the input's field <c>field</c> reads as YAML, and its ordinal. For generated code.
/// </summary>
/// <typeparam name="TInput">What generated code reads inputs from.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRuleTests<TInput>
{
    /// <summary>Whether distinct test <paramref name="test"/> holds for <paramref name="input"/>.</summary>
    static abstract bool Holds(int test, in TInput input);

    /// <summary>The value of input field <paramref name="field"/>, as YAML (<see cref="RuleYaml"/>).</summary>
    static abstract string Actual(int field, in TInput input);

    /// <summary>The ordinal of enum or bool input field <paramref name="field"/> (false 0, true 1), for switches written as data.</summary>
    static abstract int Ordinal(int field, in TInput input);
}

/// <summary>
/// A rule set's conditions as data, which the generator writes (ints in prefix order, a table of distinct tests, one
/// string of texts), and the walk that explains them: for each rule, the first part of its condition that fails, in
/// file order. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct RuleConditions
{
    private readonly ReadOnlySpan<int> _code;
    private readonly ReadOnlySpan<int> _starts;
    private readonly ReadOnlySpan<int> _tests;
    private readonly string _text;
    private readonly ReadOnlySpan<int> _textBounds;

    /// <summary>Conditions the generator wrote; rule i's starts at <paramref name="code"/>[<paramref name="starts"/>[i]].</summary>
    public RuleConditions(ReadOnlySpan<int> code, ReadOnlySpan<int> starts, ReadOnlySpan<int> tests, string text, ReadOnlySpan<int> textBounds)
    {
        ArgumentNullException.ThrowIfNull(text);
        _code = code;
        _starts = starts;
        _tests = tests;
        _text = text;
        _textBounds = textBounds;
    }

    /// <summary>
    /// A part of a plan, as data (<paramref name="nodes"/> from <paramref name="node"/>): switches on enum and bool
    /// inputs down to a leaf, then the first of the leaf's candidates, in rank order, whose check (a condition in
    /// <paramref name="code"/>) holds for <paramref name="input"/>. Returns its rule, or -1. Allocates nothing.
    /// </summary>
    public static int Decide<TInput, TTests>(ReadOnlySpan<int> nodes, ReadOnlySpan<int> code, int node, in TInput input)
        where TTests : IRuleTests<TInput>
    {
        while (nodes[node] == ConditionCode.Switch)
        {
            var count = nodes[node + 2];
            var ordinal = TTests.Ordinal(nodes[node + 1], in input);
            node = nodes[node + 3 + ((uint)ordinal < (uint)count ? ordinal : count)];
        }

        var candidates = nodes.Slice(node + 2, 2 * nodes[node + 1]);
        for (var i = 0; i < candidates.Length; i += 2)
        {
            var at = candidates[i + 1];
            if (at < 0 || HoldsAt<TInput, TTests>(code, ref at, in input))
            {
                return candidates[i];
            }
        }

        return -1;
    }

    /// <summary>Whether the condition at <paramref name="at"/> holds; <paramref name="at"/> ends past it.</summary>
    private static bool HoldsAt<TInput, TTests>(ReadOnlySpan<int> code, ref int at, in TInput input)
        where TTests : IRuleTests<TInput>
    {
        switch (code[at])
        {
            case ConditionCode.Test:
                var test = code[at + 1];
                at += 4;
                return TTests.Holds(test, in input);
            case ConditionCode.All:
            {
                var (count, end) = (code[at + 1], code[at + 2]);
                at += 3;
                for (var item = 0; item < count; item++)
                {
                    if (!HoldsAt<TInput, TTests>(code, ref at, in input))
                    {
                        at = end;
                        return false;
                    }
                }

                return true;
            }

            case ConditionCode.Any:
            {
                var (count, end) = (code[at + 1], code[at + 2]);
                at += 6;
                for (var item = 0; item < count; item++)
                {
                    if (HoldsAt<TInput, TTests>(code, ref at, in input))
                    {
                        at = end;
                        return true;
                    }
                }

                return false;
            }

            case ConditionCode.Not:
            {
                var end = code[at + 1];
                at += 6;
                var held = HoldsAt<TInput, TTests>(code, ref at, in input);
                at = end;
                return !held;
            }

            default:
                throw new InvalidOperationException($"condition code {code[at]} at {at} is not one this runtime reads; rebuild with the matching generator");
        }
    }

    /// <summary>Every rule, in file order, with the first failure of its condition for <paramref name="input"/> (null when it holds).</summary>
    public RuleTrace[] Trace<TInput, TTests>(in TInput input, IReadOnlyList<RuleInfo> rules)
        where TTests : IRuleTests<TInput>
    {
        ArgumentNullException.ThrowIfNull(rules);
        var traces = new RuleTrace[_starts.Length];
        for (var rule = 0; rule < traces.Length; rule++)
        {
            traces[rule] = new RuleTrace(rules[rule], FirstFailure<TInput, TTests>(rule, in input));
        }

        return traces;
    }

    /// <summary>The first part of rule <paramref name="rule"/>'s condition that fails for <paramref name="input"/>, in file order; null when it holds.</summary>
    public TestFailure? FirstFailure<TInput, TTests>(int rule, in TInput input)
        where TTests : IRuleTests<TInput>
    {
        var at = _starts[rule];
        return FailureAt<TInput, TTests>(ref at, in input);
    }

    /// <summary>The condition at <paramref name="at"/>'s first failure, or null; <paramref name="at"/> ends past the condition when it holds.</summary>
    private TestFailure? FailureAt<TInput, TTests>(ref int at, in TInput input)
        where TTests : IRuleTests<TInput>
    {
        switch (_code[at])
        {
            case ConditionCode.Test:
            {
                var test = _code[at + 1];
                var (line, column) = (_code[at + 2], _code[at + 3]);
                at += 4;
                return TTests.Holds(test, in input) ? null : TestFailed<TInput, TTests>(test, line, column, in input);
            }

            case ConditionCode.All:
            {
                var count = _code[at + 1];
                at += 3;
                for (var item = 0; item < count; item++)
                {
                    if (FailureAt<TInput, TTests>(ref at, in input) is { } failure)
                    {
                        return failure;
                    }
                }

                return null;
            }

            case ConditionCode.Any:
            {
                var (count, end) = (_code[at + 1], _code[at + 2]);
                var (line, column, fields) = (_code[at + 3], _code[at + 4], _code[at + 5]);
                var next = at + 6;
                var alternatives = new TestFailure[count];
                for (var item = 0; item < count; item++)
                {
                    var start = next;
                    if (FailureAt<TInput, TTests>(ref start, in input) is not { } failure)
                    {
                        at = end;
                        return null;
                    }

                    alternatives[item] = failure;
                    next = Skip(next);
                }

                at = end;
                return TestFailure.Any(Piece(fields), line, column, alternatives);
            }

            case ConditionCode.Not:
            {
                var end = _code[at + 1];
                var (line, column, fields, condition) = (_code[at + 2], _code[at + 3], _code[at + 4], _code[at + 5]);
                var operand = at + 6;
                var held = FailureAt<TInput, TTests>(ref operand, in input) is null;
                at = end;
                return held ? TestFailure.Not(Piece(fields), Piece(condition), line, column) : null;
            }

            default:
                throw new InvalidOperationException($"condition code {_code[at]} at {at} is not one this runtime reads; rebuild with the matching generator");
        }
    }

    /// <summary>The offset just past the condition at <paramref name="at"/>.</summary>
    private int Skip(int at) => _code[at] switch
    {
        ConditionCode.Test => at + 4,
        ConditionCode.Any or ConditionCode.All => _code[at + 2],
        _ => _code[at + 1],
    };

    private TestFailure TestFailed<TInput, TTests>(int test, int line, int column, in TInput input)
        where TTests : IRuleTests<TInput>
    {
        var row = _tests.Slice(test * ConditionCode.TestRowLength, ConditionCode.TestRowLength);
        return new TestFailure(
            Piece(row[ConditionCode.TestFieldName]),
            Piece(row[ConditionCode.TestOperator]),
            row[ConditionCode.TestIgnoreCase] != 0,
            Piece(row[ConditionCode.TestOperand]),
            TTests.Actual(row[ConditionCode.TestField], in input),
            line,
            column);
    }

    private string Piece(int piece) => _text.Substring(_textBounds[piece], _textBounds[piece + 1] - _textBounds[piece]);
}
