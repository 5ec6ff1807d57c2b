using System;
using System.Collections.Generic;
using System.Text;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Evaluation;

/// <summary>
/// Computes output values (§10) as the spec reads, independently of generated code (which the differential tests
/// compare with it): templates write input values through the model's YAML writer, expressions fold the tree in
/// their domain. Throws what generated code throws: <see cref="OverflowException"/> and
/// <see cref="DivideByZeroException"/>.
/// </summary>
public static class Computations
{
    /// <summary>The outputs of a rule (or of the default) for <paramref name="input"/>: literals as written, computed values computed.</summary>
    public static EquatableArray<Value> Outputs(RuleSetModel model, EquatableArray<OutputValue> values, IReadOnlyList<Value> input)
    {
        var outputs = new Value[values.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Output(model, model.Outputs[i], values[i], input);
        }

        return new EquatableArray<Value>(outputs);
    }

    public static Value Output(RuleSetModel model, FieldModel output, OutputValue value, IReadOnlyList<Value> input) => value.Computed switch
    {
        null => value.Literal,
        TemplateValue template => Value.String(Template(model, template, input)),
        ExpressionValue expression => Store(output, Compute(expression.Root, expression.Domain, input)),
        _ => throw new ArgumentException("unknown computation " + value.Computed.GetType().Name, nameof(value)),
    };

