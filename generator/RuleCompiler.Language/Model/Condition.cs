using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Model;

public static class ConditionTraversal
{
    /// <summary>Every test inside a condition, in file order, under any all / any / not.</summary>
    public static IEnumerable<TestCondition> Tests(this Condition condition) => condition switch
    {
        TestCondition test => new[] { test },
        NotCondition not => not.Operand.Tests(),
        AllCondition all => all.Items.SelectMany(Tests),
        AnyCondition any => any.Items.SelectMany(Tests),
        _ => throw new System.ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition)),
    };

    /// <summary>The condition with one test (that very occurrence) replaced; the rest shared.</summary>
    public static Condition Replace(this Condition condition, TestCondition target, Condition replacement) => condition switch
    {
        TestCondition test => ReferenceEquals(test, target) ? replacement : test,
        NotCondition not => not with { Operand = not.Operand.Replace(target, replacement) },
        AllCondition all => all with { Items = all.Items.Select(item => item.Replace(target, replacement)).ToEquatableArray() },
        AnyCondition any => any with { Items = any.Items.Select(item => item.Replace(target, replacement)).ToEquatableArray() },
        _ => throw new System.ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition)),
    };
}

/// <summary>A bound condition. <c>{}</c> is an <see cref="AllCondition"/> with no items.</summary>
public abstract record Condition;

public sealed record AllCondition(EquatableArray<Condition> Items) : Condition
{
    public static readonly AllCondition Always = new(EquatableArray<Condition>.Empty);
}

public sealed record AnyCondition(EquatableArray<Condition> Items) : Condition
{
    /// <summary>Where the <c>any</c> key is written (for explanations); default for an <c>any</c> no file wrote.</summary>
    public SourceSpan Span { get; init; }
}

public sealed record NotCondition(Condition Operand) : Condition
{
    /// <summary>Where the <c>not</c> key is written (for explanations); default for a <c>not</c> no file wrote.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>
/// One operator applied to one input field. Operands are typed by the field; <c>between</c> has two,
/// <c>in</c>-like operators one or more, <c>empty</c> a bool.
/// </summary>
public sealed record TestCondition(int Field, TestOperator Operator, EquatableArray<Value> Operands, bool IgnoreCase, SourceSpan Span) : Condition
{
    /// <summary>
    /// Where the operator mapping this test was written in is (<c>risk: { gt: 1, lt: 5 }</c>: both tests share it);
    /// default for a shorthand (<c>command: rm</c>) or a test no file wrote.
    /// </summary>
    public SourceSpan Mapping { get; init; }
}
