using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Compiling;

/// <summary>
/// How a loaded rule set makes its outputs, the other thing the typed and untyped back ends do differently: a
/// generated output record struct (<c>ShellGuardOutput</c>), or a <see cref="RuleSetOutput"/>.
/// </summary>
/// <typeparam name="TOutput">The output type.</typeparam>
internal abstract class OutputShape<TOutput>
{
    /// <summary>An output of literal values (a rule's row, the default's), made at load.</summary>
    public abstract TOutput Create(IReadOnlyList<Value> values);

    /// <summary>A copy of <paramref name="row"/> with the given outputs' values replaced (C#'s <c>with</c>).</summary>
    public abstract Expression With(Expression row, IReadOnlyList<(FieldModel Output, Expression Value)> values);

    /// <summary>The CLR type of output <paramref name="output"/> as the output holds it (an enum: its own type).</summary>
    public abstract Type TypeOf(FieldModel output);

    /// <summary>The value of <paramref name="output"/> in <paramref name="row"/>, of <see cref="TypeOf"/>.</summary>
    public abstract Expression Read(Expression row, FieldModel output);
}

/// <summary>A generated output record struct: its positional constructor, its properties.</summary>
internal sealed class TypedOutputShape<TOutput> : OutputShape<TOutput>
{
    private readonly IReadOnlyList<FieldModel> _outputs;
    private readonly PropertyInfo[] _properties;
    private readonly ConstructorInfo _constructor;

    public TypedOutputShape(IReadOnlyList<FieldModel> outputs)
    {
        _outputs = outputs;
        _properties = outputs.Select(output => typeof(TOutput).GetProperty(output.PropertyName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ContractMismatchException($"{typeof(TOutput).Name} has no property {output.PropertyName}")).ToArray();
        _constructor = typeof(TOutput).GetConstructor(_properties.Select(p => p.PropertyType).ToArray())
            ?? throw new ContractMismatchException($"{typeof(TOutput).Name} has no constructor ({string.Join(", ", _properties.Select(p => p.PropertyType.Name))})");
        for (var i = 0; i < outputs.Count; i++)
        {
            var expected = outputs[i].Type == FieldType.Enum ? null : InputAccess.ClrType(outputs[i]);
            if ((expected is not null && _properties[i].PropertyType != expected) || (expected is null && !_properties[i].PropertyType.IsEnum))
            {
                throw new ContractMismatchException($"{typeof(TOutput).Name}.{_properties[i].Name} is {_properties[i].PropertyType.Name}, not the rule file's {outputs[i].Type.YamlName()}");
            }
        }
    }

    public override TOutput Create(IReadOnlyList<Value> values) =>
        (TOutput)_constructor.Invoke(_outputs.Select(output => ClrValues.Of(values[output.Index], output, _properties[output.Index].PropertyType)).ToArray());

    public override Type TypeOf(FieldModel output) => _properties[output.Index].PropertyType;

    public override Expression Read(Expression row, FieldModel output) => Expression.Property(row, _properties[output.Index]);

    public override Expression With(Expression row, IReadOnlyList<(FieldModel Output, Expression Value)> values)
    {
        var copy = Expression.Variable(typeof(TOutput), "output");
        var body = new List<Expression> { Expression.Assign(copy, row) };
        foreach (var (output, value) in values)
        {
            var property = _properties[output.Index];
            body.Add(Expression.Assign(Expression.Property(copy, property), value.Type == property.PropertyType ? value : Expression.Convert(value, property.PropertyType)));
        }

        body.Add(copy);
        return Expression.Block(typeof(TOutput), new[] { copy }, body);
    }
}

/// <summary><see cref="RuleSetOutput"/>: one slot per output, of its CLR type (an enum: its value's name).</summary>
internal sealed class UntypedOutputShape : OutputShape<RuleSetOutput>
{
    private static readonly FieldInfo s_values = typeof(RuleSetOutput).GetField(nameof(RuleSetOutput.Values), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo s_with = typeof(RuleSetOutput).GetMethod(nameof(RuleSetOutput.With), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly IReadOnlyList<FieldModel> _outputs;
    private readonly string[] _names;

    public UntypedOutputShape(IReadOnlyList<FieldModel> outputs)
    {
        _outputs = outputs;
        _names = outputs.Select(output => output.Name).ToArray();
    }

    public override RuleSetOutput Create(IReadOnlyList<Value> values) =>
        new(_names, _outputs.Select(output => output.Type == FieldType.Enum ? LoadedKernels.EnumText((int)values[output.Index].Integer, output.EnumValues.ToArray()) : ClrValues.Of(values[output.Index], output)).ToArray());

    public override Type TypeOf(FieldModel output) => output.Type == FieldType.Enum ? typeof(string) : InputAccess.ClrType(output);

    public override Expression Read(Expression row, FieldModel output)
    {
        var slot = Expression.ArrayIndex(Expression.Field(row, s_values), Expression.Constant(output.Index));
        return TypeOf(output) is { IsValueType: true } type ? Expression.Unbox(slot, type) : Expression.Convert(slot, TypeOf(output));
    }

    public override Expression With(Expression row, IReadOnlyList<(FieldModel Output, Expression Value)> values) => Expression.Call(
        row,
        s_with,
        Expression.Constant(values.Select(value => value.Output.Index).ToArray()),
        Expression.NewArrayInit(typeof(object), values.Select(value => Expression.Convert(value.Value, typeof(object)))));
}
