using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

// Computed outputs (§10). A rule's literal outputs stay in s_outputs; a rule that computes one is a case of OutputOf,
// which copies its row `with` the computed values, so only the rule that wins (or each that holds, with collect)
// computes anything. Expressions are straight C# in their domain; templates write into a stack buffer through
// RuleTemplate, so the result string is the only allocation.
internal sealed partial class CSharpEmitter
{
    private const int TemplateBuffer = 256;

    private readonly SortedSet<int> _templateEnums = new();

    // Asked for every result and output written; each scans the rules, so the constructor computes them once.
    private readonly bool _hasComputed;
    private readonly bool _defaultComputed;

    private bool HasComputed => _hasComputed;

    private bool DefaultComputed => _defaultComputed;

    /// <summary>The outputs of rule <paramref name="rule"/> (an expression of type int) for <c>input</c>.</summary>
    private string OutputOfRule(string rule, string input = "input") => HasComputed ? $"{MemberNames.OutputOf}({rule}, in {input})" : $"s_outputs[{rule}]";

    /// <summary>The outputs when no rule holds, for <c>input</c>.</summary>
    private string NoMatchOutputs(string input = "input") => DefaultComputed ? $"{MemberNames.NoMatchOutput}(in {input})" : "s_noMatch";

    private void EmitComputedOutputs()
    {
        if (!HasComputed)
        {
            return;
        }

        _w.Line();
        _w.Line("/// <summary>The outputs of <paramref name=\"rule\"/> for <paramref name=\"input\"/>: its row of literals, with the values it computes.</summary>");
        _w.Line($"private static {_output} {MemberNames.OutputOf}(int rule, in {NodeInput} input) => rule switch");
        _w.Line("{");
        _w.Indent();
        foreach (var rule in _model.Rules.Where(rule => rule.Then.Any(value => value.IsComputed)))
        {
            _w.Line($"{rule.Index} => s_outputs[{rule.Index}] with {{ {Assignments(rule.Index, rule.Then)} }}, // {rule.Id}");
        }

        _w.Line("_ => s_outputs[rule],");
        _w.Outdent();
        _w.Line("};");
        if (DefaultComputed)
        {
            _w.Line();
            _w.Line("/// <summary>The default's outputs for <paramref name=\"input\"/>.</summary>");
            _w.Line($"private static {_output} {MemberNames.NoMatchOutput}(in {NodeInput} input) => s_noMatch with {{ {Assignments(-1, _model.NoMatchOutputs)} }};");
        }

        foreach (var rule in _model.Rules)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            EmitComputeMethods(rule.Index, rule.Id, rule.Then);
        }

