using System.Linq;
using System.Text;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Patterns;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// Regexes in generated code: the patterns of a field packed into automata, a part's scans, and what falls back to
/// .NET's engine (a construct the automata do not take; patterns past the rule set's table budget), all deciding as
/// the reference evaluator does.
/// </summary>
public sealed class RegexAutomataTests
{
    [Fact]
    public void Past_the_table_budget_the_rest_of_a_fields_regexes_fall_back_together_with_one_diagnostic_and_still_decide()
    {
        // 100 rules of 'a.*b.*c' patterns on one field (about two to an automaton): automata until their tables reach the
        // budget (76 patterns), then .NET's engine.
        const int Rules = 100;
        var yaml = new StringBuilder("ruleset: ManyRegexes\nhit: collect\ninputs: { line: string }\noutputs: { n: int }\nrules:\n");
        for (var i = 0; i < Rules; i++)
        {
            yaml.Append($"  - {{ id: r{i}, when: {{ line: {{ regex: \"(^|\\\\s)c{i}[a-f]*x.*--f{i % 13}.*(ab|cd)+\\\\b\" }} }}, then: {{ n: {i} }} }}\n");
        }

        var file = new RuleFile("many-regexes.rules.yaml", yaml.ToString());
        var compiled = RuleFileCompiler.Compile(file.Text, new BindOptions(GeneratorHarness.RootNamespace, file.Path), CancellationToken.None);
        compiled.HasErrors.ShouldBeFalse(string.Join("; ", compiled.Diagnostics));
        var lowered = compiled.Lowered!;
        lowered.Automata.Count.ShouldBeGreaterThan(1);
        lowered.Automata.Sum(a => a.Table.Count).ShouldBeLessThanOrEqualTo(RegexAutomata.MaxTableWords + AutomatonBudget.Shared.MaxTransitions + 4_096);
        var packed = lowered.Automata.Sum(a => a.Patterns.Count);
        packed.ShouldBeLessThan(Rules);
        lowered.Patterns.Count(p => p.Kind == PatternKind.Regex).ShouldBe(Rules - packed);

        // One information for the whole rest of the field, at the first regex left out.
        var fallback = compiled.Diagnostics.Where(d => d.Id == "RC5001").ShouldHaveSingleItem();
        fallback.Message.ShouldContain($"c{packed}[a-f]");
        fallback.Message.ShouldContain($"so are the {Rules - packed - 1} regexes after it");
        fallback.Span.Line.ShouldBe(6 + packed);

        var model = compiled.Model!;
        var generated = new RuleSetUnderTest(GeneratorHarness.RunAndLoadUncached(file), model);
        var reference = new ReferenceEvaluator(model);
        string[] lines =
        [
            "", "c0x --f0 ab", "c0x--f0ab", "xc0x --f0 ab", $"c{packed}abx run --f{packed % 13} cdab", $"c{packed}x --f{packed % 13} abx",
            $"c{Rules - 1}x --f{(Rules - 1) % 13} cd c5x --f5 c{packed + 1}fx --f{(packed + 1) % 13} ab", "c12x --f12 ab", "c99x\n--f8 ab",
        ];
        foreach (var line in lines.Concat(new RandomPatterns(seed: 11).Mutations(lines, 200)))
        {
            Agreement.Disagreement(model, generated, reference, [Value.String(line)], explain: false).ShouldBeNull();
        }
    }
}
