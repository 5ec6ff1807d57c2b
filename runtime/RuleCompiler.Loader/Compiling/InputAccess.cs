using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Reflection;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Compiling;

/// <summary>
/// How compiled code reads an input value, the one thing the typed and untyped back ends do differently: from the
/// properties of a generated input record struct, or from the slots of a <see cref="RuleSetInput"/>. Every read is of
/// the field's C# type as generated code declares it, but an enum as its ordinal (<c>int</c>) and a map key as its
/// value or null.
/// </summary>
internal abstract class InputAccess
{
    /// <summary>The value of <paramref name="field"/> from <paramref name="input"/> (the <c>in</c> parameter).</summary>
    public abstract Expression Read(FieldModel field, Expression input);

    /// <summary>The CLR type <see cref="Read"/> gives for a field (an enum's ordinal is an int).</summary>
    public static Type ClrType(FieldModel field) => field.IsMapKey ? typeof(string) : field.Type switch
    {
        FieldType.String => typeof(string),
        FieldType.Int => typeof(int),
        FieldType.Long => typeof(long),
        FieldType.Decimal => typeof(decimal),
        FieldType.Double => typeof(double),
        FieldType.Bool => typeof(bool),
        FieldType.Enum => typeof(int),
        FieldType.StringList => typeof(string[]),
        FieldType.Date => typeof(DateOnly),
        FieldType.DateTime => typeof(DateTimeOffset),
        FieldType.Time => typeof(TimeOnly),
        FieldType.Duration => typeof(TimeSpan),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no CLR type for this field type"),
    };
}

/// <summary>Reads the properties of a generated input type (<c>ShellGuardInput</c>), records and maps included.</summary>
internal sealed class TypedInputAccess : InputAccess
{
    private static readonly MethodInfo s_lookup = typeof(LoadedKernels).GetMethod(nameof(LoadedKernels.Lookup))!;

    private readonly Type _inputType;

    public TypedInputAccess(Type inputType) => _inputType = inputType;

    public override Expression Read(FieldModel field, Expression input)
    {
        Expression value = input;
        var properties = field.Path is { } path ? (IReadOnlyList<string>)path.Properties : new[] { field.PropertyName };
        foreach (var name in properties)
        {
            value = Expression.Property(value, Property(value.Type, name));
        }

        if (field.IsMapKey)
        {
            return Expression.Call(s_lookup, value, Expression.Constant(field.Path!.Key));
        }

        return field.Type == FieldType.Enum ? Expression.Convert(value, typeof(int)) : value;
    }

    private PropertyInfo Property(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new ContractMismatchException($"{_inputType.Name} has no property {name}");
}

/// <summary>Reads the slots of an untyped input (<see cref="RuleSetRow"/>): slot i holds leaf input i, of its CLR type.</summary>
internal sealed class UntypedInputAccess : InputAccess
{
    private static readonly FieldInfo s_values = typeof(RuleSetRow).GetField(nameof(RuleSetRow.Values), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public static UntypedInputAccess Instance { get; } = new();

    public override Expression Read(FieldModel field, Expression input)
    {
        var slot = Expression.ArrayIndex(Expression.Field(input, s_values), Expression.Constant(field.Index));
        return ClrType(field) is { IsValueType: true } type ? Expression.Unbox(slot, type) : Expression.Convert(slot, ClrType(field));
    }
}

/// <summary>A compiled rule set's input or output type does not have what the rule file declares.</summary>
internal sealed class ContractMismatchException(string message) : Exception(message);
