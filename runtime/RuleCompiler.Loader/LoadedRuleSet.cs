using System;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;
using System.Numerics;
using RuleCompiler.Compiling;
using RuleCompiler.Language.Model;

namespace RuleCompiler;

/// <summary>
/// A rule set loaded at run time: the plan compiled at load (<see cref="PlanCompiler{TInput, TOutput}"/>), its outputs
/// and rules made once. Immutable and safe to share between threads, as generated code is.
/// </summary>
internal sealed class LoadedRuleSet<TInput, TOutput> : IRuleSet<TInput, TOutput>
{
    private readonly CompiledPlan<TInput, TOutput> _plan;
    private readonly RuleInfo[] _rules;
    private readonly int _words;
    private readonly bool _aggregate;
    private readonly Func<TOutput, TOutput, TOutput>? _fold;
    private readonly TOutput _one;

    public LoadedRuleSet(RuleSetModel model, CompiledPlan<TInput, TOutput> plan, OutputShape<TOutput> outputs, RuleSetContract contract)
    {
        _plan = plan;
        Contract = contract;
        _rules = RuleSetLoader.RulesOf(model);
        Rules = ImmutableArray.Create(_rules);
        _words = (model.Rules.Count + 63) / 64;
        _aggregate = model.Aggregate != Aggregate.None;
        IsCollect = !model.Hit.Info().SingleResult && !_aggregate;
        _one = plan.NoMatch;
        if (_aggregate)
        {
            var output = model.Outputs[0];
            var type = outputs.TypeOf(output);
            _one = outputs.Create(new[] { Value.Of(output.Type, 1) with { Decimal = 1m, Real = 1d } });
            var (total, value) = (Expression.Parameter(typeof(TOutput), "total"), Expression.Parameter(typeof(TOutput), "value"));
            var (a, b) = (outputs.Read(total, output), outputs.Read(value, output));
            var combined = model.Aggregate switch
            {
                Aggregate.Sum or Aggregate.Count => (Expression)Expression.Add(a, b),
                Aggregate.Min => Expression.Call(typeof(Math).GetMethod(nameof(Math.Min), new[] { type, type })!, a, b),
                Aggregate.Max => Expression.Call(typeof(Math).GetMethod(nameof(Math.Max), new[] { type, type })!, a, b),
                _ => throw new InvalidOperationException("no aggregate to fold: " + model.Aggregate),
            };
            _fold = Expression.Lambda<Func<TOutput, TOutput, TOutput>>(outputs.With(total, new[] { (output, (Expression)combined) }), total, value).Compile();
            _count = model.Aggregate == Aggregate.Count;
        }
    }

    private readonly bool _count;

    public RuleSetContract Contract { get; }

    public ImmutableArray<RuleInfo> Rules { get; }

    public bool IsCollect { get; }

    public RuleResult<TOutput> Evaluate(in TInput input)
    {
        if (_plan.Decide is { } decide)
        {
            var rule = decide(in input);
            return rule < 0 ? new(false, null, NoMatch(in input)) : new(true, _rules[rule], OutputOf(rule, in input));
        }

        if (!_aggregate)
        {
            throw new InvalidOperationException("a collect rule set without aggregate decides with EvaluateAll");
        }

        // The aggregate over the rules that hold, folded in file order as generated code folds them.
        var bits = LoadedKernels.Scratch(_words);
        _plan.Collect!(in input, bits);
        var matched = false;
        var total = default(TOutput)!;
        for (var word = 0; word < _words; word++)
        {
            var set = bits[word];
            while (set != 0)
            {
                var rule = (word << 6) + BitOperations.TrailingZeroCount(set);
                set &= set - 1;
                var value = _count ? _one : OutputOf(rule, in input);
                total = matched ? _fold!(total, value) : value;
                matched = true;
            }
        }

        return matched ? new(true, null, total) : new(false, null, NoMatch(in input));
    }

    public RuleMatches<TOutput> EvaluateAll(in TInput input)
    {
        if (!IsCollect)
        {
            throw new InvalidOperationException("only a collect rule set without aggregate decides with EvaluateAll; this one decides with Evaluate");
        }

        var bits = LoadedKernels.Scratch(_words);
        _plan.Collect!(in input, bits);
        var count = 0;
        for (var word = 0; word < _words; word++)
        {
            count += BitOperations.PopCount(bits[word]);
        }

        var matches = new RuleResult<TOutput>[count];
        var next = 0;
        for (var word = 0; word < _words; word++)
        {
            var set = bits[word];
            while (set != 0)
            {
                var rule = (word << 6) + BitOperations.TrailingZeroCount(set);
                set &= set - 1;
                matches[next++] = new(true, _rules[rule], OutputOf(rule, in input));
            }
        }

        return new RuleMatches<TOutput>(matches);
    }

    public RuleExplanation<RuleResult<TOutput>> Explain(in TInput input) => new(Evaluate(in input), _plan.Tests.Trace(in input, _rules));

    public RuleExplanation<RuleMatches<TOutput>> ExplainAll(in TInput input) => new(EvaluateAll(in input), _plan.Tests.Trace(in input, _rules));

    private TOutput OutputOf(int rule, in TInput input) => _plan.OutputOf is { } outputOf ? outputOf(rule, in input) : _plan.Rows[rule];

    private TOutput NoMatch(in TInput input) => _plan.OutputOf is { } outputOf ? outputOf(-1, in input) : _plan.NoMatch;
}
