using System.Globalization;
using System.Text;

namespace RuleCompiler.Benchmarks.RuleSets.Writing;

/// <summary>C# text helpers of the writers: literals, and a builder that always writes '\n'.</summary>
internal static class CodeText
{
    public static string String(string text)
    {
        var literal = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            literal.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return literal.Append('"').ToString();
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static StringBuilder Line(this StringBuilder code, string text = "") => code.Append(text).Append('\n');
}
