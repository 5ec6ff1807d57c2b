using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Syntax;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// How Explain writes values: <see cref="RuleYaml"/> (input values, at run time) and the generator's YamlText
/// (operands, at build time) write a string alike, as YAML that reads back as that very string.
/// </summary>
public sealed class RuleYamlTests
{
    public static readonly string[] Strings =
    [
        "rm", "-rf", "--force", "/", "rm -rf /", "a/b/c", "*.sh", "*", "?", "\\", "-", "--", "~", "~/x", "null", "Null", "NULL", "nullx",
        "true", "no", "123", "1.5", ".inf", "", " ", " lead", "trail ", "\tx", "a, b", "a,b", "[x]", "x]", "{x}", "x}", "x: y", "x:y", "x:",
        ":x", ": x", "?x", "? x", "-x", "- x", "a #b", "a#b", "#x", "&x", "*x", "!x", "|x", ">x", "'x", "\"x", "%x", "@x", "`x",
        "quote\"inside", "back\\slash", "line\nbreak", "cr\rx", "nul\0x", "del\u007Fx", "é", "ß", "straße", "ÉCOLE", "İ", "\u212A",
        "next\u0085line", "line\u2028sep", "para\u2029sep", "\uFEFFbom", "emoji \U0001F600", "^rm( |$)", "(^|\\s)of=/dev/", "a|b", "x=y", "$HOME",
    ];

    public static IEnumerable<object[]> StringCases => Strings.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(StringCases))]
    public void A_formatted_string_reads_back_as_the_same_string(string text)
    {
        var yaml = RuleYaml.Format(text);
        var diagnostics = new List<DiagnosticInfo>();
        var document = YamlReader.Read($"v: {yaml}\nlist: [{yaml}, {yaml}]\n", ReaderLimits.Default, diagnostics, CancellationToken.None);
        diagnostics.ShouldBeEmpty(yaml);
        var entries = document.ShouldBeOfType<YamlMapping>().Entries;
        entries[0].Value.ShouldBeOfType<YamlScalar>().Value.ShouldBe(text, yaml);
        entries[1].Value.ShouldBeOfType<YamlSequence>().Items.Select(item => ((YamlScalar)item).Value).ShouldBe([text, text], yaml);
    }

    [Theory]
    [MemberData(nameof(StringCases))]
    public void Operands_and_input_values_are_written_alike(string text) => Value.String(text).ToYaml().ShouldBe(RuleYaml.Format(text));

    [Fact]
    public void Plain_text_stays_plain_and_only_what_needs_it_is_quoted()
    {
        RuleYaml.Format("rm -rf /").ShouldBe("rm -rf /");
        RuleYaml.Format("-rf").ShouldBe("-rf");
        RuleYaml.Format("^rm( |$)").ShouldBe("^rm( |$)");
        RuleYaml.Format("*.sh").ShouldBe("\"*.sh\"");
        RuleYaml.Format("a, b").ShouldBe("\"a, b\"");
        RuleYaml.Format("x: y").ShouldBe("\"x: y\"");
        RuleYaml.Format("line\nbreak").ShouldBe("\"line\\nbreak\"");
        RuleYaml.Format("~").ShouldBe("\"~\"");
        RuleYaml.Format("\ud800x").ShouldBe("\"\\uD800x\"");
    }

    [Fact]
    public void Null_strings_and_lists_are_written_as_rules_read_them()
    {
        RuleYaml.Format((string?)null).ShouldBe("\"\"");
        RuleYaml.Format((string?[]?)null).ShouldBe("[]");
        RuleYaml.Format(new string?[] { "-r", null, "a b", "x,y" }).ShouldBe("[-r, \"\", a b, \"x,y\"]");
    }

    [Fact]
    public void Numbers_are_written_invariantly_with_yaml_spellings_for_nan_and_infinities()
    {
        RuleYaml.Format(-42).ShouldBe("-42");
        RuleYaml.Format(4_294_967_296L).ShouldBe("4294967296");
        RuleYaml.Format(1.50m).ShouldBe("1.50");
        RuleYaml.Format(0.1d).ShouldBe("0.1");
        RuleYaml.Format(double.NaN).ShouldBe(".nan");
        RuleYaml.Format(double.PositiveInfinity).ShouldBe(".inf");
        RuleYaml.Format(double.NegativeInfinity).ShouldBe("-.inf");
        RuleYaml.Format(true).ShouldBe("true");
    }
}
