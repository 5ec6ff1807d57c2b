using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace RuleCompiler.Language.Binding;

/// <summary>The naming rules of spec §3 and the C# identifier checks the generated code needs.</summary>
public static class Names
{
    // \z, not $: in .NET, $ also matches before a final line feed, and "Name\n" must not pass for a name.
    private static readonly Regex s_fieldName = new("^[A-Za-z][A-Za-z0-9_-]*\\z", RegexOptions.CultureInvariant);
    private static readonly Regex s_ruleId = new("^[A-Za-z0-9][A-Za-z0-9._-]*\\z", RegexOptions.CultureInvariant);
    private static readonly Regex s_identifier = new("^[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> s_keywords = new(System.StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "__arglist", "__makeref", "__reftype", "__refvalue",
    };

    // Contextual keywords C# does not accept (file, scoped, required) or warns about (record) as type names.
    private static readonly HashSet<string> s_reservedTypeNames = new(System.StringComparer.Ordinal) { "file", "scoped", "required", "record" };

    public static bool IsFieldName(string name) => s_fieldName.IsMatch(name);

    public static bool IsRuleId(string id) => s_ruleId.IsMatch(id);

    public static bool IsIdentifier(string name) => s_identifier.IsMatch(name) && !s_keywords.Contains(name);

    /// <summary>An identifier that can also name a type.</summary>
    public static bool IsTypeName(string name) => IsIdentifier(name) && !s_reservedTypeNames.Contains(name);

    public static bool IsNamespace(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Split on '_' and '-', upper-case each part's first letter, keep the rest: <c>max-tokens</c> → <c>MaxTokens</c>.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var part in name.Split('_', '-'))
        {
            if (part.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
            }
        }

        return builder.ToString();
    }
}
