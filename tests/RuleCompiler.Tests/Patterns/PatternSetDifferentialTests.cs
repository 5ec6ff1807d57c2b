using System;
using System.Linq;
using System.Text.RegularExpressions;
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
    private const int MaxSetPatterns = 12;

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
    /// All patterns of a field go into one automaton as far as the budget allows; those left out are compiled
    /// again as a set of their own, until none is left. Every automaton of the partition is exact.
    /// </summary>
    [Theory]
    [MemberData(nameof(RulePatterns.Theory), MemberType = typeof(RulePatterns))]
    public void The_patterns_of_a_rule_file_field_as_sets_agree_with_Regex(string file, string field)
    {
        var patterns = RulePatterns.Find(file, field);
        var inputs = RuleInputs(patterns);
        // The shell rule files' 'line' fields (77 and 16+ patterns) take most of this folder's time, in automata past the
        // budget; by default a field's first MaxSetPatterns patterns make the set, all of them under RULECOMPILER_FUZZ_PATTERNS.
        var remaining = patterns.Patterns.Take(Environment.GetEnvironmentVariable("RULECOMPILER_FUZZ_PATTERNS") is null ? MaxSetPatterns : int.MaxValue).ToArray();
        while (remaining.Length > 0)
        {
            var compilation = PatternAgreement.AssertAgrees(remaining, inputs);
            compilation.Included.Count.ShouldBeGreaterThan(0);
            compilation.Fallbacks.ShouldAllBe(f => f.Kind == FallbackKind.OverBudget);
            remaining = compilation.Fallbacks.Select(f => remaining[f.Index]).ToArray();
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
