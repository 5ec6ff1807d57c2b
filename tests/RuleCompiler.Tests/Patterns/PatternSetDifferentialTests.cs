using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using RuleCompiler.Language.Patterns;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Patterns;

/// <summary>
/// The pattern automaton against .NET's non-backtracking <c>Regex</c>, on the repository's own patterns and on
/// random ones: every answer of the runtime's table and of the compiler's reference simulation is the answer of
/// <c>IsMatch</c> with the options generated code uses.
/// </summary>
public sealed class PatternSetDifferentialTests
{
    private const int InputsPerRuleField = 1_500;
    private const int RandomPatternCount = 2_500;
    private const int InputsPerRandomPattern = 40;
    private const int RandomSetCount = 250;

    [Theory]
    [MemberData(nameof(RulePatterns.Theory), MemberType = typeof(RulePatterns))]
    public void Each_rule_file_pattern_alone_agrees_with_Regex(string file, string field)
    {
        var patterns = RulePatterns.Find(file, field);
        var inputs = RuleInputs(patterns);
        foreach (var pattern in patterns.Patterns)
        {
            PatternAgreement.AssertAgrees([pattern], inputs).Fallbacks.ShouldBeEmpty($"{file}: {pattern}");
        }
    }

    /// <summary>
    /// All patterns of a field packed as the generator packs them (<see cref="AutomatonBudget.Shared"/>): each pattern
    /// in exactly one automaton, in order, none falling back, each automaton within its budget, and every one exact.
    /// </summary>
    [Theory]
    [MemberData(nameof(RulePatterns.Theory), MemberType = typeof(RulePatterns))]
    public void The_patterns_of_a_rule_file_field_packed_as_generated_code_packs_them_agree_with_Regex(string file, string field)
    {
        var patterns = RulePatterns.Find(file, field);
        var inputs = RuleInputs(patterns);
        var packing = PatternSetCompiler.Pack(patterns.Patterns, AutomatonBudget.Shared, AutomatonBudget.Default, CancellationToken.None);
        packing.Fallbacks.ShouldBeEmpty();
        packing.Automata.SelectMany(a => a.Included).ShouldBe(Enumerable.Range(0, patterns.Patterns.Count));
        foreach (var packed in packing.Automata)
        {
            packed.Included.Count.ShouldBeInRange(1, PatternSetCompiler.MaxPatternsPerPack);
            packed.Automaton.Patterns.ShouldBe(packed.Included.Select(i => patterns.Patterns[i]));
            if (packed.Included.Count > 1)
            {
                packed.Automaton.StateCount.ShouldBeLessThanOrEqualTo(AutomatonBudget.Shared.MaxStates);
            }

            packed.Automaton.TableLength.ShouldBe(packed.Automaton.ToTable().Length);
            PatternAgreement.AssertAgrees(packed.Automaton, inputs);
        }
    }

