using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;
using RuleCompiler.Language.Syntax;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Stages;

/// <summary>
/// What a condition reduces to once one field's value class is known (<see cref="PartialEvaluation"/>): true, false,
/// or still unknown (a residual the leaf checks). Only tests a switch on that field indexes are decided; tests of
/// other fields, and tests the planner cannot index (suffix, regex, ignore-case, list tests), stay unknown.
/// </summary>
public sealed class PartialEvaluationTests
{
    private const string Inputs = """
          cmd: string
          args: string
          risk: int
          score: double
          mode: { enum: [read, write, admin] }
          flag: bool
          tags: string-list
        """;

    // Field indexes, in the order of Inputs.
    private const int Cmd = 0;
    private const int Risk = 2;
    private const int Score = 3;
    private const int Mode = 4;
    private const int Flag = 5;
    private const int Tags = 6;

    [Theory]
    [InlineData("{ cmd: rm }", "rm", "True")]
    [InlineData("{ cmd: rm }", "ls", "False")]
    [InlineData("{ cmd: [rm, mv] }", "mv", "True")]
    [InlineData("{ cmd: { ne: rm } }", "rm", "False")]
    [InlineData("{ cmd: { not-in: [rm, mv] } }", "ls", "True")]
    public void An_equality_test_on_the_switched_string_field_is_decided_by_its_class(string condition, string value, string expected)
    {
        Reduce(condition, Cmd, Value.String(value)).ShouldBe(Enum.Parse<Truth>(expected));
    }

    [Theory]
    [InlineData("{ cmd: { prefix: r } }")]
    [InlineData("{ cmd: { suffix: m } }")]
    [InlineData("{ cmd: { contains: m } }")]
    [InlineData("{ cmd: { not-contains: m } }")]
    [InlineData("{ cmd: { regex: '^r' } }")]
    [InlineData("{ cmd: { glob: 'r*' } }")]
    [InlineData("{ cmd: { eq: RM, ignore-case: true } }")]
    public void A_test_the_planner_does_not_index_stays_unknown_even_on_the_switched_field(string condition)
    {
        // "rm" decides every one of these for real; partial evaluation must still not claim to.
        Reduce(condition, Cmd, Value.String("rm")).ShouldBe(Truth.Unknown);
    }

    [Fact]
    public void A_list_test_stays_unknown()
    {
        Reduce("{ tags: { contains: a } }", Tags, Value.List(new[] { "a" }.ToEquatableArray())).ShouldBe(Truth.Unknown);
    }

    [Fact]
    public void A_test_of_another_field_stays_unknown()
    {
        Reduce("{ risk: { gt: 5 } }", Cmd, Value.String("rm")).ShouldBe(Truth.Unknown);
        Reduce("{ cmd: rm }", Risk, Value.Int(10)).ShouldBe(Truth.Unknown);
    }

    [Theory]
    [InlineData("{ risk: { gt: 5 } }", 6, "True")]
    [InlineData("{ risk: { gt: 5 } }", 5, "False")]
    [InlineData("{ risk: { gte: 5 } }", 5, "True")]
    [InlineData("{ risk: { lt: 5 } }", int.MinValue, "True")]
    [InlineData("{ risk: { lte: 5 } }", int.MaxValue, "False")]
    [InlineData("{ risk: { between: [1, 9] } }", 9, "True")]
    [InlineData("{ risk: { between: [1, 9] } }", 10, "False")]
    [InlineData("{ risk: { gt: 1, lt: 9 } }", 5, "True")]
    [InlineData("{ risk: { gt: 1, lt: 9 } }", 9, "False")]
    public void A_range_test_on_the_switched_int_field_is_decided_by_its_class(string condition, int value, string expected)
    {
        Reduce(condition, Risk, Value.Int(value)).ShouldBe(Enum.Parse<Truth>(expected));
    }

