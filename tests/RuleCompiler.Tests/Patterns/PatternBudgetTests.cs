using System.Linq;
using System.Threading;
using RuleCompiler.Language.Patterns;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Patterns;

/// <summary>Patterns that would take an automaton over its budget fall back; the patterns that remain stay exact.</summary>
public sealed class PatternBudgetTests
{
    // The classic exponential DFA: the 13th char from the end is an 'a' (2^13 subsets).
    private const string Exponential = "a[ab]{12}$";

    private static readonly string[] Inputs = ["", "a", "abababababababab", "bbbbbbbbbbbbbbbbbbbb", "aaaaaaaaaaaaaa", "abc", "cab\n", "xyzab", "aabbaabbaabbaab"];

    [Fact]
    public void A_pattern_over_the_budget_alone_falls_back_and_the_rest_of_its_set_stays_exact()
    {
        PatternSource[] patterns = [new("ab", false), new(Exponential, false), new("^c", false), new("b$", false)];
        var compilation = PatternAgreement.AssertAgrees(patterns, Inputs);
        compilation.Included.ShouldBe([0, 2, 3]);
        var fallback = compilation.Fallbacks.ShouldHaveSingleItem();
        fallback.Index.ShouldBe(1);
        fallback.Kind.ShouldBe(FallbackKind.OverBudget);
        fallback.Reason.ShouldContain("2000 states");
    }

    [Fact]
    public void A_small_budget_keeps_the_first_patterns_that_fit()
    {
        var patterns = Enumerable.Range(0, 12).Select(i => new PatternSource($"x{i}.*y{i}", false)).ToArray();
        var budget = new AutomatonBudget(MaxStates: 40, MaxTransitions: 10_000, MaxPositionsPerPattern: 100);
        var inputs = new RandomPatterns(seed: 3).Mutations(["x1y1", "x3 y3x4", "y5x5y5", "x11y11", "x2\ny2"], 500).ToArray();
        var compilation = PatternAgreement.AssertAgrees(patterns, inputs, budget);
        compilation.Included.Count.ShouldBeGreaterThan(0);
        compilation.Fallbacks.Count.ShouldBeGreaterThan(0);
        compilation.Fallbacks.ShouldAllBe(f => f.Kind == FallbackKind.OverBudget);
        compilation.Automaton!.StateCount.ShouldBeLessThanOrEqualTo(40);
        compilation.Included.Concat(compilation.Fallbacks.Select(f => f.Index)).OrderBy(i => i).ShouldBe(Enumerable.Range(0, 12));
    }

    [Fact]
    public void Repetition_that_expands_too_far_is_refused_before_it_is_built()
    {
        var compilation = PatternSetCompiler.Compile([new PatternSource("(a{1000}){1000}", false), new PatternSource("b", false)], AutomatonBudget.Default, CancellationToken.None);
        compilation.Fallbacks.ShouldHaveSingleItem().Reason.ShouldContain("positions");
        compilation.Included.ShouldBe([1]);
    }

    [Fact]
    public void Unsupported_patterns_fall_back_with_their_reason_and_the_others_compile()
    {
        var compilation = PatternSetCompiler.Compile([new PatternSource("(?i)a", false), new PatternSource("b", false), new PatternSource("\u00E9", true)], AutomatonBudget.Default, CancellationToken.None);
        compilation.Included.ShouldBe([1]);
        compilation.Fallbacks.Select(f => (f.Index, f.Kind)).ShouldBe([(0, FallbackKind.Unsupported), (2, FallbackKind.Unsupported)]);
        compilation.Fallbacks.ShouldAllBe(f => f.Reason.Length > 0);
    }

    [Fact]
    public void No_pattern_that_fits_gives_no_automaton()
    {
        var compilation = PatternSetCompiler.Compile([new PatternSource("\\p{L}", false)], AutomatonBudget.Default, CancellationToken.None);
        compilation.Automaton.ShouldBeNull();
        compilation.Included.ShouldBeEmpty();
    }
}
