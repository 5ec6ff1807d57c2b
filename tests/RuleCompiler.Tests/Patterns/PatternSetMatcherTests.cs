using System;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Patterns;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Patterns;

/// <summary>The runtime's <see cref="PatternSet"/>: no allocation, more than 64 patterns, refusing a table it cannot read.</summary>
public sealed class PatternSetMatcherTests
{
    [Fact]
    public void Matching_allocates_nothing()
    {
        var patterns = new[] { "^git\\s+push.*(--force|-f)", "\\brm\\b.*-[a-z]*r", "\\.env($|\\s)", "[^\\x00-\\x7F]", "K", "x{2,4}y" };
        var table = Compile(patterns.Select(p => new PatternSource(p, IgnoreCase: p == "K")).ToArray()).ToTable();
        string[] inputs = ["git push --force", "sudo rm -rf /", "cat .env\n", "caf\u00E9", "\u212A", "xxxy", "", new string('z', 500)];
        var sink = 0UL;
        Span<ulong> words = stackalloc ulong[1];
        foreach (var input in inputs)
        {
            sink += PatternSet.Match(table, input);
            PatternSet.Match(table, input, words);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            foreach (var input in inputs)
            {
                sink += PatternSet.Match(table, input);
                PatternSet.Match(table, input, words);
                sink += words[0];
            }
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0L);
        sink.ShouldNotBe(0UL);
    }

    [Fact]
    public void More_than_64_patterns_are_answered_as_a_span_of_bits()
    {
        var patterns = Enumerable.Range(0, 100).Select(i => new PatternSource($"\\bw{i}\\b", IgnoreCase: i % 2 == 0)).ToArray();
        PatternAgreement.AssertAgrees(patterns, ["w0", "W1 w99", "w64 W65 w7", "w100", "xw5", "w63\n"]);
        var table = Compile(patterns).ToTable();
        PatternSet.PatternCount(table).ShouldBe(100);
        var words = new ulong[2];
        PatternSet.Match(table, "w64 W66 w99 w1", words);
        words.ShouldBe([1UL << 1, (1UL << 0) | (1UL << 2) | (1UL << 35)]);
        Should.Throw<ArgumentException>(() => PatternSet.Match(table, "w1"));
        Should.Throw<ArgumentException>(() => PatternSet.Match(table, "w1", new ulong[1]));
    }

    [Fact]
    public void A_table_of_another_format_is_refused()
    {
        Should.Throw<ArgumentException>(() => PatternSet.Match(new ushort[200], "a"));
        Should.Throw<ArgumentException>(() => PatternSet.PatternCount(ReadOnlySpan<ushort>.Empty));
    }

    private static PatternAutomaton Compile(PatternSource[] patterns)
    {
        var compilation = PatternSetCompiler.Compile(patterns, AutomatonBudget.Default, CancellationToken.None);
        compilation.Fallbacks.ShouldBeEmpty();
        return compilation.Automaton!;
    }
}