    [Fact]
    public void NaN_fails_every_comparison_and_so_satisfies_its_negation()
    {
        Reduce("{ score: { gt: 0 } }", Score, Value.Dbl(double.NaN)).ShouldBe(Truth.False);
        Reduce("{ score: { lte: 0 } }", Score, Value.Dbl(double.NaN)).ShouldBe(Truth.False);
        Reduce("{ not: { score: { gt: 0 } } }", Score, Value.Dbl(double.NaN)).ShouldBe(Truth.True);
        Reduce("{ score: { ne: 0 } }", Score, Value.Dbl(double.NaN)).ShouldBe(Truth.True);
    }

    [Fact]
    public void Enum_and_bool_tests_are_decided_by_their_class()
    {
        Reduce("{ mode: [write, admin] }", Mode, Value.Enum(2)).ShouldBe(Truth.True);
        Reduce("{ mode: [write, admin] }", Mode, Value.Enum(0)).ShouldBe(Truth.False);
        Reduce("{ flag: true }", Flag, Value.Bool(false)).ShouldBe(Truth.False);
        Reduce("{ flag: { ne: true } }", Flag, Value.Bool(false)).ShouldBe(Truth.True);
    }

    [Fact]
    public void All_is_false_as_soon_as_one_item_is_false_whatever_the_rest()
    {
        Reduce("{ cmd: rm, args: { suffix: x } }", Cmd, Value.String("ls")).ShouldBe(Truth.False);
        Reduce("{ all: [ { risk: 3 }, { cmd: rm } ] }", Cmd, Value.String("ls")).ShouldBe(Truth.False);
    }

    [Fact]
    public void All_with_every_known_item_true_and_one_unknown_is_unknown()
    {
        Reduce("{ cmd: rm, args: { suffix: x } }", Cmd, Value.String("rm")).ShouldBe(Truth.Unknown);
        Reduce("{ cmd: rm, risk: { gt: 1 } }", Cmd, Value.String("rm")).ShouldBe(Truth.Unknown);
    }

    [Fact]
    public void All_of_known_true_items_is_true()
    {
        Reduce("{ all: [ { cmd: { ne: ls } }, { cmd: [rm, mv] } ] }", Cmd, Value.String("rm")).ShouldBe(Truth.True);
    }

    [Fact]
    public void Any_is_true_as_soon_as_one_item_is_true_whatever_the_rest()
    {
        Reduce("{ any: [ { args: { regex: x } }, { cmd: rm } ] }", Cmd, Value.String("rm")).ShouldBe(Truth.True);
    }

    [Fact]
    public void Any_with_every_known_item_false_and_one_unknown_is_unknown_and_with_none_unknown_is_false()
    {
        Reduce("{ any: [ { cmd: rm }, { risk: 1 } ] }", Cmd, Value.String("ls")).ShouldBe(Truth.Unknown);
        Reduce("{ any: [ { cmd: rm }, { cmd: mv } ] }", Cmd, Value.String("ls")).ShouldBe(Truth.False);
    }

    [Fact]
    public void Not_swaps_true_and_false_and_keeps_unknown()
    {
        Reduce("{ not: { cmd: rm } }", Cmd, Value.String("rm")).ShouldBe(Truth.False);
        Reduce("{ not: { cmd: rm } }", Cmd, Value.String("ls")).ShouldBe(Truth.True);
        Reduce("{ not: { risk: 1 } }", Cmd, Value.String("rm")).ShouldBe(Truth.Unknown);
        Reduce("{ not: { any: [ { cmd: rm }, { risk: 1 } ] } }", Cmd, Value.String("rm")).ShouldBe(Truth.False);
    }

    [Fact]
    public void The_empty_condition_is_true_and_an_empty_any_is_false()
    {
        PartialEvaluation.Evaluate(AllCondition.Always, Cmd, Value.String("rm"), FieldType.String, new Predicates()).ShouldBe(Truth.True);
        PartialEvaluation.Evaluate(new AnyCondition(default), Cmd, Value.String("rm"), FieldType.String, new Predicates()).ShouldBe(Truth.False);
        Reduce("{}", Cmd, Value.String("rm")).ShouldBe(Truth.True);
    }

