using System;
using System.Collections.Immutable;
using System.Linq;
using RuleCompiler.Compiling;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Interpreting;

/// <summary>
/// A rule set loaded without a compiled contract where code cannot be generated at run time (Native AOT), or when a
/// test asks (<see cref="LoadOptions.Interpret"/>): it decides by interpreting the bound model with the front end's
/// own evaluator (<see cref="ReferenceEvaluator"/>, <see cref="Computations"/>), as .NET's Regex interpreter runs the
/// tree its compiler would emit. Its answers are the compiled back end's: the same input checks
/// (<see cref="InputLayout"/>), outputs (<see cref="UntypedOutputShape"/>), rule metadata, and Explain traces walked
/// by the runtime over the lowered conditions (<see cref="ConditionTestSet{TInput}"/>) with each test answered by the
/// front end's <see cref="Predicates"/>. No expression tree, no reflection: nothing here needs dynamic code.
/// Immutable and safe to share between threads (the predicates' caches are).
/// </summary>
internal sealed class InterpretedRuleSet : IRuleSet<RuleSetInput, RuleSetOutput>
{
    private readonly RuleSetModel _model;
    private readonly InputLayout _layout;
    private readonly ReferenceEvaluator _evaluator;
    private readonly UntypedOutputShape _outputs;
    private readonly RuleInfo[] _rules;
    private readonly ConditionTestSet<InterpretedInput> _tests;

    public InterpretedRuleSet(RuleSetModel model, ConditionProgram conditions, RuleSetContract contract)
    {
        _model = model;
        Contract = contract;
        _layout = new InputLayout(model);
        _outputs = new UntypedOutputShape(model.Outputs);
        _rules = RuleSetLoader.RulesOf(model);
        Rules = ImmutableArray.Create(_rules);
        IsCollect = !model.Hit.Info().SingleResult && model.Aggregate == Aggregate.None;
        var predicates = new Predicates();
        _evaluator = new ReferenceEvaluator(model, predicates);

        // The runtime's walks ask the distinct tests by number, as they ask a compiled rule set's: one "part" of them all.
        var tests = conditions.Tests.ToArray();
        HoldsTest<InterpretedInput> holds = (int test, in InterpretedInput input) => predicates.Holds(tests[test], input.Values[tests[test].Field]);
        var enumYaml = model.Inputs.Select(field => field.EnumValues.Select(RuleCompiler.Text.YamlScalars.String).ToArray()).ToArray();
        FieldValue<InterpretedInput, string> actual = (int field, in InterpretedInput input) => Yaml(model.Inputs[field], input.Row.Values[field], enumYaml[field]);
        FieldValue<InterpretedInput, int> ordinal = (int field, in InterpretedInput input) => input.Row.Values[field] is bool b ? (b ? 1 : 0) : (int)input.Row.Values[field]!;
        _tests = new ConditionTestSet<InterpretedInput>(conditions, [0], _ => holds, () => actual, () => ordinal, new object());
    }

    public RuleSetContract Contract { get; }

    public ImmutableArray<RuleInfo> Rules { get; }

    public bool IsCollect { get; }

    public RuleResult<RuleSetOutput> Evaluate(in RuleSetInput input) => Evaluate(Interpreted(input));

    public RuleMatches<RuleSetOutput> EvaluateAll(in RuleSetInput input) => EvaluateAll(Interpreted(input));

    public RuleExplanation<RuleResult<RuleSetOutput>> Explain(in RuleSetInput input)
    {
        var interpreted = Interpreted(input);
        return new(Evaluate(interpreted), _tests.Trace(in interpreted, _rules));
    }

    public RuleExplanation<RuleMatches<RuleSetOutput>> ExplainAll(in RuleSetInput input)
    {
        var interpreted = Interpreted(input);
        return new(EvaluateAll(interpreted), _tests.Trace(in interpreted, _rules));
    }

    private RuleResult<RuleSetOutput> Evaluate(InterpretedInput input)
    {
        if (IsCollect)
        {
            throw new InvalidOperationException("a collect rule set without aggregate decides with EvaluateAll");
        }

        // An aggregate names no rule (RuleIndex -1), as the compiled fold does not.
        var result = _evaluator.Evaluate(input.Values);
        return new(result.Matched, result.RuleIndex < 0 ? null : _rules[result.RuleIndex], _outputs.Create(result.Outputs));
    }

    private RuleMatches<RuleSetOutput> EvaluateAll(InterpretedInput input)
    {
        if (!IsCollect)
        {
            throw new InvalidOperationException("only a collect rule set without aggregate decides with EvaluateAll; this one decides with Evaluate");
        }

        var holding = _evaluator.HoldingRules(input.Values);
        var matches = new RuleResult<RuleSetOutput>[holding.Count];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = new(true, _rules[holding[i]], _outputs.Create(_evaluator.Outputs(holding[i], input.Values)));
        }

        return new RuleMatches<RuleSetOutput>(matches);
    }

    /// <summary>The input checked and converted as a compiled rule set's is (<see cref="RuleSetRow"/>), then read as values.</summary>
    private InterpretedInput Interpreted(RuleSetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var row = input.RowFor(_layout);
        var values = new Value[_model.Inputs.Count];
        foreach (var field in _model.Inputs)
        {
            values[field.Index] = ClrValues.ValueOf(row.Values[field.Index], field);
        }

        return new InterpretedInput(row, values);
    }

    /// <summary>An input's slot as Explain shows it: the compiled back end's call for its type (<see cref="RuleYaml"/>; an enum by its declared name).</summary>
    private static string Yaml(FieldModel field, object? slot, string[] enumYaml) => field.IsMapKey ? RuleYaml.Format((string?)slot) : field.Type switch
    {
        FieldType.String => RuleYaml.Format((string?)slot),
        FieldType.StringList => RuleYaml.Format((string[]?)slot),
        FieldType.Int => RuleYaml.Format((int)slot!),
        FieldType.Long => RuleYaml.Format((long)slot!),
        FieldType.Decimal => RuleYaml.Format((decimal)slot!),
        FieldType.Double => RuleYaml.Format((double)slot!),
        FieldType.Bool => RuleYaml.Format((bool)slot!),
        FieldType.Enum => LoadedKernels.EnumYaml((int)slot!, enumYaml),
        FieldType.Date => RuleYaml.Format((DateOnly)slot!),
        FieldType.DateTime => RuleYaml.Format((DateTimeOffset)slot!),
        FieldType.Time => RuleYaml.Format((TimeOnly)slot!),
        FieldType.Duration => RuleYaml.Format((TimeSpan)slot!),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no input of this type"),
    };
}

/// <summary>An untyped input as the interpreter reads it: its slots (for Explain's texts) and their values (for the evaluator).</summary>
internal sealed record InterpretedInput(RuleSetRow Row, Value[] Values);
