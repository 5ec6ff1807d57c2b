using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

// Output values (§10): a literal of the output's type, or { template: "..." } / { expr: "..." } computed from the
// input. Errors inside the string stand at their own column (YamlScalar.SpanOf).
public sealed partial class Binder
{
    private static readonly string[] s_computedKeys = { "template", "expr" };

    private OutputValue? OutputValue(YamlNode node, FieldModel output, string what)
    {
        if (node is not YamlMapping map)
        {
            return Literal(node, output, output.Type) is { } literal ? Model.OutputValue.Of(literal) : null;
        }

        if (map.Entries.Count != 1 || !s_computedKeys.Contains(map.Entries[0].Key.Value))
        {
            CheckKeys(map, s_computedKeys, "a computed output value");
            if (map.Entries.Count != 1)
            {
                Report(DiagnosticCatalog.WrongNodeKind.At(map.Span, "a literal, { template: \"...\" } or { expr: \"...\" }", $"The value of '{output.Name}' in {what}"));
            }

            return null;
        }

        var (key, value) = (map.Entries[0].Key, map.Entries[0].Value);
        if (Scalar(value, $"'{key.Value}'") is not { } scalar)
        {
            return null;
        }

        if (key.Value == "template")
        {
            if (output.Type != FieldType.String)
            {
                Report(DiagnosticCatalog.InvalidComputedOutput.At(key.Span, $"A template writes a string, but output '{output.Name}' is of type {output.Type.YamlName()}. Use {{ expr: \"...\" }} for a number, or a literal"));
                return null;
            }

            return Template(scalar) is { } template ? new OutputValue(Value.Zero(output.Type), template) : null;
        }

        if (ExpressionParser.DomainOf(output.Type) is null)
        {
            var fix = output.Type == FieldType.String ? "Use { template: \"...\" } for a string" : "Use a literal";
            Report(DiagnosticCatalog.InvalidComputedOutput.At(key.Span, $"An expression computes a number, but output '{output.Name}' is of type {output.Type.YamlName()}. {fix}"));
            return null;
        }

        var (root, problem) = ExpressionParser.Parse(scalar.Value, output, ExpressionInput);
        if (problem is { } p)
        {
            Report(DiagnosticCatalog.InvalidExpression.At(scalar.SpanOf(p.Start, p.Length), p.Message));
            return null;
        }

        var domain = ExpressionParser.DomainOf(output.Type)!.Value;
        if (ConstantProblem(root!, domain, output, isRoot: true) is { } constant)
        {
            Report(DiagnosticCatalog.InvalidExpression.At(scalar.Span, constant));
            return null;
        }

        return new OutputValue(Value.Zero(output.Type), new ExpressionValue(root!, domain, scalar.Value, scalar.Span));
    }

    /// <summary>
    /// What fails in the parts of an expression that read no input: C# computes them while compiling the generated
    /// code, where a division by zero or an overflow would be a C# error, so they are this build's errors instead.
    /// </summary>
    private static string? ConstantProblem(Expr expr, NumberDomain domain, FieldModel output, bool isRoot)
    {
        if (expr.ReadsInput())
        {
            return expr.Children().Select(child => ConstantProblem(child, domain, output, isRoot: false)).FirstOrDefault(problem => problem is not null);
        }

        try
        {
            Evaluation.Computations.Constant(expr, domain, isRoot ? output : null);
            return null;
        }
        catch (System.DivideByZeroException)
        {
            return "it divides by zero";
        }
        catch (System.OverflowException)
        {
            return isRoot && domain == NumberDomain.Integer
                ? $"its value does not fit output '{output.Name}' ({output.Type.YamlName()})"
                : $"a part of it that reads no input overflows the {output.Type.YamlName()} arithmetic it computes in";
        }
    }

    /// <summary>The input value a path in an expression names, or why it names none (null: nothing by that name).</summary>
    private (FieldModel? Leaf, string? Problem) ExpressionInput(string path)
    {
        var (leaf, container) = ResolvePath(path);
        return container is not null ? (null, $"'{path}' is {WholeContainer(container)}") : (leaf, null);
    }

    /// <summary>
    /// <c>text {path} text</c>: <c>{{</c> and <c>}}</c> are literal braces; each <c>{path}</c> names an input, whose
    /// value is written invariantly (§10).
    /// </summary>
    private TemplateValue? Template(YamlScalar scalar)
    {
        var text = scalar.Value;
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                return TemplateProblem(scalar, i, 1, "a lone '}'; write '}}' for a literal brace");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                return TemplateProblem(scalar, i, text.Length - i, "'{' opens a placeholder that is never closed; close it with '}', or write '{{' for a literal brace");
            }

            var path = text.Substring(i + 1, close - i - 1);
            var name = path.Trim();
            if (name.Length == 0)
            {
                return TemplateProblem(scalar, i, close - i + 1, "an empty placeholder; write an input name inside the braces, {command}");
            }

            if (PathValue(name, scalar.SpanOf(i + 1 + path.IndexOf(name, System.StringComparison.Ordinal), name.Length)) is not { } field)
            {
                return null;
            }

            if (literal.Length > 0)
            {
                parts.Add(TemplatePart.Text(literal.ToString()));
                literal.Clear();
            }

            parts.Add(TemplatePart.Input(field.Index));
            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(TemplatePart.Text(literal.ToString()));
        }

        return new TemplateValue(parts.ToEquatableArray(), text, scalar.Span);
    }

    private TemplateValue? TemplateProblem(YamlScalar scalar, int start, int length, string message)
    {
        Report(DiagnosticCatalog.InvalidTemplate.At(scalar.SpanOf(start, length), message));
        return null;
    }
}