    [Fact]
    public void A_decided_reduction_agrees_with_the_reference_whatever_the_other_fields_hold()
    {
        // Soundness: when partial evaluation says true or false for a class, every full input whose field is the
        // class's representative gives that answer by the reference evaluator.
        var conditions = new[]
        {
            "{ cmd: rm, risk: { gt: 5 } }",
            "{ any: [ { cmd: [rm, mv] }, { args: { suffix: x } } ] }",
            "{ not: { all: [ { cmd: { ne: ls } }, { risk: { between: [1, 9] } } ] } }",
            "{ any: [ { risk: { lt: 0 } }, { not: { cmd: { prefix: r } } } ] }",
            "{ risk: { gte: 3, lte: 3 }, mode: admin }",
            "{ not: { score: { gt: 0.5 } }, flag: true }",
        };
        var model = Bind(conditions);
        var reference = new ReferenceEvaluator(model);
        var predicates = new Predicates();
        var others = OtherInputs().ToList();
        var decided = 0;
        foreach (var field in new[] { Cmd, Risk, Score, Mode, Flag })
        {
            var literals = model.Rules.SelectMany(r => r.When.Tests()).Where(t => t.Field == field).SelectMany(t => t.Operands);
            var classes = ValueClasses.For(model.Inputs[field], literals);
            foreach (var representative in classes.Representatives.OfType<Value>())
            {
                foreach (var rule in model.Rules)
                {
                    var truth = PartialEvaluation.Evaluate(rule.When, field, representative, model.Inputs[field].Type, predicates);
                    if (truth == Truth.Unknown)
                    {
                        continue;
                    }

                    decided++;
                    foreach (var input in others)
                    {
                        input[field] = representative;
                        reference.Holds(rule.When, input).ShouldBe(truth == Truth.True, $"{rule.Id} with {model.Inputs[field].Name} = {representative.ToYaml(model.Inputs[field])}");
                    }
                }
            }
        }

        decided.ShouldBeGreaterThan(20, "the check is only as good as the number of decided reductions");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Truth Reduce(string condition, int field, Value representative)
    {
        var model = Bind(condition);
        return PartialEvaluation.Evaluate(model.Rules[0].When, field, representative, model.Inputs[field].Type, new Predicates());
    }

    private static IEnumerable<Value[]> OtherInputs()
    {
        var strings = new[] { "rm", "ls", "rx", "" };
        var ints = new long[] { -1, 3, 7, 12 };
        var doubles = new[] { double.NaN, 0.25, 1 };
        foreach (var text in strings)
        {
            foreach (var number in ints)
            {
                foreach (var real in doubles)
                {
                    yield return new[]
                    {
                        Value.String(text), Value.String(text + "x"), Value.Int(number), Value.Dbl(real),
                        Value.Enum((int)(number & 3) % 3), Value.Bool(number > 5), Value.List(EquatableArray<string>.Empty),
                    };
                }
            }
        }
    }

    private static RuleSetModel Bind(params string[] conditions)
    {
        var rules = string.Join("\n", conditions.Select((c, i) => $"  - {{ id: r{i}, when: {c}, then: {{ o: {i} }} }}"));
        var text = $"ruleset: T\ncomplete: false\ninputs:\n{Inputs}\noutputs: {{ o: int }}\nrules:\n{rules}\n";
        var diagnostics = new List<DiagnosticInfo>();
        var root = YamlReader.Read(text, ReaderLimits.Default, diagnostics, CancellationToken.None);
        var model = root is null ? null : Binder.Bind(root, new BindOptions("Tests.Generated", "x.rules.yaml"), diagnostics, CancellationToken.None);
        diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return model.ShouldNotBeNull();
    }
}
