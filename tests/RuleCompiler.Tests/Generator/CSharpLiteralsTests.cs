using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Generator.Emit;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>The emitter's string literals: its shortcut for plain text must spell every string as Roslyn does.</summary>
public sealed class CSharpLiteralsTests
{
    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string> { "", "rm", "/home/*/.ssh/*", "say \"hi\"", "C:\\temp", "tab\there", "line\nend", "caf\u00e9", "\u2028", "\u007f", "~ok~" };
        foreach (var c in Enumerable.Range(0, 128).Select(code => (char)code))
        {
            data.Add("a" + c + "z");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_string_literal_is_what_Roslyn_writes(string text)
    {
        CSharpLiterals.String(text).ShouldBe(SymbolDisplay.FormatLiteral(text, quote: true));
    }
}
