using System;
using System.Collections.Generic;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Evaluation;

/// <summary>The outcome of one evaluation: which rule decided (-1 for none) and the outputs.</summary>
public sealed record EvaluationResult(bool Matched, int RuleIndex, EquatableArray<Value> Outputs);

/// <summary>
/// Evaluates a rule set rule by rule, exactly as the spec reads, with no planning and no cleverness.
/// The build runs rule-file tests with it; the test suite uses it as the oracle for generated code.
/// Thread-safe, as its <see cref="Predicates"/> are: the loader's interpreted rule sets (Native AOT) decide with one.
/// </summary>
public sealed class ReferenceEvaluator
{
    private readonly RuleSetModel _model;
    private readonly Predicates _predicates;

    /// <param name="model">The rule set.</param>
    /// <param name="predicates">Shared with the other stages of one compilation, so each regex is built once.</param>
    public ReferenceEvaluator(RuleSetModel model, Predicates? predicates = null)
    {
        _model = model;
        _predicates = predicates ?? new Predicates();
    }

    /// <summary>Inputs in declaration order; a string may have null <see cref="Value.Text"/> (read as "").</summary>
    public bool Holds(Condition condition, IReadOnlyList<Value> input)
    {
        switch (condition)
        {
            case AllCondition all:
                foreach (var item in all.Items)
                {
                    if (!Holds(item, input))
                    {
                        return false;
                    }
                }

                return true;
            case AnyCondition any:
                foreach (var item in any.Items)
                {
                    if (Holds(item, input))
                    {
                        return true;
                    }
                }

                return false;
            case NotCondition not:
                return !Holds(not.Operand, input);
            case TestCondition test:
                return _predicates.Holds(test, input[test.Field]);
            default:
                throw new ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition));
        }
    }

    /// <summary>Every rule whose condition holds, in file order.</summary>
    public List<int> HoldingRules(IReadOnlyList<Value> input)
    {
        var holding = new List<int>();
        foreach (var rule in _model.Rules)
        {
            if (Holds(rule.When, input))
            {
                holding.Add(rule.Index);
            }
        }

        return holding;
    }

    /// <summary>The result of every policy but plain <c>collect</c> (for which see <see cref="HoldingRules"/>).</summary>
    public EvaluationResult Evaluate(IReadOnlyList<Value> input)
    {
        if (!_model.Hit.Info().SingleResult)
        {
            return _model.Aggregate == Aggregate.None
                ? throw new InvalidOperationException("plain collect has no single result; use HoldingRules")
                : EvaluateAggregate(HoldingRules(input), input);
        }

        var winner = Winner(input);
        return winner < 0
            ? new EvaluationResult(false, -1, Computations.Outputs(_model, _model.NoMatchOutputs, input))
            : new EvaluationResult(true, winner, Computations.Outputs(_model, _model.Rules[winner].Then, input));
    }

    /// <summary>
    /// The rule the hit policy picks (every policy but <c>collect</c>), -1 for none: the decision alone, without
    /// computing outputs (which may throw, §10).
    /// </summary>
    public int Winner(IReadOnlyList<Value> input)
    {
        // The rule that outranks every other holding rule: under first, unique and any, the first that holds.
        var policy = _model.Hit.Info();
        var winner = -1;
        foreach (var rule in _model.Rules)
        {
            if (Holds(rule.When, input) && (winner < 0 || policy.Outranks(rule, _model.Rules[winner])))
            {
                winner = rule.Index;
                if (!policy.RanksByMoreThanFileOrder)
                {
                    break;
                }
            }
        }

        return winner;
    }

    /// <summary>The outputs of rule <paramref name="rule"/> for <paramref name="input"/>, as plain collect lists them.</summary>
    public EquatableArray<Value> Outputs(int rule, IReadOnlyList<Value> input) => Computations.Outputs(_model, _model.Rules[rule].Then, input);

    private EvaluationResult EvaluateAggregate(List<int> holding, IReadOnlyList<Value> input)
    {
        if (holding.Count == 0)
        {
            return new EvaluationResult(false, -1, Computations.Outputs(_model, _model.NoMatchOutputs, input));
        }

        var type = _model.Outputs[0].Type;
        if (_model.Aggregate == Aggregate.Count)
        {
            // count counts the holding rules: their output values, computed or not, are not needed (nor computed).
            return new EvaluationResult(true, -1, EquatableArray.Create(FromCount(type, holding.Count)));
        }

        var values = new List<Value>(holding.Count);
        foreach (var index in holding)
        {
            values.Add(Computations.Output(_model, _model.Outputs[0], _model.Rules[index].Then[0], input));
        }

        var result = _model.Aggregate switch
        {
            Aggregate.Sum => Fold(values, type, (a, b) => a + b, (a, b) => a + b, (a, b) => a + b),
            Aggregate.Min => Fold(values, type, Math.Min, Math.Min, Math.Min),
            Aggregate.Max => Fold(values, type, Math.Max, Math.Max, Math.Max),
            _ => throw new InvalidOperationException("no aggregate to fold: " + _model.Aggregate),
        };
        return new EvaluationResult(true, -1, EquatableArray.Create(result));
    }

    private static Value FromCount(FieldType type, int count) => type.Info().Kind switch
    {
        ValueKind.Integer => Value.Of(type, count),
        ValueKind.Decimal => Value.Dec(count),
        ValueKind.Real => Value.Dbl(count),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a numeric type"),
    };

    private static Value Fold(
        List<Value> values,
        FieldType type,
        Func<long, long, long> integer,
        Func<decimal, decimal, decimal> dec,
        Func<double, double, double> real)
    {
        var acc = values[0];
        for (var i = 1; i < values.Count; i++)
        {
            var next = values[i];
            acc = type.Info().Kind switch
            {
                // int arithmetic wraps as C#'s unchecked int does, like the generated code.
                ValueKind.Integer => Value.Of(type, type == FieldType.Int ? unchecked((int)integer(acc.Integer, next.Integer)) : unchecked(integer(acc.Integer, next.Integer))),
                ValueKind.Decimal => Value.Dec(dec(acc.Decimal, next.Decimal)),
                ValueKind.Real => Value.Dbl(real(acc.Real, next.Real)),
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a numeric type"),
            };
        }

        return acc;
    }
}
