using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Language;

/// <summary>Literals are read by the type of the field they meet (spec §3), never by YAML's guess.</summary>
public sealed class LiteralTypingTests
{
    [Theory]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("no")]
    [InlineData("null")]
    [InlineData("1.50")]
    public void A_plain_scalar_compared_with_a_string_field_is_that_string(string literal)
    {
        var model = Bind($"inputs: {{ s: string }}\nrules:\n  - {{ id: r, when: {{ s: {literal} }}, then: {{ o: 1 }} }}");
        var test = model.Rules[0].When.ShouldBeOfType<TestCondition>();
        test.Operands[0].ShouldBe(Value.String(literal));
        new ReferenceEvaluator(model).Evaluate(new[] { Value.String(literal) }).Matched.ShouldBeTrue();
    }

    [Fact]
    public void Decimal_literals_are_exact_and_equal_across_scales()
    {
        var model = Bind("inputs: { d: decimal }\nrules:\n  - { id: r, when: { d: 0.1 }, then: { o: 1 } }");
        model.Rules[0].When.ShouldBeOfType<TestCondition>().Operands[0].Decimal.ShouldBe(0.1m);
        new ReferenceEvaluator(model).Evaluate(new[] { Value.Dec(0.10m) }).Matched.ShouldBeTrue();
    }

    [Fact]
    public void Field_names_become_pascal_case_properties()
    {
        var model = Bind("inputs: { risk_score: int, max-tokens: int, riskLevel: int }\nrules:\n  - { id: r, then: { o: 1 } }");
        model.Inputs.Select(f => f.PropertyName).ShouldBe(new[] { "RiskScore", "MaxTokens", "RiskLevel" });
    }

    [Fact]
    public void Enum_values_become_pascal_case_members_in_declared_order()
    {
        var model = Bind("inputs: { mode: { enum: [read-only, read_write, admin] } }\nrules:\n  - { id: r, when: { mode: read_write }, then: { o: 1 } }");
        model.Inputs[0].EnumMembers.ShouldBe(new[] { "ReadOnly", "ReadWrite", "Admin" });
        model.Rules[0].When.ShouldBeOfType<TestCondition>().Operands[0].ShouldBe(Value.Enum(1));
    }

    private static RuleSetModel Bind(string body)
    {
        var text = "ruleset: T\ncomplete: false\noutputs: { o: int }\n" + body + "\n";
        var compiled = RuleFileCompiler.Compile(text, new BindOptions("Ns", "t.rules.yaml"), CancellationToken.None);
        compiled.Diagnostics.Where(d => d.Severity != Severity.Info).ShouldBeEmpty();
        return compiled.Model!;
    }
}
