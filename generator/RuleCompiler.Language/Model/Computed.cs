using System;
using System.Linq;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Model;

/// <summary>
/// An output value of <c>then:</c> or <c>default:</c> (§10): a literal, or a value computed from the input for the
/// rule that wins. Literal outputs keep v1's shape; <see cref="Computed"/> is null for them.
/// </summary>
public readonly record struct OutputValue(Value Literal, ComputedValue? Computed)
{
    public static OutputValue Of(Value literal) => new(literal, null);

    public bool IsComputed => Computed is not null;

    /// <summary>
    /// Equal as <c>hit: any</c> needs (§10): equal literals, or the same template / expression text once whitespace
    /// is removed. Spans do not count.
    /// </summary>
    public bool SameAs(OutputValue other) => Computed is { } computed
        ? other.Computed is { } otherComputed && computed.Kind == otherComputed.Kind && computed.Key == otherComputed.Key
        : other.Computed is null && Literal.Equals(other.Literal);

    /// <summary>Whether two rules give the same outputs for every input (<see cref="SameAs"/>, output by output).</summary>
    public static bool AllSame(EquatableArray<OutputValue> left, EquatableArray<OutputValue> right) =>
        left.Count == right.Count && Enumerable.Range(0, left.Count).All(i => left[i].SameAs(right[i]));

    /// <summary>The value as the rule file writes it: the literal, or <c>{ template: "..." }</c>.</summary>
    public string ToYaml(FieldModel field) => Computed is { } computed
        ? "{ " + computed.Kind.YamlName() + ": " + Text.YamlScalars.String(computed.Text) + " }"
        : Literal.ToYaml(field);
}

public enum ComputationKind
{
    Template,
    Expression,
}

public static class ComputationKinds
{
    public static string YamlName(this ComputationKind kind) => kind switch
    {
        ComputationKind.Template => "template",
        ComputationKind.Expression => "expr",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown computation"),
    };
}

/// <summary>A computed output value: its source text (<see cref="Text"/>) and where it is written.</summary>
public abstract record ComputedValue(string Text, SourceSpan Span)
{
    public abstract ComputationKind Kind { get; }

    /// <summary>The text without whitespace: two computations with the same key compute the same value (§10).</summary>
    public string Key { get; } = new string(Text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}

/// <summary><c>{ template: "text {field} text" }</c>: literal text and input values, in order.</summary>
public sealed record TemplateValue(EquatableArray<TemplatePart> Parts, string Text, SourceSpan Span) : ComputedValue(Text, Span)
{
    public override ComputationKind Kind => ComputationKind.Template;
}

/// <summary>Literal text (when <see cref="Field"/> is -1) or the value of input <see cref="Field"/>.</summary>
public readonly record struct TemplatePart(string Literal, int Field)
{
    public static TemplatePart Text(string literal) => new(literal, -1);

    public static TemplatePart Input(int field) => new(string.Empty, field);

    public bool IsInput => Field >= 0;
}

/// <summary><c>{ expr: "..." }</c>: arithmetic computed in <see cref="Domain"/>, then stored in the output's type.</summary>
public sealed record ExpressionValue(Expr Root, NumberDomain Domain, string Text, SourceSpan Span) : ComputedValue(Text, Span)
{
    public override ComputationKind Kind => ComputationKind.Expression;
}

/// <summary>
/// The arithmetic an expression is computed in, chosen by its output's type (§10): checked 64-bit integers for int
/// and long outputs, decimal for decimal, double for double.
/// </summary>
public enum NumberDomain
{
    Integer,
    Decimal,
    Real,
}

public enum ExprFunction
{
    Min,
    Max,
    Abs,
    Round,
    Floor,
    Ceiling,
}

/// <summary>A bound expression node. Every node computes in its expression's <see cref="NumberDomain"/>.</summary>
public abstract record Expr
{
    /// <summary>The nodes this one computes from, left to right.</summary>
    public System.Collections.Generic.IEnumerable<Expr> Children() => this switch
    {
        NegateExpr negate => new[] { negate.Operand },
        BinaryExpr binary => new[] { binary.Left, binary.Right },
        CallExpr call => call.Arguments,
        RoundExpr round => new[] { round.Operand },
        _ => Enumerable.Empty<Expr>(),
    };

    /// <summary>Whether the value depends on the input; one that does not is computed at build time too.</summary>
    public bool ReadsInput() => this is InputExpr || Children().Any(child => child.ReadsInput());
}

/// <summary>A number literal, held as a value of its domain (long, decimal or double).</summary>
public sealed record NumberExpr(Value Value) : Expr;

/// <summary>The value of numeric input <see cref="Field"/>, converted to the domain.</summary>
public sealed record InputExpr(int Field) : Expr;

public sealed record NegateExpr(Expr Operand) : Expr;

/// <summary><see cref="Operator"/> is one of <c>+ - * /</c>.</summary>
public sealed record BinaryExpr(char Operator, Expr Left, Expr Right) : Expr;

/// <summary><c>min</c>, <c>max</c> (two or more arguments), <c>abs</c>, <c>floor</c>, <c>ceiling</c> (one).</summary>
public sealed record CallExpr(ExprFunction Function, EquatableArray<Expr> Arguments) : Expr;

/// <summary><c>round(x, digits)</c>: half away from zero, to <see cref="Digits"/> fractional digits.</summary>
public sealed record RoundExpr(Expr Operand, int Digits) : Expr;
