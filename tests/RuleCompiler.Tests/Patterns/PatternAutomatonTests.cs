using System;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Patterns;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Patterns;

/// <summary>The compiled model: compact classes, a minimal DFA, final states last, deterministic and equatable.</summary>
public sealed class PatternAutomatonTests
{
    [Fact]
    public void Chars_map_to_few_classes_as_ranges_covering_every_char()
    {
        var automaton = Compile(("[a-z]+@\\w", false));
        automaton.ClassMap[0].First.ShouldBe('\0');
        automaton.ClassMap[automaton.ClassMap.Count - 1].Last.ShouldBe(char.MaxValue);
        automaton.ClassMap.Zip(automaton.ClassMap.Skip(1), (a, b) => b.First == a.Last + 1).ShouldAllBe(adjacent => adjacent);
        automaton.ClassCount.ShouldBe(5); // a-z, '@', other word chars, '\n', the rest
    }

    [Fact]
    public void A_literal_compiles_to_a_minimal_dfa_with_its_accepting_states_numbered_last()
    {
        var automaton = Compile(("abc", false));
        // Nothing, a, ab, abc; a match is reported by the step after the one that reached the pattern's end (the
        // zero-width moves run before a char), so two accepting states follow: matched, and matched then 'a'.
        automaton.StateCount.ShouldBe(6);
        automaton.FirstAcceptingState.ShouldBe(4);
        automaton.MatchesOnEntry.Skip(4).ShouldAllBe(matches => matches.SequenceEqual(new[] { 0 }));
        automaton.MatchesAtEnd.Count(matches => matches.Count > 0).ShouldBe(1); // "abc" at the end
    }

    [Fact]
    public void A_dead_end_is_a_final_state()
    {
        var automaton = Compile(("^ab", false));
        automaton.FirstFinalState.ShouldBeLessThan(automaton.StateCount);
        PatternSet.Match(automaton.ToTable(), "x" + new string('a', 1000)).ShouldBe(0UL);
    }

    [Fact]
    public void Compiling_twice_gives_equal_models_and_identical_tables()
    {
        var first = Compile(("^git\\s+push.*(--force|-f)", false), ("\\bsudo\\b", true), ("\\.env($|\\s)", false));
        var second = Compile(("^git\\s+push.*(--force|-f)", false), ("\\bsudo\\b", true), ("\\.env($|\\s)", false));
        second.ShouldBe(first);
        second.ToTable().ShouldBe(first.ToTable());
    }

    [Fact]
    public void A_set_answers_each_pattern_in_one_pass()
    {
        var table = Compile(("rm", false), ("-rf", false), ("^sudo", false), ("/$", false)).ToTable();
        PatternSet.Match(table, "sudo rm -rf /").ShouldBe(0b1111UL);
        PatternSet.Match(table, "rm -rf /tmp").ShouldBe(0b0011UL);
        PatternSet.Match(table, " sudo /\n").ShouldBe(0b1000UL);
        PatternSet.Match(table, string.Empty).ShouldBe(0UL);
    }

    [Fact]
    public void Cancellation_stops_the_construction()
    {
        Should.Throw<OperationCanceledException>(() =>
            PatternSetCompiler.Compile([new PatternSource("a", false)], AutomatonBudget.Default, new CancellationToken(canceled: true)));
    }

    private static PatternAutomaton Compile(params (string Pattern, bool IgnoreCase)[] patterns)
    {
        var compilation = PatternSetCompiler.Compile(patterns.Select(p => new PatternSource(p.Pattern, p.IgnoreCase)).ToArray(), AutomatonBudget.Default, CancellationToken.None);
        compilation.Fallbacks.ShouldBeEmpty();
        return compilation.Automaton!;
    }
}
