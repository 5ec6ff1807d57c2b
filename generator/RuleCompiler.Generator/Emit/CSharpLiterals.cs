using System;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

/// <summary>C# spellings of rule-file values: culture-invariant, exact, and escaped by Roslyn itself.</summary>
internal static class CSharpLiterals
{
    public static string String(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    public static string Of(Value value, FieldModel field, string enumType) => value.Type switch
    {
        FieldType.String or FieldType.StringList => String(value.AsString),
        FieldType.Int => value.Integer.ToString(CultureInfo.InvariantCulture),
        FieldType.Long => value.Integer.ToString(CultureInfo.InvariantCulture) + "L",
        FieldType.Decimal => value.Decimal.ToString(CultureInfo.InvariantCulture) + "m",
        FieldType.Double => Double(value.Real),
        FieldType.Bool => value.AsBool ? "true" : "false",
        FieldType.Enum => enumType + "." + field.EnumMembers[(int)value.Integer],
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "no C# literal for this type"),
    };

    public static string Double(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "double.NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string XmlText(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", " ").Replace("\n", " ");

    /// <summary>Text safe inside a // comment (no line breaks).</summary>
    public static string CommentText(string text) => text.Replace("\r", " ").Replace("\n", " ");
}
