using System;
using System.Collections.Generic;
using System.Globalization;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Binding;

/// <summary>A mistake inside an expression or template string, at characters Start..+Length of the string.</summary>
internal readonly record struct TextProblem(int Start, int Length, string Message);

/// <summary>
/// Parses and type-checks <c>{ expr: "..." }</c> (§10) by recursive descent, in one pass:
/// <code>
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | '/') unary)*
/// unary   := '-' unary | primary
/// primary := number | path | function '(' sum (',' sum)* ')' | '(' sum ')'
/// </code>
/// Paths are input names (letters, digits, '_', '-', '.'): <c>a-b</c> is one name, so subtraction between names is
/// written with spaces. Every problem is reported at its characters; the first one stops the parse.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly Dictionary<string, ExprFunction> s_functions = new(StringComparer.Ordinal)
    {
        ["min"] = ExprFunction.Min,
        ["max"] = ExprFunction.Max,
        ["abs"] = ExprFunction.Abs,
        ["round"] = ExprFunction.Round,
        ["floor"] = ExprFunction.Floor,
        ["ceiling"] = ExprFunction.Ceiling,
    };

    private readonly string _text;
    private readonly NumberDomain _domain;
    private readonly FieldModel _output;
    private readonly Func<string, (FieldModel? Leaf, string? Problem)> _resolve;
    private int _position;
    private int _depth;

    private ExpressionParser(string text, NumberDomain domain, FieldModel output, Func<string, (FieldModel? Leaf, string? Problem)> resolve)
    {
        _text = text;
        _domain = domain;
        _output = output;
        _resolve = resolve;
    }

    /// <summary>How deep parentheses, calls and signs may nest.</summary>
    public const int MaxDepth = 64;

    public static string FunctionNames => "min, max, abs, round, floor, ceiling";

    /// <summary>The domain an output of <paramref name="type"/> computes in, or null for a type expressions cannot compute.</summary>
    public static NumberDomain? DomainOf(FieldType type) => type switch
    {
        FieldType.Int or FieldType.Long => NumberDomain.Integer,
        FieldType.Decimal => NumberDomain.Decimal,
        FieldType.Double => NumberDomain.Real,
        _ => null,
    };

    /// <param name="text">The expression as written.</param>
    /// <param name="output">The output it computes: its type picks the domain.</param>
    /// <param name="resolve">The input value a path names, or why it names none (no problem: nothing by that name).</param>
    public static (Expr? Root, TextProblem? Problem) Parse(string text, FieldModel output, Func<string, (FieldModel? Leaf, string? Problem)> resolve)
    {
        var domain = DomainOf(output.Type) ?? throw new ArgumentException("not a numeric output: " + output.Type, nameof(output));
        var parser = new ExpressionParser(text, domain, output, resolve);
        try
        {
            var root = parser.Sum();
            parser.SkipBlanks();
            if (parser._position < text.Length)
            {
                parser.Fail(parser._position, 1, $"unexpected '{text[parser._position]}'; expected an operator (+ - * /) or the end");
            }

            return (root, null);
        }
        catch (ProblemException problem)
        {
            return (null, problem.Problem);
        }
    }

    private Expr Sum()
    {
        var left = Product();
        while (Peek() is '+' or '-')
        {
            var op = _text[_position++];
            left = new BinaryExpr(op, left, Product());
        }

        return left;
    }

    private Expr Product()
    {
        var left = Unary();
        while (Peek() is '*' or '/')
        {
            var at = _position;
            var op = _text[_position++];
            if (op == '/' && _domain == NumberDomain.Integer)
            {
                Fail(at, 1, $"'/' divides, but output '{_output.Name}' is of type {_output.Type.YamlName()}: integer outputs compute in whole numbers. Make the output decimal or double");
            }

            left = new BinaryExpr(op, left, Unary());
        }

        return left;
    }

    private Expr Unary()
    {
        // Every nesting (parentheses, calls, signs) passes here: deep nesting is an error, not a stack overflow.
        if (++_depth > MaxDepth)
        {
            Fail(_position, 1, $"it nests deeper than {MaxDepth} levels");
        }

        Expr result;
        if (Peek() == '-')
        {
            _position++;
            result = new NegateExpr(Unary());
        }
        else
        {
            result = Primary();
        }

        _depth--;
        return result;
    }

    private Expr Primary()
    {
        var c = Peek();
        var start = _position;
        if (c == '(')
        {
            _position++;
            var inner = Sum();
            Expect(')', "')' to close the '(' at column " + (start + 1).ToString(CultureInfo.InvariantCulture) + " of the expression");
            return inner;
        }

        if (c is >= '0' and <= '9' || c == '.')
        {
            return Number();
        }

        if (IsNameStart(c))
        {
            while (_position < _text.Length && IsNamePart(_text[_position]))
            {
                _position++;
            }

            var name = _text.Substring(start, _position - start);
            return Peek() == '(' ? Call(name, start) : Input(name, start);
        }

        if (c == '\0')
        {
            Fail(_text.Length, 0, "it ends where a number, an input or '(' is expected");
        }

        return Fail(start, 1, $"unexpected '{c}'; expected a number, an input, a function ({FunctionNames}) or '('");
    }

    private Expr Number()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        var text = _text.Substring(start, _position - start);
        var fraction = text.IndexOf('.');
        if (fraction == 0 || fraction == text.Length - 1 || (fraction >= 0 && text.IndexOf('.', fraction + 1) >= 0))
        {
            return Fail(start, text.Length, $"'{text}' is not a number; write digits with at most one '.' between digits (0.5, 12)");
        }

        switch (_domain)
        {
            case NumberDomain.Integer:
                if (fraction >= 0)
                {
                    return Fail(start, text.Length, $"'{text}' has a fraction, but output '{_output.Name}' is of type {_output.Type.YamlName()}. Write a whole number or make the output decimal or double");
                }

                return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer)
                    ? new NumberExpr(Value.Long(integer))
                    : Fail(start, text.Length, $"'{text}' does not fit a 64-bit integer");
            case NumberDomain.Decimal:
                return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dec)
                    ? new NumberExpr(Value.Dec(dec))
                    : Fail(start, text.Length, $"'{text}' does not fit a decimal");
            default:
                return new NumberExpr(Value.Dbl(double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
        }
    }

    private Expr Input(string name, int start)
    {
        var (field, pathProblem) = _resolve(name);
        if (pathProblem is not null)
        {
            return Fail(start, name.Length, pathProblem);
        }

        if (field is null)
        {
            var hint = s_functions.ContainsKey(name) ? $"; '{name}' is a function: call it, {name}(...)"
                : name.IndexOf('-') > 0 ? "; to subtract, write spaces around '-' (a - b)"
                : string.Empty;
            return Fail(start, name.Length, $"unknown input '{name}'{hint}");
        }

        var problem = (_domain, field.Type) switch
        {
            (_, not (FieldType.Int or FieldType.Long or FieldType.Decimal or FieldType.Double)) =>
                $"input '{name}' is of type {field.Type.YamlName()}; expressions compute with int, long, decimal and double inputs",
            (NumberDomain.Integer, FieldType.Decimal or FieldType.Double) =>
                $"input '{name}' is of type {field.Type.YamlName()}, but output '{_output.Name}' is of type {_output.Type.YamlName()}: integer outputs compute in whole numbers. Make the output decimal or double",
            (NumberDomain.Decimal, FieldType.Double) =>
                $"input '{name}' is of type double, but output '{_output.Name}' is of type decimal, which a double does not convert to exactly. Make the input decimal or the output double",
            _ => null,
        };
        return problem is null ? new InputExpr(field.Index) : Fail(start, name.Length, problem);
    }

    private Expr Call(string name, int start)
    {
        if (!s_functions.TryGetValue(name, out var function))
        {
            return Fail(start, name.Length, $"unknown function '{name}'; use {FunctionNames}");
        }

        _position++; // '('
        var arguments = new List<Expr> { Sum() };
        var argumentStarts = new List<int> { start };
        while (Peek() == ',')
        {
            _position++;
            SkipBlanks();
            argumentStarts.Add(_position);
            arguments.Add(function == ExprFunction.Round && arguments.Count == 1 ? Digits() : Sum());
        }

        Expect(')', $"')' to close {name}(");
        var length = _position - start;
        switch (function)
        {
            case ExprFunction.Min or ExprFunction.Max when arguments.Count < 2:
                return Fail(start, length, $"{name} takes two or more values: {name}(a, b, ...)");
            case ExprFunction.Abs or ExprFunction.Floor or ExprFunction.Ceiling when arguments.Count != 1:
                return Fail(start, length, $"{name} takes one value: {name}(x)");
            case ExprFunction.Round when arguments.Count > 2:
                return Fail(start, length, "round takes a value and a number of digits: round(x, 2)");
            case ExprFunction.Round:
                return new RoundExpr(arguments[0], arguments.Count == 2 ? (int)((NumberExpr)arguments[1]).Value.Integer : 0);
            default:
                return new CallExpr(function, arguments.ToEquatableArray());
        }
    }

    /// <summary><c>round</c>'s digits: a whole number the domain can round to.</summary>
    private Expr Digits()
    {
        var start = _position;
        var max = _domain == NumberDomain.Real ? 15 : 28;
        while (_position < _text.Length && char.IsDigit(_text[_position]))
        {
            _position++;
        }

        var text = _text.Substring(start, _position - start);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && digits <= max
            ? new NumberExpr(Value.Long(digits))
            : Fail(start, Math.Max(1, text.Length), $"round's digits must be a whole number from 0 to {max}");
    }

    private void Expect(char c, string what)
    {
        if (Peek() != c)
        {
            Fail(Math.Min(_position, _text.Length), _position < _text.Length ? 1 : 0, "expected " + what);
        }

        _position++;
    }

    /// <summary>The next character that is not a blank (moving past the blanks), or '\0' at the end.</summary>
    private char Peek()
    {
        SkipBlanks();
        return _position < _text.Length ? _text[_position] : '\0';
    }

    private void SkipBlanks()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private static bool IsNameStart(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z';

    private static bool IsNamePart(char c) => IsNameStart(c) || c is >= '0' and <= '9' or '_' or '-' or '.';

    private Expr Fail(int start, int length, string message) => throw new ProblemException(new TextProblem(start, length, message));

    /// <summary>Unwinds the descent at the first problem; caught in <see cref="Parse"/>, never escapes it.</summary>
    private sealed class ProblemException : Exception
    {
        public ProblemException(TextProblem problem) => Problem = problem;

        public TextProblem Problem { get; }
    }
}
