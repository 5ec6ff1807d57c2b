using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>What generated code answered, in the reference evaluator's terms.</summary>
public sealed record ResultUnderTest(bool Matched, string? RuleId, IReadOnlyList<Value>? Outputs, IReadOnlyList<string>? HoldingRules)
{
    /// <summary>Plain collect: the outputs of each holding rule, in the order of <see cref="HoldingRules"/>.</summary>
    public IReadOnlyList<IReadOnlyList<Value>>? HoldingOutputs { get; init; }

    /// <summary>Same answer: matched, rule id, outputs (exactly, decimal scale included) and holding rules.</summary>
    public bool SameAs(ResultUnderTest other) =>
        Matched == other.Matched
        && RuleId == other.RuleId
        && (Outputs is null ? other.Outputs is null : other.Outputs is not null && Outputs.SequenceEqual(other.Outputs) && Outputs.Select(v => v.Decimal.Scale).SequenceEqual(other.Outputs.Select(v => v.Decimal.Scale)))
        && (HoldingRules is null ? other.HoldingRules is null : other.HoldingRules is not null && HoldingRules.SequenceEqual(other.HoldingRules));
}

/// <summary>What a generated <c>Explain</c> answered: the decision in the terms of <see cref="ResultUnderTest"/>, every rule's trace, and the text.</summary>
public sealed record ExplanationUnderTest(ResultUnderTest Decision, IReadOnlyList<RuleTrace> Rules, string Text);

/// <summary>
/// Calls a generated rule set through reflection, so one test harness can drive any rule file's generated code
/// with inputs expressed as the reference evaluator's <see cref="Value"/> rows.
/// </summary>
public sealed class RuleSetUnderTest
{
    private readonly RuleSetModel _model;
    private readonly Type _inputType;
    private readonly MethodInfo? _evaluate;
    private readonly MethodInfo? _evaluateAll;
    private readonly MethodInfo _explain;
    private readonly PropertyInfo[] _inputProperties;
    private readonly Assembly _assembly;

    /// <summary>The object whose methods are called: null for the generated static class, or a rule set loaded at run time (an <c>IRuleSet</c> on the generated types).</summary>
    private readonly object? _target;

    public RuleSetUnderTest(Assembly assembly, RuleSetModel model, object? loaded = null)
    {
        _assembly = assembly;
        _model = model;
        _target = loaded;
        var prefix = model.Namespace.Length == 0 ? string.Empty : model.Namespace + ".";
        var type = assembly.GetType(prefix + model.Name, throwOnError: true)!;
        _inputType = assembly.GetType(prefix + model.Name + "Input", throwOnError: true)!;
        _evaluate = type.GetMethod("Evaluate");
        _evaluateAll = type.GetMethod("EvaluateAll");
        _explain = type.GetMethod("Explain")!;
        if (loaded is not null)
        {
            // The loaded rule set's members, on its interface: Evaluate or EvaluateAll as the generated class has them.
            var contract = loaded.GetType().GetInterfaces().Single(i => i.Name.StartsWith("IRuleSet", StringComparison.Ordinal));
            var collect = _evaluateAll is not null;
            _evaluate = collect ? null : contract.GetMethod("Evaluate");
            _evaluateAll = collect ? contract.GetMethod("EvaluateAll") : null;
            _explain = contract.GetMethod(collect ? "ExplainAll" : "Explain")!;
        }

        _inputProperties = model.Declared.Count == 0 ? model.Inputs.Select(field => _inputType.GetProperty(field.PropertyName)!).ToArray() : [];
    }

    /// <summary>The generated input type, which a rule set loaded for this one runs on.</summary>
    public Type InputType => _inputType;

    /// <summary>The generated output type.</summary>
    public Type OutputType => _assembly.GetType((_model.Namespace.Length == 0 ? string.Empty : _model.Namespace + ".") + _model.Name + "Output", throwOnError: true)!;

    /// <summary>The generated rule set's <c>Contract</c>.</summary>
    public RuleSetContract Contract => (RuleSetContract)_assembly.GetType((_model.Namespace.Length == 0 ? string.Empty : _model.Namespace + ".") + _model.Name, throwOnError: true)!.GetProperty("Contract")!.GetValue(null)!;

    public object CreateInput(IReadOnlyList<Value> row)
    {
        if (_model.Declared.Count == 0)
        {
            var input = Activator.CreateInstance(_inputType)!;
            foreach (var field in _model.Inputs)
            {
                _inputProperties[field.Index].SetValue(input, ToClr(row[field.Index], field));
            }

            return input;
        }

        return Create(_inputType, _model.Declared, row);
    }