    private static string Template(RuleSetModel model, TemplateValue template, IReadOnlyList<Value> input)
    {
        var text = new StringBuilder();
        foreach (var part in template.Parts)
        {
            if (!part.IsInput)
            {
                text.Append(part.Literal);
                continue;
            }

            var field = model.Inputs[part.Field];
            var value = input[part.Field];
            switch (field.Type)
            {
                case FieldType.String:
                    text.Append(value.AsString);
                    break;
                case FieldType.StringList:
                    text.Append(string.Join(" ", value.Items));
                    break;
                case FieldType.Enum:
                    // An ordinal no declared value has (a cast) is written as its number.
                    text.Append(value.Integer >= 0 && value.Integer < field.EnumValues.Count
                        ? field.EnumValues[(int)value.Integer]
                        : Text.YamlScalars.Integer(value.Integer));
                    break;
                default:
                    text.Append(value.ToYaml(field));
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The value of an expression that reads no input (<see cref="Expr.ReadsInput"/>), stored in the output's type when
    /// <paramref name="output"/> is given: the binder computes it at build time, where overflow is an error.
    /// </summary>
    public static Value Constant(Expr expr, NumberDomain domain, FieldModel? output)
    {
        var value = Compute(expr, domain, Array.Empty<Value>());
        return output is null ? value : Store(output, value);
    }

    /// <summary>An expression's value as a number of its domain: long, decimal or double in a <see cref="Value"/>.</summary>
    private static Value Compute(Expr expr, NumberDomain domain, IReadOnlyList<Value> input)
    {
        switch (expr)
        {
            case NumberExpr number:
                return number.Value;
            case InputExpr read:
                return Convert(input[read.Field], domain);
            case NegateExpr negate:
                var operand = Compute(negate.Operand, domain, input);
                return Arithmetic(domain, operand, operand, (_, b) => checked(-b), (_, b) => -b, (_, b) => -b);
            case BinaryExpr binary:
                var left = Compute(binary.Left, domain, input);
                var right = Compute(binary.Right, domain, input);
                return binary.Operator switch
                {
                    '+' => Arithmetic(domain, left, right, (a, b) => checked(a + b), (a, b) => a + b, (a, b) => a + b),
                    '-' => Arithmetic(domain, left, right, (a, b) => checked(a - b), (a, b) => a - b, (a, b) => a - b),
                    '*' => Arithmetic(domain, left, right, (a, b) => checked(a * b), (a, b) => a * b, (a, b) => a * b),
                    '/' => Arithmetic(domain, left, right, (_, _) => throw new InvalidOperationException("'/' in an integer expression"), (a, b) => a / b, (a, b) => a / b),
                    _ => throw new ArgumentException("unknown operator " + binary.Operator, nameof(expr)),
                };
            case RoundExpr round:
                var rounded = Compute(round.Operand, domain, input);
                return Arithmetic(
                    domain,
                    rounded,
                    rounded,
                    (_, a) => a,
                    (_, a) => Math.Round(a, round.Digits, MidpointRounding.AwayFromZero),
                    (_, a) => Math.Round(a, round.Digits, MidpointRounding.AwayFromZero));
            case CallExpr call:
                var first = Compute(call.Arguments[0], domain, input);
                switch (call.Function)
                {
                    case ExprFunction.Min or ExprFunction.Max:
                        var min = call.Function == ExprFunction.Min;
                        for (var i = 1; i < call.Arguments.Count; i++)
                        {
                            var next = Compute(call.Arguments[i], domain, input);
                            first = min
                                ? Arithmetic(domain, first, next, Math.Min, Math.Min, Math.Min)
                                : Arithmetic(domain, first, next, Math.Max, Math.Max, Math.Max);
                        }

                        return first;
                    case ExprFunction.Abs:
                        return Arithmetic(domain, first, first, (_, a) => Math.Abs(a), (_, a) => Math.Abs(a), (_, a) => Math.Abs(a));
                    case ExprFunction.Floor:
                        return Arithmetic(domain, first, first, (_, a) => a, (_, a) => Math.Floor(a), (_, a) => Math.Floor(a));
                    case ExprFunction.Ceiling:
                        return Arithmetic(domain, first, first, (_, a) => a, (_, a) => Math.Ceiling(a), (_, a) => Math.Ceiling(a));
                    default:
                        throw new ArgumentException("unknown function " + call.Function, nameof(expr));
                }

            default:
                throw new ArgumentException("unknown expression " + expr.GetType().Name, nameof(expr));
        }
    }

    private static Value Arithmetic(
        NumberDomain domain,
        Value left,
        Value right,
        Func<long, long, long> integer,
        Func<decimal, decimal, decimal> dec,
        Func<double, double, double> real) => domain switch
    {
        NumberDomain.Integer => Value.Long(integer(left.Integer, right.Integer)),
        NumberDomain.Decimal => Value.Dec(dec(left.Decimal, right.Decimal)),
        NumberDomain.Real => Value.Dbl(real(left.Real, right.Real)),
        _ => throw new ArgumentOutOfRangeException(nameof(domain), domain, "unknown domain"),
    };

    /// <summary>An input's value in the domain: int and long widen to long, decimal and double; decimal to double.</summary>
    private static Value Convert(Value value, NumberDomain domain) => (domain, value.Type.Info().Kind) switch
    {
        (NumberDomain.Integer, ValueKind.Integer) => Value.Long(value.Integer),
        (NumberDomain.Decimal, ValueKind.Integer) => Value.Dec(value.Integer),
        (NumberDomain.Decimal, ValueKind.Decimal) => value,
        (NumberDomain.Real, ValueKind.Integer) => Value.Dbl(value.Integer),
        (NumberDomain.Real, ValueKind.Decimal) => Value.Dbl((double)value.Decimal),
        (NumberDomain.Real, ValueKind.Real) => value,
        _ => throw new ArgumentException($"a {value.Type} input in a {domain} expression", nameof(value)),
    };

    /// <summary>The domain's result in the output's type: an int output takes a long that fits it, or overflows.</summary>
    private static Value Store(FieldModel output, Value result) => output.Type switch
    {
        FieldType.Int => Value.Int(checked((int)result.Integer)),
        FieldType.Long => Value.Long(result.Integer),
        FieldType.Decimal => result,
        FieldType.Double => result,
        _ => throw new ArgumentException("not a numeric output: " + output.Type, nameof(output)),
    };
}
