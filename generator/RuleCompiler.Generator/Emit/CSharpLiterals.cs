using System;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

/// <summary>C# spellings of rule-file values: culture-invariant, exact, and escaped by Roslyn itself.</summary>
internal static class CSharpLiterals
{
    /// <summary>
    /// A string literal. Printable ASCII without quotes or backslashes is written as is, which is what Roslyn writes
    /// for it; anything else is escaped by Roslyn. The shortcut matters: ids, paths and values of a 10,000-rule file
    /// are tens of thousands of literals, and Roslyn's formatter spent an eighth of the emitter's time on them.
    /// </summary>
    public static string String(string text)
    {
        foreach (var c in text)
        {
            if (c < ' ' || c > '~' || c == '"' || c == '\\')
            {
                return SymbolDisplay.FormatLiteral(text, quote: true);
            }
        }

        return "\"" + text + "\"";
    }

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

    /// <summary>Text safe inside an XML doc comment: escaped, and on one line.</summary>
    public static string XmlText(string text) =>
        OneLine(text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;"));

    // Every character C# takes as a line end: a comment must not be ended by one.
    private static string OneLine(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
