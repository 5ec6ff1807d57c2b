using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>
/// What <c>Explain</c> must report for a condition, worked out with the reference evaluator straight from the
/// definition: a test that fails is its own failure; <c>all</c> fails at its first failing item; an <c>any</c> none of
/// whose items holds fails with each item's failure, in order; a <c>not</c> whose operand holds fails. A failure is
/// identified by field(s), operator, ignore-case and position.
/// </summary>
public sealed class ReferenceExplanation
{
    private readonly RuleSetModel _model;
    private readonly ReferenceEvaluator _reference;
    private readonly Dictionary<Condition, string> _fields = new(ReferenceEqualityComparer.Instance);

    public ReferenceExplanation(RuleSetModel model, ReferenceEvaluator reference) => (_model, _reference) = (model, reference);

    /// <summary>Whether <paramref name="actual"/> is the first failure of <paramref name="condition"/> on <paramref name="row"/> (null: it holds).</summary>
    public bool Agrees(Condition condition, IReadOnlyList<Value> row, TestFailure? actual)
    {
        switch (condition)
        {
            case TestCondition test:
                return _reference.Holds(test, row)
                    ? actual is null
                    : Is(actual, _model.Inputs[test.Field].Name, test.Operator.YamlName(), test.IgnoreCase, test.Span.Line, test.Span.Column) && actual!.Alternatives.Count == 0;
            case AllCondition all:
                foreach (var item in all.Items)
                {
                    if (!_reference.Holds(item, row))
                    {
                        return Agrees(item, row, actual);
                    }
                }

                return actual is null;
            case AnyCondition any:
                if (_reference.Holds(any, row))
                {
                    return actual is null;
                }

                return Is(actual, Fields(any), "any", false, any.Span.Line, any.Span.Column)
                    && actual!.Alternatives.Count == any.Items.Count
                    && any.Items.Select((item, i) => Agrees(item, row, actual.Alternatives[i])).All(agrees => agrees);
            case NotCondition not:
                return _reference.Holds(not.Operand, row)
                    ? Is(actual, Fields(not.Operand), "not", false, not.Span.Line, not.Span.Column) && actual!.Alternatives.Count == 0
                    : actual is null;
            default:
                throw new System.ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition));
        }
    }

    /// <summary>The first failure of <paramref name="condition"/> on <paramref name="row"/>, described as <see cref="Describe(TestFailure?)"/> does; null when it holds.</summary>
    public string? FirstFailure(Condition condition, IReadOnlyList<Value> row) => condition switch
    {
        TestCondition test => _reference.Holds(test, row) ? null : Describe(_model.Inputs[test.Field].Name, test.Operator.YamlName(), test.IgnoreCase, test.Span.Line, test.Span.Column, []),
        AllCondition all => all.Items.Select(item => FirstFailure(item, row)).FirstOrDefault(failure => failure is not null),
        AnyCondition any => _reference.Holds(any, row)
            ? null
            : Describe(Fields(any), "any", false, any.Span.Line, any.Span.Column, any.Items.Select(item => FirstFailure(item, row)!).ToList()),
        NotCondition not => _reference.Holds(not.Operand, row) ? Describe(Fields(not.Operand), "not", false, not.Span.Line, not.Span.Column, []) : null,
        _ => throw new System.ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition)),
    };

    /// <summary>A generated failure: field(s), operator, ignore-case, position, and its alternatives; "held" for none.</summary>
    public static string Describe(TestFailure? failure) => failure is null
        ? "held"
        : Describe(failure.Field, failure.Operator, failure.IgnoreCase, failure.Line, failure.Column, failure.Alternatives.Select(Describe).ToList());

    private static string Describe(string field, string op, bool ignoreCase, int line, int column, IReadOnlyList<string> alternatives) =>
        string.Create(CultureInfo.InvariantCulture, $"{field} {op}{(ignoreCase ? " ignore-case" : string.Empty)} at ({line},{column})")
        + (alternatives.Count == 0 ? string.Empty : " [" + string.Join("; ", alternatives) + "]");

    private static bool Is(TestFailure? actual, string field, string op, bool ignoreCase, int line, int column) =>
        actual is not null && actual.Field == field && actual.Operator == op && actual.IgnoreCase == ignoreCase && actual.Line == line && actual.Column == column;

    // The fields an any / not reads, in file order.
    private string Fields(Condition condition)
    {
        if (!_fields.TryGetValue(condition, out var fields))
        {
            fields = string.Join(", ", condition.Tests().Select(test => test.Field).Distinct().Select(field => _model.Inputs[field].Name));
            _fields.Add(condition, fields);
        }

        return fields;
    }
}
