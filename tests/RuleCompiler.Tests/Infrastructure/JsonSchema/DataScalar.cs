using System;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace RuleCompiler.Tests.Infrastructure.JsonSchema;

/// <summary>A scalar: its text, and whether it was written plain, which decides its <see cref="Kind"/> (YAML 1.2 core schema).</summary>
public sealed class DataScalar : DataNode
{
    private static readonly Regex s_null = new("^(null|Null|NULL|~|)$", RegexOptions.CultureInvariant);
    private static readonly Regex s_boolean = new("^(true|True|TRUE|false|False|FALSE)$", RegexOptions.CultureInvariant);
    private static readonly Regex s_decimalInteger = new("^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_octal = new("^0o[0-7]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_hexadecimal = new("^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex s_infinity = new(@"^[-+]?\.(inf|Inf|INF)$", RegexOptions.CultureInvariant);
    private static readonly Regex s_notANumber = new(@"^\.(nan|NaN|NAN)$", RegexOptions.CultureInvariant);

    public DataScalar(string text, bool isPlain)
    {
        Text = text;
        IsPlain = isPlain;
        Kind = ScalarKind.String;
        if (!isPlain)
        {
            return;
        }

        if (s_null.IsMatch(text))
        {
            Kind = ScalarKind.Null;
        }
        else if (s_boolean.IsMatch(text))
        {
            Kind = ScalarKind.Boolean;
            Boolean = text[0] is 't' or 'T';
        }
        else if (s_decimalInteger.IsMatch(text) || s_float.IsMatch(text))
        {
            Kind = ScalarKind.Number;
            Double = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Decimal = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact : null;
        }
        else if (s_octal.IsMatch(text) || s_hexadecimal.IsMatch(text))
        {
            Kind = ScalarKind.Number;
            var value = BigInteger.Zero;
            var radix = text[1] == 'o' ? 8 : 16;
            foreach (var digit in text.Substring(2))
            {
                value = value * radix + Convert.ToInt32(digit.ToString(), 16);
            }

            Double = (double)value;
            Decimal = value <= new BigInteger(decimal.MaxValue) ? (decimal)value : null;
        }
        else if (s_infinity.IsMatch(text))
        {
            Kind = ScalarKind.Number;
            Double = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }
        else if (s_notANumber.IsMatch(text))
        {
            Kind = ScalarKind.Number;
            Double = double.NaN;
        }
    }

    /// <summary>The scalar's text, as written (without quotes).</summary>
    public string Text { get; }

    /// <summary>Written without quotes (or block style): YAML then gives <c>true</c>, <c>42</c>, <c>null</c> their core-schema types.</summary>
    public bool IsPlain { get; }

    public ScalarKind Kind { get; }

    public bool Boolean { get; }

    /// <summary>A number's value as a double (±∞ and NaN included).</summary>
    public double Double { get; }

    /// <summary>A number's exact value, when a decimal holds it.</summary>
    public decimal? Decimal { get; }

    /// <summary>JSON Schema's integer: a number whose fractional part is zero (so 1.0 is an integer, as in draft-07).</summary>
    public bool IsInteger => Kind == ScalarKind.Number
        && (Decimal is { } exact ? decimal.Truncate(exact) == exact : !double.IsInfinity(Double) && !double.IsNaN(Double) && Math.Floor(Double) == Double);

    /// <summary>Compares two numbers exactly when both fit a decimal; NaN compares as unordered (reported as 2).</summary>
    public static int CompareNumbers(DataScalar a, DataScalar b)
    {
        if (a.Decimal is { } x && b.Decimal is { } y)
        {
            return x.CompareTo(y);
        }

        if (double.IsNaN(a.Double) || double.IsNaN(b.Double))
        {
            return 2;
        }

        return a.Double.CompareTo(b.Double);
    }

    public override string ToString() => IsPlain ? Text : "\"" + Text + "\"";
}
