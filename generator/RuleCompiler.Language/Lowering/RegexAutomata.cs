using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Patterns;

namespace RuleCompiler.Language.Lowering;

/// <summary>
/// An automaton that answers regex tests on one input field, as the runtime's <c>PatternSet</c> reads it.
/// </summary>
/// <param name="Field">The input field whose value it reads.</param>
/// <param name="Name">Its static member (<see cref="MemberNames.Automaton"/>).</param>
/// <param name="Patterns">The patterns it answers for: pattern <c>i</c> is bit <c>i</c>.</param>
/// <param name="Table">The table (<see cref="PatternAutomaton.ToTable"/>).</param>
public sealed record LoweredAutomaton(int Field, string Name, EquatableArray<PatternSource> Patterns, EquatableArray<ushort> Table);

/// <summary>A regex left to .NET's engine, why, and the first test that uses it (where its info diagnostic stands).</summary>
public sealed record RegexFallback(PatternSource Pattern, string Reason, SourceSpan At);

/// <summary>Where a regex test is answered: bit <see cref="Bit"/> of automaton <see cref="Automaton"/>.</summary>
public readonly record struct AutomatonBit(int Automaton, int Bit);

/// <summary>
/// The regexes a rule set tests, compiled at build time: for each input field, its distinct patterns (in the order the
/// checks first test them) packed into automata (<see cref="PatternSetCompiler.Pack"/>), so that a method testing many
/// patterns on one field reads the field once per automaton, and nothing is parsed or built at run time. A pattern
/// the automata cannot take (a construct they do not compile, or more states than <see cref="AutomatonBudget.Default"/>
/// allows alone) is a <see cref="RegexFallback"/>.
/// </summary>
internal sealed class RegexAutomata
{
    /// <summary>
    /// The most table entries (ushorts) a rule set's automata hold: 256 KB, two and a half times what the 76 patterns
    /// of safeshell-defaults need. Packing costs about 3 ms of build per distinct pattern and a table of 10 KB per
    /// 6 patterns (2,000 distinct patterns: 7.7 s, 3.7 MB); past the budget, patterns are matched by .NET's engine,
    /// built on first match, so a file of thousands of regexes builds as fast as before automata.
    /// </summary>
    public const int MaxTableWords = 128 * 1024;

    private readonly Dictionary<(int Field, PatternSource Pattern), AutomatonBit> _bits;

    private RegexAutomata(EquatableArray<LoweredAutomaton> automata, EquatableArray<RegexFallback> fallbacks, Dictionary<(int Field, PatternSource Pattern), AutomatonBit> bits)
    {
        Automata = automata;
        Fallbacks = fallbacks;
        _bits = bits;
    }

    public EquatableArray<LoweredAutomaton> Automata { get; }

    public EquatableArray<RegexFallback> Fallbacks { get; }

    /// <summary>The automaton and bit answering <paramref name="test"/> (a regex test or its negation), or null.</summary>
    public AutomatonBit? Find(TestCondition test)
    {
        var positive = Operators.PositiveOf(test);
        return positive.Operator == TestOperator.Regex && _bits.TryGetValue((test.Field, Source(positive)), out var bit) ? bit : null;
    }

    public static RegexAutomata For(RuleSetModel model, IEnumerable<TestCondition> testsInOrder, CancellationToken cancellationToken)
    {
        var byField = new Dictionary<int, List<(PatternSource Pattern, SourceSpan At)>>();
        var seen = new HashSet<(int, PatternSource)>();
        foreach (var test in testsInOrder.Select(Operators.PositiveOf).Where(test => test.Operator == TestOperator.Regex))
        {
            if (seen.Add((test.Field, Source(test))))
            {
                if (!byField.TryGetValue(test.Field, out var patterns))
                {
                    byField.Add(test.Field, patterns = []);
                }

                patterns.Add((Source(test), test.Span));
            }
        }

        var automata = new List<LoweredAutomaton>();
        var fallbacks = new List<RegexFallback>();
        var bits = new Dictionary<(int Field, PatternSource Pattern), AutomatonBit>();
        var tableWords = 0;
        foreach (var field in byField.Keys.OrderBy(field => field))
        {
            var patterns = byField[field];
            var packing = PatternSetCompiler.Pack(patterns.Select(p => p.Pattern).ToList(), AutomatonBudget.Shared, AutomatonBudget.Default, cancellationToken, MaxTableWords - tableWords);
            foreach (var packed in packing.Automata)
            {
                for (var bit = 0; bit < packed.Included.Count; bit++)
                {
                    bits.Add((field, patterns[packed.Included[bit]].Pattern), new AutomatonBit(automata.Count, bit));
                }

                automata.Add(new LoweredAutomaton(field, MemberNames.Automaton(automata.Count), packed.Automaton.Patterns, packed.Automaton.ToTable().ToEquatableArray()));
                tableWords += packed.Automaton.TableLength;
            }

            // One diagnostic per pattern that does not compile or fit alone; one for all a full table budget leaves out.
            fallbacks.AddRange(packing.Fallbacks.Where(f => f.Kind != FallbackKind.TablesFull).Select(f => new RegexFallback(patterns[f.Index].Pattern, f.Reason, patterns[f.Index].At)));
            var full = packing.Fallbacks.Where(f => f.Kind == FallbackKind.TablesFull).ToList();
            if (full.Count > 0)
            {
                var first = patterns[full[0].Index];
                var more = full.Count > 1 ? $"; so are the {full.Count - 1} regexes after it on this field" : string.Empty;
                fallbacks.Add(new RegexFallback(first.Pattern, full[0].Reason + more, first.At));
            }
        }

        return new RegexAutomata(automata.ToEquatableArray(), fallbacks.ToEquatableArray(), bits);
    }

    private static PatternSource Source(TestCondition regex) => new(regex.Operands[0].AsString, regex.IgnoreCase);
}