    // The input as declared (§11): a record input is its own record struct; a map input holds the keys the rules
    // read that are present in the row (null text: absent), or is null when none is.
    private object Create(Type type, IReadOnlyList<InputDeclaration> level, IReadOnlyList<Value> row)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var declaration in level)
        {
            var property = type.GetProperty(declaration.PropertyName)!;
            object? value = declaration.Kind switch
            {
                InputKind.Record => Create(property.PropertyType, declaration.Fields, row),
                InputKind.Map => MapOf(declaration, row),
                _ => ToClr(row[declaration.Leaf], _model.Inputs[declaration.Leaf]),
            };
            property.SetValue(instance, value);
        }

        return instance;
    }

    private Dictionary<string, string>? MapOf(InputDeclaration map, IReadOnlyList<Value> row)
    {
        var present = _model.Inputs
            .Where(field => field.Path is { Key: not null } path && path.ContainerName == map.Name && row[field.Index].Text is not null)
            .ToDictionary(field => field.Path!.Key!, field => row[field.Index].Text!, StringComparer.Ordinal);
        return present.Count == 0 ? null : present;
    }

    public ResultUnderTest Evaluate(IReadOnlyList<Value> row)
    {
        var input = CreateInput(row);
        return Result((_evaluateAll ?? _evaluate)!.Invoke(_target, new[] { input })!);
    }

    /// <summary>Calls the generated <c>Explain</c>; its decision is read exactly as <see cref="Evaluate"/> reads a result.</summary>
    public ExplanationUnderTest Explain(IReadOnlyList<Value> row)
    {
        var explanation = _explain.Invoke(_target, new[] { CreateInput(row) })!;
        var type = explanation.GetType();
        return new ExplanationUnderTest(
            Result(type.GetProperty("Decision")!.GetValue(explanation)!),
            (IReadOnlyList<RuleTrace>)type.GetProperty("Rules")!.GetValue(explanation)!,
            explanation.ToString()!);
    }

    // A RuleResult, or for plain collect the Matches, in the reference evaluator's terms.
    private ResultUnderTest Result(object value)
    {
        if (_evaluateAll is not null && value.GetType().GetProperty("Item") is { } item)
        {
            // A loaded rule set's RuleMatches: indexed (its enumerator is a span's, which reflection cannot hold).
            var count = (int)value.GetType().GetProperty("Count")!.GetValue(value)!;
            var matched = Enumerable.Range(0, count).Select(i => item.GetValue(value, new object[] { i })!).ToList();
            return new ResultUnderTest(count > 0, null, null, matched.Select(m => (string)m.GetType().GetProperty("RuleId")!.GetValue(m)!).ToList())
            {
                HoldingOutputs = matched.Select(m => (IReadOnlyList<Value>)Outputs(m.GetType().GetProperty("Output")!.GetValue(m)!)).ToList(),
            };
        }

        if (_evaluateAll is not null)
        {
            var enumerator = value.GetType().GetMethod("GetEnumerator")!.Invoke(value, null)!;
            var moveNext = enumerator.GetType().GetMethod("MoveNext")!;
            var current = enumerator.GetType().GetProperty("Current")!;
            var ids = new List<string>();
            var outputsOfMatches = new List<IReadOnlyList<Value>>();
            while ((bool)moveNext.Invoke(enumerator, null)!)
            {
                var result = current.GetValue(enumerator)!;
                ids.Add((string)result.GetType().GetProperty("RuleId")!.GetValue(result)!);
                outputsOfMatches.Add(Outputs(result.GetType().GetProperty("Output")!.GetValue(result)!));
            }

            return new ResultUnderTest(ids.Count > 0, null, null, ids) { HoldingOutputs = outputsOfMatches };
        }

        var resultType = value.GetType();
        return new ResultUnderTest(
            (bool)resultType.GetProperty("Matched")!.GetValue(value)!,
            (string?)resultType.GetProperty("RuleId")!.GetValue(value),
            Outputs(resultType.GetProperty("Output")!.GetValue(value)!),
            null);
    }

    private List<Value> Outputs(object output) =>
        _model.Outputs.Select(field => FromClr(output.GetType().GetProperty(field.PropertyName)!.GetValue(output), field)).ToList();

    private object? ToClr(Value value, FieldModel field) => field.Type switch
    {
        FieldType.String => value.Text,
        FieldType.Int => (int)value.Integer,
        FieldType.Long => value.Integer,
        FieldType.Decimal => value.Decimal,
        FieldType.Double => value.Real,
        FieldType.Bool => value.AsBool,
        FieldType.Enum => Enum.ToObject(EnumType(field), (int)value.Integer),
        FieldType.Date => DateOnly.FromDayNumber((int)value.Integer),
        FieldType.DateTime => new DateTimeOffset(Temporal.LocalTicks(value), TimeSpan.FromMinutes(Temporal.OffsetMinutes(value))),
        FieldType.Time => new TimeOnly(value.Integer),
        FieldType.Duration => new TimeSpan(value.Integer),
        FieldType.StringList => value.Text == NullList ? null : value.Items.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no CLR value for this type"),
    };

    private static Value FromClr(object? value, FieldModel field) => field.Type switch
    {
        FieldType.String => Value.String((string)value!),
        FieldType.Int => Value.Int((int)value!),
        FieldType.Long => Value.Long((long)value!),
        FieldType.Decimal => Value.Dec((decimal)value!),
        FieldType.Double => Value.Dbl((double)value!),
        FieldType.Bool => Value.Bool((bool)value!),
        FieldType.Enum => Value.Enum(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)),
        FieldType.Date => Value.Of(FieldType.Date, ((DateOnly)value!).DayNumber),
        FieldType.DateTime => Temporal.OfDateTime(((DateTimeOffset)value!).UtcTicks, (int)((DateTimeOffset)value!).Offset.TotalMinutes),
        FieldType.Time => Value.Of(FieldType.Time, ((TimeOnly)value!).Ticks),
        FieldType.Duration => Value.Of(FieldType.Duration, ((TimeSpan)value!).Ticks),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no output of this type"),
    };

    private Type EnumType(FieldModel field)
    {
        var prefix = _model.Namespace.Length == 0 ? string.Empty : _model.Namespace + ".";
        return _assembly.GetType(prefix + _model.Name + field.PropertyName, throwOnError: true)!;
    }

    /// <summary>Marks a string-list value that should reach generated code as a null array (it evaluates as empty).</summary>
    public const string NullList = "\0null-list";
}