    [Fact]
    public void Once_the_automata_hold_the_table_budget_no_automaton_is_begun_and_the_rest_fall_back()
    {
        var patterns = Enumerable.Range(0, 40).Select(i => new PatternSource($"x{i}.*y{i}", false)).ToArray();
        var whole = PatternSetCompiler.Pack(patterns, AutomatonBudget.Shared, AutomatonBudget.Default, CancellationToken.None);
        whole.Automata.Count.ShouldBeGreaterThan(2);
        whole.Fallbacks.ShouldBeEmpty();

        var firstTwo = whole.Automata[0].Automaton.TableLength + whole.Automata[1].Automaton.TableLength;
        var bounded = PatternSetCompiler.Pack(patterns, AutomatonBudget.Shared, AutomatonBudget.Default, CancellationToken.None, maxTableWords: firstTwo);
        bounded.Automata.ShouldBe(whole.Automata.Take(2));
        var left = whole.Automata.Skip(2).SelectMany(a => a.Included).ToArray();
        bounded.Fallbacks.Select(f => f.Index).ShouldBe(left);
        bounded.Fallbacks.ShouldAllBe(f => f.Kind == FallbackKind.TablesFull && f.Reason.Contains(firstTwo.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Packing_closes_an_automaton_at_the_budget_and_at_64_patterns_and_leaves_unsupported_patterns_out()
    {
        // 70 small patterns (^a0 .. ^g9, 137 states for the first 64) share one automaton up to 64; '\p{L}' is not
        // compiled; the exponential one (about 1,000 states) has one of its own.
        var patterns = Enumerable.Range(0, 70).Select(i => new PatternSource("^" + (char)('a' + (i / 10)) + (i % 10), false))
            .Append(new PatternSource("\\p{L}", false))
            .Append(new PatternSource("a[ab]{9}$", false))
            .Append(new PatternSource("zz", false))
            .ToArray();
        var packing = PatternSetCompiler.Pack(patterns, AutomatonBudget.Shared, AutomatonBudget.Default, CancellationToken.None);
        packing.Automata.Select(a => a.Included.Count).ShouldBe(new[] { 64, 6, 1, 1 });
        packing.Automata[2].Included.ShouldBe(new[] { 71 });
        packing.Automata[2].Automaton.StateCount.ShouldBeGreaterThan(AutomatonBudget.Shared.MaxStates);
        packing.Automata[3].Included.ShouldBe(new[] { 72 });
        packing.Fallbacks.ShouldHaveSingleItem().Index.ShouldBe(70);
        var inputs = new[] { "a1", "g3x", "f9 zz", "abababababa", "aaaaaaaaaab", "", "b0a0", "Ab" };
        foreach (var packed in packing.Automata)
        {
            PatternAgreement.AssertAgrees(packed.Automaton, inputs);
        }
    }

    [Fact]
    public void Random_patterns_agree_with_Regex()
    {
        var random = new RandomPatterns(seed: 20261207);
        var supported = 0;
        for (var i = 0; i < RandomPatternCount; i++)
        {
            var pattern = new PatternSource(random.Pattern(nonAscii: i % 4 == 0), IgnoreCase: i % 3 == 0);
            if (!IsValid(pattern))
            {
                PatternParser.Parse(pattern.Pattern, pattern.IgnoreCase).IsSupported.ShouldBeFalse($"{pattern}: Regex rejects it");
                continue;
            }

            var compilation = PatternAgreement.AssertAgrees([pattern], random.Inputs(pattern.Pattern, InputsPerRandomPattern));
            if (compilation.Automaton is not null)
            {
                supported++;
            }
            else if (compilation.Fallbacks.Single().Kind == FallbackKind.Unsupported)
            {
                IsNonAsciiUnderIgnoreCase(pattern).ShouldBeTrue($"{pattern} fell back: {compilation.Fallbacks.Single().Reason}");
            }
        }

        supported.ShouldBeGreaterThan(RandomPatternCount * 9 / 10);
    }

    [Fact]
    public void Random_pattern_sets_agree_with_Regex()
    {
        var random = new RandomPatterns(seed: 7);
        for (var i = 0; i < RandomSetCount; i++)
        {
            var patterns = Enumerable.Range(0, 2 + (i % 7))
                .Select(j => new PatternSource(random.Pattern(nonAscii: j % 3 == 0), IgnoreCase: (i + j) % 4 == 0))
                .Where(IsValid)
                .ToArray();
            var inputs = patterns.SelectMany(p => random.Inputs(p.Pattern, 25)).ToArray();
            PatternAgreement.AssertAgrees(patterns, inputs);
        }
    }

    private static bool IsValid(PatternSource pattern)
    {
        try
        {
            PatternAgreement.DotNet(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The one construct of the random patterns that falls back: ignore-case of a non-ASCII char.
    private static bool IsNonAsciiUnderIgnoreCase(PatternSource pattern) =>
        pattern.IgnoreCase && (pattern.Pattern.Any(c => c > '\x7F') || Regex.IsMatch(pattern.Pattern, @"\\u(?!00[0-7])"));

    private static string[] RuleInputs(FieldPatterns patterns) =>
        patterns.Texts.Concat(new RandomPatterns(seed: patterns.Field.Length).Mutations(patterns.Texts.Concat(patterns.Patterns.Select(p => p.Pattern)).ToArray(), InputsPerRuleField))
            .ToArray();
}
