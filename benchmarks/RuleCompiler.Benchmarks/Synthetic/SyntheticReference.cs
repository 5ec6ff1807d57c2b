using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Benchmarks.Infrastructure;
using RuleCompiler.Benchmarks.RuleSets.Shape;
using RuleCompiler.Benchmarks.RuleSets.Writing;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>
/// The rule-by-rule reference evaluator over a synthetic rule set: the same rule file text the generator compiled
/// (written again from the same seeded model), bound to its model, with the inputs as the evaluator's value rows.
/// </summary>
public sealed class SyntheticReference
{
    private readonly RuleSetModel _model;
    private readonly ReferenceEvaluator _evaluator;
    private readonly Value[][] _rows;
    private readonly bool _collect;

    public SyntheticReference(SyntheticRuleSet set, IEnumerable<SyntheticInput> inputs)
    {
        _model = ReferenceModel.Bind(RuleFileYaml.Write(set), set.FileName);
        _evaluator = new ReferenceEvaluator(_model);
        _collect = set.Policy == Policy.Collect;
        _rows = inputs.Select(input => new[]
        {
            Value.String(input.Command),
            Value.Enum((int)input.Mode),
            Value.Int(input.Size),
            Value.String(input.Path),
        }).ToArray();
    }

    public int Count => _rows.Length;

    /// <summary>Evaluates every row; returns the sum of the <c>code</c> outputs, as the other benchmarks do.</summary>
    public int Run()
    {
        var sum = 0;
        foreach (var row in _rows)
        {
            if (_collect)
            {
                foreach (var rule in _evaluator.HoldingRules(row))
                {
                    sum += (int)_model.Rules[rule].Then[1].Literal.Integer;
                }
            }
            else
            {
                sum += (int)_evaluator.Evaluate(row).Outputs[1].Integer;
            }
        }

        return sum;
    }

    public Outcome OutcomeOf(int index)
    {
        var row = _rows[index];
        if (_collect)
        {
            var holding = _evaluator.HoldingRules(row);
            return Outcome.Collected(holding.Select(rule => _model.Rules[rule].Id).ToList(), holding.Sum(rule => (int)_model.Rules[rule].Then[1].Literal.Integer));
        }

        var result = _evaluator.Evaluate(row);
        return new Outcome(result.Matched, result.Matched ? _model.Rules[result.RuleIndex].Id : null, (int)result.Outputs[0].Integer, (int)result.Outputs[1].Integer);
    }
}