        EmitComputeMethods(-1, "default", _model.NoMatchOutputs);
        foreach (var field in _templateEnums.Select(index => _model.Inputs[index]))
        {
            _w.Line();
            _w.Open($"private static void {MemberNames.AppendValue}(ref {Runtime}.RuleTemplate text, {EnumType(field)} value)");
            _w.Open("switch (value)");
            for (var i = 0; i < field.EnumValues.Count; i++)
            {
                _w.Line($"case {EnumType(field)}.{field.EnumMembers[i]}: text.AppendLiteral({CSharpLiterals.String(field.EnumValues[i])}); return;");
            }

            _w.Line("default: text.Append((int)value); return; // a value no name declares");
            _w.Close();
            _w.Close();
        }
    }

    private string Assignments(int rule, IReadOnlyList<OutputValue> values) => string.Join(", ", _model.Outputs
        .Where(output => values[output.Index].IsComputed)
        .Select(output => $"{output.PropertyName} = {MemberNames.Compute(rule, output.Index)}(in input)"));

    private void EmitComputeMethods(int rule, string owner, IReadOnlyList<OutputValue> values)
    {
        foreach (var output in _model.Outputs)
        {
            if (values[output.Index].Computed is not { } computed)
            {
                continue;
            }

            var name = MemberNames.Compute(rule, output.Index);
            _w.Line();
            _w.Line($"// {owner}: {output.Name}: {values[output.Index].ToYaml(output)}");
            switch (computed)
            {
                case ExpressionValue expression:
                    var body = Expression(expression.Root, expression.Domain);
                    _w.Line(output.Type switch
                    {
                        FieldType.Int => $"private static int {name}(in {NodeInput} input) => checked((int){body});",
                        FieldType.Long => $"private static long {name}(in {NodeInput} input) => checked({body});",
                        _ => $"private static {TypeOf(output, isInput: false)} {name}(in {NodeInput} input) => {body};",
                    });
                    break;
                case TemplateValue template when !template.Parts.Any(part => part.IsInput):
                    _w.Line($"private static string {name}(in {NodeInput} input) => {CSharpLiterals.String(string.Concat(template.Parts.Select(part => part.Literal)))};");
                    break;
                case TemplateValue template:
                    _w.Open($"private static string {name}(in {NodeInput} input)");
                    _w.Line($"{Runtime}.RuleTemplate text = new(stackalloc char[{TemplateBuffer}]);");
                    foreach (var part in template.Parts)
                    {
                        _w.Line(TemplatePart(part));
                    }

                    _w.Line("return text.ToStringAndClear();");
                    _w.Close();
                    break;
                default:
                    throw new System.ArgumentException("unknown computation " + computed.GetType().Name, nameof(values));
            }
        }
    }

    private string TemplatePart(TemplatePart part)
    {
        if (!part.IsInput)
        {
            return $"text.AppendLiteral({CSharpLiterals.String(part.Literal)});";
        }

        var field = _model.Inputs[part.Field];
        if (field.Type == FieldType.Enum)
        {
            _templateEnums.Add(field.Index);
            return $"{MemberNames.AppendValue}(ref text, {Access(field)});";
        }

        return $"text.Append({Access(field)});";
    }

    /// <summary>An expression as C# of its domain; fully parenthesized, so C#'s precedence never matters.</summary>
    private string Expression(Expr expr, NumberDomain domain)
    {
        switch (expr)
        {
            case NumberExpr number:
                return domain switch
                {
                    NumberDomain.Integer => number.Value.Integer.ToString(CultureInfo.InvariantCulture) + "L",
                    NumberDomain.Decimal => number.Value.Decimal.ToString(CultureInfo.InvariantCulture) + "m",
                    _ => number.Value.Real.ToString("R", CultureInfo.InvariantCulture) + "d",
                };
            case InputExpr read:
                var type = domain switch { NumberDomain.Integer => "long", NumberDomain.Decimal => "decimal", _ => "double" };
                return $"(({type}){Access(_model.Inputs[read.Field])})";
            case NegateExpr negate:
                return $"(-{Expression(negate.Operand, domain)})";
            case BinaryExpr binary:
                return $"({Expression(binary.Left, domain)} {binary.Operator} {Expression(binary.Right, domain)})";
            case RoundExpr round:
                return domain == NumberDomain.Integer
                    ? Expression(round.Operand, domain)
                    : $"global::System.Math.Round({Expression(round.Operand, domain)}, {round.Digits.ToString(CultureInfo.InvariantCulture)}, global::System.MidpointRounding.AwayFromZero)";
            case CallExpr call:
                var arguments = call.Arguments.Select(argument => Expression(argument, domain)).ToList();
                return call.Function switch
                {
                    ExprFunction.Min or ExprFunction.Max => arguments.Skip(1).Aggregate(arguments[0], (acc, next) => $"global::System.Math.{call.Function}({acc}, {next})"),
                    ExprFunction.Abs => $"global::System.Math.Abs({arguments[0]})",
                    ExprFunction.Floor or ExprFunction.Ceiling when domain == NumberDomain.Integer => arguments[0],
                    ExprFunction.Floor or ExprFunction.Ceiling => $"global::System.Math.{call.Function}({arguments[0]})",
                    _ => throw new System.ArgumentException("unknown function " + call.Function, nameof(expr)),
                };
            default:
                throw new System.ArgumentException("unknown expression " + expr.GetType().Name, nameof(expr));
        }
    }
}
