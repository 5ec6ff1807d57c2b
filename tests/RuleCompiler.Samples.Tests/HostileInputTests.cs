using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Tests;

/// <summary>
/// Hostile run-time inputs: 1 MiB strings and 100,000-element lists go through every sample and every string and
/// list operator the samples use, and the generated code gives exactly the reference evaluator's answer.
/// Linearity is shown by construction, not by a stopwatch: every generated regex runs on the non-backtracking engine
/// (asserted on the generated fields and in their IL), constructs that would need backtracking are build errors,
/// and the runtime's glob (each piece found leftmost, never revisited) and list matchers need no backtracking. Each hostile test runs under a generous hang guard,
/// which only an exponential blow-up could reach; how fast the code is, is BenchmarkDotNet's business.
/// </summary>
public sealed class HostileInputTests
{
    private const int Mebi = 1 << 20;

    /// <summary>
    /// A guard against exponential behaviour (catastrophic backtracking, a quadratic glob), NOT a speed claim: the
    /// linear work these tests do takes a small fraction of it even on a loaded CI machine.
    /// </summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static TheoryData<string> AllSamples => new(SampleRuleSets.All.Select(s => s.Name));

    public static TheoryData<string> SamplesWithLists =>
        new(SampleRuleSets.All.Where(s => s.Model.Inputs.Any(f => f.Type == FieldType.StringList)).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Megabyte_strings_through_every_string_test_of_a_sample_agree_with_the_reference_evaluator(string name)
    {
        var sample = SampleRuleSets.Get(name);
        var run = Should.CompleteIn(() => CheckHostileStrings(sample), HangGuard, $"{name}: hostile strings did not finish within the hang guard (exponential behaviour?)");

        run.Failures.ShouldBeEmpty();
        run.Count.ShouldBeGreaterThanOrEqualTo(sample.Model.Inputs.Count(f => f.Type == FieldType.String) * HostileStrings.VariantCount);

        // The hostile inputs reach rules, not only the default; except where every string test is an equality, which
        // no 1 MiB string passes.
        var stringFields = sample.Model.Inputs.Where(f => f.Type == FieldType.String).Select(f => f.Index).ToHashSet();
        if (SampleRuleSets.Tests(sample.Model).Any(t => stringFields.Contains(t.Field) && t.Operator is not (TestOperator.Eq or TestOperator.Ne or TestOperator.In or TestOperator.NotIn)))
        {
            run.Decided.Count.ShouldBeGreaterThan(1, run.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(SamplesWithLists))]
    public void Lists_of_100k_elements_agree_with_the_reference_evaluator_with_the_match_first_last_absent_or_among_nulls(string name)
    {
        var sample = SampleRuleSets.Get(name);
        var run = Should.CompleteIn(() => CheckHostileLists(sample), HangGuard, $"{name}: hostile lists did not finish within the hang guard (exponential behaviour?)");

        run.Failures.ShouldBeEmpty();
        run.Count.ShouldBeGreaterThan(0);
        if (SampleRuleSets.Tests(sample.Model).Any(t => sample.Model.Inputs[t.Field].Type == FieldType.StringList))
        {
            run.Decided.Count.ShouldBeGreaterThan(1, run.ToString());
        }
    }

    [Fact]
    public void The_samples_together_use_every_string_and_list_operator_kind_the_hostile_tests_cover()
    {
        var used = SampleRuleSets.All.SelectMany(s => SampleRuleSets.Tests(s.Model)).Select(t => t.Operator).ToHashSet();

        // contains-all is in the language but in no sample: the runtime test below covers it directly.
        TestOperator[] covered =
        [
            TestOperator.Regex, TestOperator.Glob, TestOperator.Prefix, TestOperator.Suffix, TestOperator.Contains,
            TestOperator.ListContains, TestOperator.ContainsAny, TestOperator.Empty,
        ];
        foreach (var op in covered)
        {
            used.ShouldContain(op, op.YamlName());
        }
    }

    [Fact]
    public void Runtime_glob_and_list_operators_agree_with_the_reference_on_megabyte_strings_and_100k_element_lists()
    {
        var failures = Should.CompleteIn(CheckRuntimeOperators, HangGuard, "runtime operators did not finish within the hang guard (exponential behaviour?)");
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Every_regex_of_every_sample_is_an_automaton_built_at_build_time_and_no_regex_is_built_at_run_time()
    {
        foreach (var sample in SampleRuleSets.All)
        {
            var hasRegexes = SampleRuleSets.Tests(sample.Model).Any(t => t.Operator == TestOperator.Regex);
            var statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            // Every pattern of the samples is one the automata take: no field builds a regex, by RuleRegex or itself.
            sample.RuleSet.GetFields(statics).Where(f => f.FieldType == typeof(RuleRegex) || f.FieldType == typeof(Regex))
                .Select(f => f.Name).ShouldBeEmpty(sample.Name);
            // The automata are tables the type initializer copies from the assembly's data: readonly ushort arrays.
            var automata = sample.RuleSet.GetFields(statics).Where(f => f.Name.StartsWith("s_automaton", StringComparison.Ordinal)).ToList();
            automata.Where(f => f.FieldType != typeof(ushort[]) || !f.IsInitOnly).Select(f => f.Name).ShouldBeEmpty(sample.Name);
            (automata.Count > 0).ShouldBe(hasRegexes, $"{sample.Name}: {automata.Count} automata");
        }
    }

    [Fact]
    public void Generated_code_matches_regexes_only_through_the_automata_never_through_Regex()
    {
        // Regex.IsMatch(input, pattern) and friends use the backtracking engine; new Regex(...) would bypass the
        // automata and RuleRegex's fixed options. Neither may appear in generated IL: the samples' regexes are all
        // automata, asked through PatternScan (a part asking several) or PatternSet.IsMatch (one test).
        var offenders = new List<string>();
        var (scans, singles) = (0, 0);
        foreach (var method in GeneratedCode.Methods())
        {
            foreach (var callee in GeneratedCode.Callees(method))
            {
                if (callee.DeclaringType == typeof(Regex) || callee.DeclaringType == typeof(RuleRegex))
                {
                    offenders.Add($"{method.DeclaringType!.FullName}.{method.Name} calls {callee.DeclaringType.Name}.{callee.Name}");
                }

                scans += callee.DeclaringType == typeof(PatternScan) && callee.Name == nameof(PatternScan.IsMatch) ? 1 : 0;
                singles += callee.DeclaringType == typeof(PatternSet) && callee.Name == nameof(PatternSet.IsMatch) ? 1 : 0;
            }
        }

        offenders.ShouldBeEmpty();
        scans.ShouldBeGreaterThan(0, "the IL reader found no call to PatternScan.IsMatch: it is not reading the generated code, or no part scans");
        singles.ShouldBeGreaterThan(0, "the IL reader found no call to PatternSet.IsMatch");
    }

    [Theory]
    [InlineData(@"(a)\1", "backreference")]
    [InlineData(@"(?<x>a)\k<x>", "named backreference")]
    [InlineData("a(?=b)", "lookahead")]
    [InlineData("(?<!b)a", "lookbehind")]
    [InlineData("(?>a+)b", "atomic group")]
    [InlineData("(?(a)a|b)", "conditional")]
    public void A_regex_that_needs_backtracking_is_rejected_at_build_time_with_RC2028(string pattern, string construct)
    {
        var compiled = CompileSingleRegexRuleSet(pattern);

        compiled.HasErrors.ShouldBeTrue(construct);
        compiled.Model.ShouldBeNull();
        compiled.Diagnostics.Select(d => d.Id).ShouldContain("RC2028", construct + ": " + string.Join("; ", compiled.Diagnostics));
    }

    [Theory]
    [InlineData("(a+)+$")]
    [InlineData("(a|aa)+$")]
    [InlineData("(a*)*b")]
    [InlineData("^(a|a?)+$")]
    [InlineData(@"^(\w+\s?)*$")]
    public void A_classic_catastrophic_pattern_compiles_and_runs_on_the_linear_engine_through_adversarial_input(string pattern)
    {
        // These only blow up on a backtracking engine; the non-backtracking one the rules use accepts them and stays
        // linear. The reference evaluator builds its regexes exactly as generated code does (LinearRegex).
        var compiled = CompileSingleRegexRuleSet(pattern);
        compiled.HasErrors.ShouldBeFalse(string.Join("; ", compiled.Diagnostics));
        var reference = new ReferenceEvaluator(compiled.Model!);
        var asGenerated = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        var adversarial = new string('a', 100_000) + "!";
        var matching = new string('a', 100_000) + (pattern.Contains('b') ? "b" : string.Empty);

        var (onAdversarial, onMatching, generatedOnAdversarial) = Should.CompleteIn(
            () => (reference.Evaluate([Value.String(adversarial)]).Matched, reference.Evaluate([Value.String(matching)]).Matched, asGenerated.IsMatch(adversarial)),
            HangGuard,
            $"'{pattern}' did not finish within the hang guard: backtracking?");

        onAdversarial.ShouldBeFalse();
        generatedOnAdversarial.ShouldBe(onAdversarial);
        onMatching.ShouldBeTrue();
    }

    [Fact]
    public void The_runtime_glob_with_many_stars_does_not_backtrack_on_a_near_miss()
    {
        var glob = new GlobPattern("*a*a*a*a*a*b", ignoreCase: false);
        var text = new string('a', 100_000);

        var (miss, hit) = Should.CompleteIn(() => (glob.IsMatch(text), glob.IsMatch(text + "b")), HangGuard, "GlobPattern did not finish within the hang guard");

        miss.ShouldBeFalse();
        hit.ShouldBeTrue();
    }

    private static CompiledRuleFile CompileSingleRegexRuleSet(string pattern)
    {
        var text = $"""
            ruleset: Catastrophic
            inputs:
              text: string
            outputs:
              hit: bool
            rules:
              - id: r
                when: {"{"} text: {"{"} regex: '{pattern.Replace("'", "''", StringComparison.Ordinal)}' {"}"} {"}"}
                then: {"{"} hit: true {"}"}
            """;
        return RuleFileCompiler.Compile(text, new BindOptions("RuleCompiler.Samples", "catastrophic.rules.yaml"), CancellationToken.None);
    }

    private static HostileRun CheckHostileStrings(SampleRuleSet sample)
    {
        var model = sample.Model;
        var run = new HostileRun(sample);
        var baseRows = SampleRuleSets.RuleRows(model, seed: 1).ToList();
        var stringFields = model.Inputs.Where(f => f.Type == FieldType.String).ToList();
        var hostileFor = stringFields.ToDictionary(f => f.Index, f => new HostileStrings(SampleRuleSets.ExampleStrings(model, f.Index)));
        foreach (var field in stringFields)
        {
            var hostile = hostileFor[field.Index];
            var touching = model.Rules.Where(r => SampleRuleSets.Tests(r.When).Any(t => t.Field == field.Index)).Select(r => baseRows[r.Index]).ToList();
            if (touching.Count == 0)
            {
                touching = baseRows;
            }

            // Rows built for the rules that test this field (up to three per variant, spread over the file), so that
            // the hostile value meets each kind of test the field has; every variant is used at least once.
            var cases = Math.Clamp(touching.Count, HostileStrings.VariantCount, 3 * HostileStrings.VariantCount);
            for (var k = 0; k < cases; k++)
            {
                var row = (Value[])touching[(int)((long)k * touching.Count / cases)].Clone();
                var (label, text) = hostile.Variant(k % HostileStrings.VariantCount, row[field.Index].AsString);
                row[field.Index] = Value.String(text);
                run.Check(row, $"{field.Name} = {label}");
            }
        }

        // Every string field hostile at once.
        for (var v = 0; v < HostileStrings.VariantCount; v++)
        {
            var row = (Value[])baseRows[v % baseRows.Count].Clone();
            foreach (var field in stringFields)
            {
                row[field.Index] = Value.String(hostileFor[field.Index].Variant(v, row[field.Index].AsString).Text);
            }

            run.Check(row, "every string field hostile, variant " + v);
        }

        return run;
    }

    private static HostileRun CheckHostileLists(SampleRuleSet sample)
    {
        var model = sample.Model;
        var run = new HostileRun(sample);
        var baseRows = SampleRuleSets.RuleRows(model, seed: 2).ToList();
        var k = 0;
        foreach (var field in model.Inputs.Where(f => f.Type == FieldType.StringList))
        {
            var literals = SampleRuleSets.Tests(model).Where(t => t.Field == field.Index).SelectMany(t => t.Operands).Where(o => o.Type == FieldType.String).Select(o => o.AsString).Distinct().ToList();
            var filler = HostileLists.Filler(literals);
            foreach (var rule in model.Rules)
            {
                foreach (var test in SampleRuleSets.Tests(rule.When).Where(t => t.Field == field.Index))
                {
                    // Three placements per test, rotating, so that each field sees every placement several times.
                    var targets = test.Operator == TestOperator.Empty ? literals.Take(1).ToArray() : test.Operands.Select(o => o.AsString).ToArray();
                    for (var i = 0; i < 3; i++, k++)
                    {
                        var (label, list) = HostileLists.Variant(k % HostileLists.VariantCount(targets), filler, targets);
                        var row = (Value[])baseRows[rule.Index].Clone();
                        row[field.Index] = SampleRuleSets.ListValue(list);
                        run.Check(row, $"{field.Name} = {label} (targets of {rule.Id}: {string.Join(", ", targets)})");
                    }
                }
            }

            // A 100k list and a megabyte string in the same input.
            var stringField = model.Inputs.FirstOrDefault(f => f.Type == FieldType.String);
            if (stringField is not null)
            {
                var row = (Value[])baseRows[0].Clone();
                row[field.Index] = SampleRuleSets.ListValue(HostileLists.Variant(0, filler, literals.Take(2).ToArray()).List);
                row[stringField.Index] = Value.String(new HostileStrings(SampleRuleSets.ExampleStrings(model, stringField.Index)).Variant(0, row[stringField.Index].AsString).Text);
                run.Check(row, "hostile list and hostile string together");
            }
        }

        return run;
    }

    private static List<string> CheckRuntimeOperators()
    {
        var failures = new List<string>();
        var predicates = new Predicates();

        // glob: the runtime's GlobPattern against the reference GlobMatcher.
        string[] globs = ["/orgs/*/secrets/*", "*.aws/credentials*", "*gcloud/*credentials*.json*", "*a*a*a*b", "?*?*?", "a\\*b*", "*", "**x**"];
        var texts = new List<(string Label, string Text)>
        {
            ("'a' x 1 MiB", new string('a', Mebi)),
            ("'/orgs/' + '/' x 1 MiB + '/secrets/x'", "/orgs/" + new string('/', Mebi) + "/secrets/x"),
            ("'.aws/credential' repeated", HostileStrings.Fill(".aws/credential", Mebi)),
            ("'gcloud/' + 'credentials' repeated, no .json", "gcloud/" + HostileStrings.Fill("credentials", Mebi)),
            ("random non-ASCII", HostileStrings.NonAscii(Mebi, new Random(3))),
            ("'a*b' + 'a' x 1 MiB + 'b'", "a*b" + new string('a', Mebi) + "b"),
        };
        foreach (var glob in globs)
        {
            foreach (var ignoreCase in glob is "*.aws/credentials*" or "*a*a*a*b" ? new[] { false, true } : [false])
            {
                var pattern = new GlobPattern(glob, ignoreCase);
                var test = new TestCondition(0, TestOperator.Glob, EquatableArray.Create(Value.String(glob)), ignoreCase, default);
                foreach (var (label, text) in texts)
                {
                    var expected = predicates.Holds(test, Value.String(text));
                    if (pattern.IsMatch(text) != expected)
                    {
                        failures.Add($"glob '{glob}' (ignore-case {ignoreCase}) on {label}: reference {expected}");
                    }
                }
            }
        }

        // contains / contains-any / contains-all: RuleText against the reference predicates, on 100k-element lists.
        string[] targets = ["-r", "--force", "pii"];
        var filler = HostileLists.Filler(targets);
        for (var v = 0; v < HostileLists.VariantCount(targets); v++)
        {
            var (label, list) = HostileLists.Variant(v, filler, targets);
            var value = SampleRuleSets.ListValue(list);
            foreach (var ignoreCase in new[] { false, true })
            {
                var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                var operands = targets.Select(Value.String).ToEquatableArray();
                Agree("contains", RuleText.Contains(list!, targets[0], comparison), new TestCondition(0, TestOperator.ListContains, EquatableArray.Create(operands[0]), ignoreCase, default));
                Agree("contains-any", RuleText.ContainsAny(list!, targets, comparison), new TestCondition(0, TestOperator.ContainsAny, operands, ignoreCase, default));
                Agree("contains-all", RuleText.ContainsAll(list!, targets, comparison), new TestCondition(0, TestOperator.ContainsAll, operands, ignoreCase, default));

                void Agree(string op, bool actual, TestCondition test)
                {
                    if (actual != predicates.Holds(test, value))
                    {
                        failures.Add($"{op} (ignore-case {ignoreCase}) on {label}: runtime {actual}");
                    }
                }
            }
        }

        return failures;
    }
}

/// <summary>Hostile inputs of one sample checked against the reference evaluator: disagreements, and which rules decided.</summary>
internal sealed class HostileRun(SampleRuleSet sample)
{
    private readonly ReferenceEvaluator _reference = new(sample.Model);

    public List<string> Failures { get; } = [];

    /// <summary>The rule ids the reference evaluator gave ("(no rule)" when none held): shows the inputs reach rules.</summary>
    public HashSet<string> Decided { get; } = [];

    public int Count { get; private set; }

    public void Check(Value[] row, string what)
    {
        Count++;
        var disagreement = SampleRuleSets.Disagreement(sample, _reference, row, Decided);
        if (disagreement is not null && Failures.Count < 20)
        {
            Failures.Add($"{sample.Name}, {what}: {disagreement}");
        }
    }

    public override string ToString() => $"{sample.Name}: {Count} inputs deciding {string.Join(", ", Decided)}";
}

/// <summary>1 MiB strings built around a field's original value and the rule file's literals for that field.</summary>
internal sealed class HostileStrings
{
    public const int VariantCount = 13;
    private const int Mebi = 1 << 20;

    private static readonly string s_randomAscii = RandomAscii(Mebi, new Random(11));
    private static readonly string s_nonAscii = NonAscii(Mebi, new Random(12));

    private readonly string _everyLiteral;
    private readonly string _nearMisses;

    public HostileStrings(IReadOnlyList<string> literals)
    {
        var nonEmpty = literals.Where(l => l.Length > 0).ToList();
        _everyLiteral = Fill(nonEmpty.Count == 0 ? "x " : string.Join(" ", nonEmpty) + " ", Mebi);
        _nearMisses = Fill(nonEmpty.Count == 0 ? "y " : string.Join(" ", nonEmpty.Select(l => l.Length > 1 ? l[..^1] : l + "\u00E9")) + " ", Mebi);
    }

    public (string Label, string Text) Variant(int index, string original) => index switch
    {
        0 => ("original + 1 MiB of spaces", original + new string(' ', Mebi)),
        1 => ("1 MiB of spaces + original", new string(' ', Mebi) + original),
        2 => ("original repeated to 1 MiB", Fill(original.Length == 0 ? "x " : original + " ", Mebi)),
        3 => ("original + '-r ' repeated + '/'", original + " " + Fill("-r ", Mebi) + "/"),
        4 => ("original + '-r' repeated + 'x' (catastrophic for backtracking)", original + " " + Fill("-r ", Mebi) + "x"),
        5 => ("'a' x 1 MiB", new string('a', Mebi)),
        6 => ("random printable ASCII", s_randomAscii),
        7 => ("original + random non-ASCII", original + s_nonAscii),
        8 => ("every literal of the field, repeated", _everyLiteral),
        9 => ("near misses of every literal, repeated", _nearMisses),
        10 => ("original in the middle of 1 MiB of spaces", new string(' ', Mebi / 2) + original + new string(' ', Mebi / 2)),
        11 => ("original upper-cased + tabs and newlines", original.ToUpperInvariant() + Fill("\t\n", Mebi)),
        _ => ("original + every literal repeated", original + _everyLiteral),
    };

    public static string Fill(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString(0, length);
    }

    public static string NonAscii(int length, Random random)
    {
        // Accents, the characters whose case mapping is special (dotted I, sharp s, Kelvin sign), CJK, a surrogate pair,
        // combining marks, lone surrogates, NUL, Unicode spaces (which \s matches) and separators.
        string[] pool = ["é", "ß", "İ", "ı", "\u212A", "ﬀ", "Ω", "Ж", "中", "文", "😀", "\u0301", "\uD800", "\uDC00", "\0", "\u00A0", "\u2028", "\u3000", "\u200B", "/", "-", " "];
        var builder = new StringBuilder(length + 2);
        while (builder.Length < length)
        {
            builder.Append(pool[random.Next(pool.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomAscii(int length, Random random)
    {
        var chars = new char[length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(32, 127);
        }

        return new string(chars);
    }
}

/// <summary>100,000-element lists of near misses, with the elements a test looks for first, last, absent or among nulls.</summary>
internal static class HostileLists
{
    private const int Length = 100_000;

    public static string[] Filler(IReadOnlyList<string> literals)
    {
        var exact = literals.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = literals.SelectMany(l => new[] { l + "x", "x" + l, l.Length > 1 ? l[..^1] : "q", l + " ", "-" + l })
            .Append("--")
            .Append("é")
            .Where(c => !exact.Contains(c))
            .Distinct()
            .ToArray();
        var filler = new string[Length];
        for (var i = 0; i < filler.Length; i++)
        {
            filler[i] = candidates[i % candidates.Length];
        }

        return filler;
    }

    public static int VariantCount(string[] targets) => targets.Length == 0 ? 1 : targets.Length > 1 ? 7 : 6;

    public static (string Label, string?[] List) Variant(int index, string[] filler, string[] targets) => targets.Length == 0
        ? ("100k near misses", filler.ToArray())
        : index switch
        {
            0 => ("100k near misses with the targets last", WithTargets(filler, targets, atStart: false)),
            1 => ("the targets first, then 100k near misses", WithTargets(filler, targets, atStart: true)),
            2 => ("100k near misses, targets absent", filler.ToArray()),
            3 => ("100k nulls with the targets last", WithTargets(new string[filler.Length], targets, atStart: false)),
            4 => ("100k nulls", new string?[filler.Length]),
            5 => ("100k near misses with the targets upper-cased last", WithTargets(filler, targets.Select(t => t.ToUpperInvariant()).ToArray(), atStart: false)),
            _ => ("100k near misses with every target but the last", WithTargets(filler, targets[..^1], atStart: false)),
        };

    private static string?[] WithTargets(string?[] filler, string[] targets, bool atStart)
    {
        var list = (string?[])filler.Clone();
        for (var i = 0; i < targets.Length; i++)
        {
            list[atStart ? i : list.Length - targets.Length + i] = targets[i];
        }

        return list;
    }
}

/// <summary>What the generated code answered for one input: the decision, or for plain collect every holding rule in order.</summary>
internal readonly record struct Outcome(bool Matched, string? RuleId, object? Output, string HoldingRules, string HoldingOutputs)
{
    public static Outcome Of<TOutput>(RuleResult<TOutput> result) => new(result.Matched, result.RuleId, result.Output, string.Empty, string.Empty);

    public static Outcome Of(McpIntercept.Matches matches)
    {
        var ids = new List<string>();
        var outputs = new List<string>();
        foreach (var match in matches)
        {
            ids.Add(match.RuleId!);
            outputs.Add(match.Output.ToString());
        }

        ids.Count.ShouldBe(matches.Count);
        return new Outcome(ids.Count > 0, null, null, string.Join(",", ids), string.Join("\n", outputs));
    }

    /// <summary>For plain collect, the ids of the holding rules in the order the enumeration gave them.</summary>
    public IEnumerable<string> HoldingIds => HoldingRules.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => HoldingRules.Length > 0 ? "[" + HoldingRules + "]" : $"matched={Matched} rule={RuleId ?? "null"} {Output}";
}

/// <summary>A sample rule set: its generated class and entry point, and its model compiled by the language library.</summary>
internal sealed class SampleRuleSet(string name, string file, Type ruleSet, Type input, Func<object, Outcome> evaluate)
{
    private readonly Lazy<RuleSetModel> _model = new(() => SampleRuleSets.Compile(file));

    public string Name { get; } = name;

    public string File { get; } = file;

    public Type RuleSet { get; } = ruleSet;

    public Type Input { get; } = input;

    /// <summary>Calls the generated Evaluate (or EvaluateAll) on a boxed input of type <see cref="Input"/>.</summary>
    public Func<object, Outcome> Evaluate { get; } = evaluate;

    public RuleSetModel Model => _model.Value;

    public bool IsPlainCollect => Model.Hit == HitPolicy.Collect && Model.Aggregate == Aggregate.None;

    public override string ToString() => Name;
}

/// <summary>The samples, conversions between typed inputs and reference rows, and inputs derived from the rule files.</summary>
internal static class SampleRuleSets
{
    public static readonly SampleRuleSet[] All =
    [
        new("ShellGuard", "shell-guard.rules.yaml", typeof(ShellGuard), typeof(ShellGuardInput), i => Outcome.Of(ShellGuard.Evaluate((ShellGuardInput)i))),
        new("AccessPolicy", "access-policy.rules.yaml", typeof(AccessPolicy), typeof(AccessPolicyInput), i => Outcome.Of(AccessPolicy.Evaluate((AccessPolicyInput)i))),
        new("TaskRouter", "task-router.rules.yaml", typeof(TaskRouter), typeof(TaskRouterInput), i => Outcome.Of(TaskRouter.Evaluate((TaskRouterInput)i))),
        new("ModelPricing", "model-pricing.rules.yaml", typeof(ModelPricing), typeof(ModelPricingInput), i => Outcome.Of(ModelPricing.Evaluate((ModelPricingInput)i))),
        new("McpIntercept", "mcp-intercept.rules.yaml", typeof(McpIntercept), typeof(McpInterceptInput), i => Outcome.Of(McpIntercept.EvaluateAll((McpInterceptInput)i))),
        new("RequestCost", "llm-cost.rules.yaml", typeof(RequestCost), typeof(RequestCostInput), i => Outcome.Of(RequestCost.Evaluate((RequestCostInput)i))),
        new("SafeShellDefaults", "safeshell-defaults.rules.yaml", typeof(SafeShell.Rules.SafeShellDefaults), typeof(SafeShell.Rules.SafeShellDefaultsInput), i => Outcome.Of(SafeShell.Rules.SafeShellDefaults.Evaluate((SafeShell.Rules.SafeShellDefaultsInput)i))),
    ];

    private static readonly Lazy<string> s_rulesDirectory = new(FindRulesDirectory);

    public static SampleRuleSet Get(string name) => All.Single(s => s.Name == name);

    public static RuleSetModel Compile(string file)
    {
        var path = Path.Combine(s_rulesDirectory.Value, file);
        var compiled = RuleFileCompiler.Compile(System.IO.File.ReadAllText(path), new BindOptions("RuleCompiler.Samples", path), CancellationToken.None);
        compiled.Model.ShouldNotBeNull($"{file} does not compile: {string.Join("; ", compiled.Diagnostics)}");
        return compiled.Model!;
    }

    /// <summary>The reference row of a typed input: its fields in declaration order.</summary>
    public static Value[] ToRow(SampleRuleSet sample, object input) =>
        sample.Model.Inputs.Select(f => ToValue(sample.Input.GetProperty(f.PropertyName)!.GetValue(input), f.Type)).ToArray();

    /// <summary>The typed (boxed) input of a reference row.</summary>
    // The one Value-row to typed-input adapter, shared with the compiler's differential tests.
    public static object ToInput(SampleRuleSet sample, IReadOnlyList<Value> row) =>
        new RuleCompiler.Tests.Infrastructure.RuleSetUnderTest(sample.Input.Assembly, sample.Model).CreateInput(row);

    public static Value ToValue(object? value, FieldType type) => type switch
    {
        FieldType.String => Value.String((string?)value!),
        FieldType.Int => Value.Int((int)value!),
        FieldType.Long => Value.Long((long)value!),
        FieldType.Decimal => Value.Dec((decimal)value!),
        FieldType.Double => Value.Dbl((double)value!),
        FieldType.Bool => Value.Bool((bool)value!),
        FieldType.Enum => Value.Enum(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => ListValue((string?[]?)value ?? []),
    };

    /// <summary>A string-list value; null elements stay null (both sides read them as "").</summary>
    public static Value ListValue(string?[] items) => Value.List(new EquatableArray<string>(items!));

    /// <summary>Null when the generated code and the reference evaluator agree on <paramref name="row"/>, else both answers.</summary>
    public static string? Disagreement(SampleRuleSet sample, ReferenceEvaluator reference, Value[] row, ISet<string>? decided = null)
    {
        var model = sample.Model;
        var actual = sample.Evaluate(ToInput(sample, row));
        if (sample.IsPlainCollect)
        {
            var expected = reference.HoldingRules(row).Select(i => model.Rules[i].Id).ToList();
            decided?.UnionWith(expected);
            return expected.SequenceEqual(actual.HoldingIds) ? null : $"reference [{string.Join(", ", expected)}], generated {actual} for {Describe(model, row)}";
        }

        var result = reference.Evaluate(row);
        var expectedId = result.RuleIndex < 0 ? null : model.Rules[result.RuleIndex].Id;
        // An aggregate has no rule id: what decided it is the set of rules it adds up.
        decided?.Add(expectedId ?? (result.Matched ? "(aggregate of " + string.Join(" + ", reference.HoldingRules(row).Select(i => model.Rules[i].Id)) + ")" : "(no rule)"));
        var outputs = model.Outputs.Select(o => ToValue(actual.Output!.GetType().GetProperty(o.PropertyName)!.GetValue(actual.Output), o.Type)).ToList();
        var outputsAgree = model.Outputs.All(o => result.Outputs[o.Index].SameAs(outputs[o.Index]));
        return result.Matched == actual.Matched && expectedId == actual.RuleId && outputsAgree
            ? null
            : $"reference matched={result.Matched} rule={expectedId ?? "null"} {string.Join(", ", result.Outputs.Select((v, i) => v.ToYaml(model.Outputs[i])))}, generated {actual} for {Describe(model, row)}";
    }

    public static string Describe(RuleSetModel model, IReadOnlyList<Value> row) =>
        "{ " + string.Join(", ", model.Inputs.Select(f => f.Name + ": " + Describe(row[f.Index], f))) + " }";

    /// <summary>Every test in a rule set, or in a condition.</summary>
    public static IEnumerable<TestCondition> Tests(RuleSetModel model) => model.Rules.SelectMany(r => Tests(r.When));

    public static IEnumerable<TestCondition> Tests(Condition condition) => condition switch
    {
        TestCondition test => [test],
        NotCondition not => Tests(not.Operand),
        AllCondition all => all.Items.SelectMany(Tests),
        AnyCondition any => any.Items.SelectMany(Tests),
        _ => [],
    };

    /// <summary>Strings the rule file's tests on a string field would accept or nearly accept: operands, expanded globs, regex examples.</summary>
    public static IReadOnlyList<string> ExampleStrings(RuleSetModel model, int field) =>
        Tests(model).Where(t => t.Field == field).SelectMany(t => t.Operands.Where(o => o.Type == FieldType.String).Select(o => Example(t.Operator, o.AsString, new Random(0)))).Distinct().ToList();

    /// <summary>
    /// One row per rule, built so that the rule's tests tend to hold (an <c>any</c> picks one branch at random, a
    /// regex gets an example string, <c>not</c> is left alone): inputs that reach deep into the plan. The reference
    /// evaluator decides what actually holds.
    /// </summary>
    public static IEnumerable<Value[]> RuleRows(RuleSetModel model, int seed)
    {
        var random = new Random(seed);
        foreach (var rule in model.Rules)
        {
            var row = model.Inputs.Select(f => Value.Zero(f.Type)).ToArray();
            Satisfy(rule.When, row, random);
            yield return row;
        }
    }

    private static void Satisfy(Condition condition, Value[] row, Random random)
    {
        switch (condition)
        {
            case AllCondition all:
                foreach (var item in all.Items)
                {
                    Satisfy(item, row, random);
                }

                break;
            case AnyCondition any:
                Satisfy(any.Items[random.Next(any.Items.Count)], row, random);
                break;
            case TestCondition test:
                var current = row[test.Field];
                var operands = test.Operands;
                var pick = operands.Count == 0 ? default : operands[random.Next(operands.Count)];
                row[test.Field] = test.Operator switch
                {
                    TestOperator.Eq or TestOperator.In => pick,
                    TestOperator.Lt => Shift(operands[0], -1),
                    TestOperator.Gt => Shift(operands[0], 1),
                    TestOperator.Lte or TestOperator.Gte => operands[0],
                    TestOperator.Between => random.Next(2) == 0 ? operands[0] : operands[1],
                    TestOperator.Prefix or TestOperator.Suffix or TestOperator.Contains or TestOperator.Glob or TestOperator.Regex =>
                        Value.String(Example(test.Operator, pick.AsString, random) is var text && test.IgnoreCase && random.Next(2) == 0 ? text.ToUpperInvariant() : text),
                    TestOperator.ListContains or TestOperator.ContainsAny => Value.List(current.Items.Append(pick.AsString).ToEquatableArray()),
                    TestOperator.ContainsAll => Value.List(current.Items.Concat(operands.Select(o => o.AsString)).ToEquatableArray()),
                    TestOperator.Empty => operands[0].AsBool ? Value.List(EquatableArray<string>.Empty) : Value.List(current.Items.Append("x").ToEquatableArray()),
                    _ => current,
                };
                break;
        }
    }

    private static Value Shift(Value value, int by) => value.Type switch
    {
        FieldType.Int => Value.Int(value.Integer + by),
        FieldType.Long => Value.Long(value.Integer + by),
        FieldType.Decimal => Value.Dec(value.Decimal + by),
        FieldType.Double => Value.Dbl(value.Real + by),
        _ => value,
    };

    private static string Example(TestOperator op, string operand, Random random) => op switch
    {
        TestOperator.Prefix => operand + " tail",
        TestOperator.Suffix => "head/" + operand,
        TestOperator.Contains => "a " + operand + " b",
        TestOperator.Glob => GlobExample(operand),
        TestOperator.Regex => RegexExample.For(operand, random),
        _ => operand,
    };

    private static string GlobExample(string glob)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            builder.Append(glob[i] switch
            {
                '*' => "seg",
                '?' => "q",
                '\\' when i + 1 < glob.Length => glob[++i].ToString(),
                var c => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static string Describe(Value value, FieldModel field)
    {
        if (field.Type == FieldType.StringList)
        {
            var items = value.Items;
            return items.Count <= 4
                ? value.ToYaml(field)
                : $"[{items.Count} items: {Short(items[0])}, {Short(items[1])}, …, {Short(items[items.Count - 1])}]";
        }

        return field.Type == FieldType.String && value.AsString.Length > 60 ? $"{Short(value.AsString)} ({value.AsString.Length} chars)" : value.ToYaml(field);
    }

    private static string Short(string? text) =>
        text is null ? "null" : Value.String(text.Length > 40 ? text[..40] + "…" : text).ToYaml();

    private static string FindRulesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "RuleCompiler.sln")))
            {
                return Path.Combine(directory.FullName, "rules");
            }
        }

        throw new InvalidOperationException("RuleCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A string a regex (probably) matches, by walking the pattern: the chosen branch of each alternation, one character of
/// each class, quantified atoms repeated 0-2 times. Not exact (anchors, lookarounds are skipped), and need not be:
/// the reference evaluator decides what matches.
/// </summary>
internal static class RegexExample
{
    public static string For(string pattern, Random random)
    {
        var at = 0;
        var builder = new StringBuilder();
        Alternation(pattern, ref at, builder, random);
        return builder.ToString();
    }

    private static void Alternation(string p, ref int at, StringBuilder into, Random random)
    {
        var branches = new List<StringBuilder>();
        while (true)
        {
            var branch = new StringBuilder();
            Sequence(p, ref at, branch, random);
            branches.Add(branch);
            if (at < p.Length && p[at] == '|')
            {
                at++;
                continue;
            }

            break;
        }

        into.Append(branches[random.Next(branches.Count)]);
    }

    private static void Sequence(string p, ref int at, StringBuilder into, Random random)
    {
        while (at < p.Length && p[at] != '|' && p[at] != ')')
        {
            var atom = new StringBuilder();
            var c = p[at++];
            switch (c)
            {
                case '(':
                    if (at < p.Length && p[at] == '?')
                    {
                        at++;
                        if (at < p.Length && (p[at] == ':' || p[at] == 'i'))
                        {
                            at++;
                        }
                    }

                    Alternation(p, ref at, atom, random);
                    at++; // ')'
                    break;
                case '[':
                    atom.Append(Class(p, ref at));
                    break;
                case '\\':
                    atom.Append(Escape(p[at++]));
                    break;
                case '^':
                case '$':
                    break;
                case '.':
                    atom.Append('x');
                    break;
                default:
                    atom.Append(c);
                    break;
            }

            var (min, max) = (1, 1);
            if (at < p.Length)
            {
                switch (p[at])
                {
                    case '*': (min, max) = (0, 2); at++; break;
                    case '+': (min, max) = (1, 2); at++; break;
                    case '?': (min, max) = (0, 1); at++; break;
                    case '{':
                        var close = p.IndexOf('}', at);
                        var counts = p[(at + 1)..close].Split(',');
                        min = int.Parse(counts[0], System.Globalization.CultureInfo.InvariantCulture);
                        max = counts.Length > 1 && counts[1].Length > 0 ? int.Parse(counts[1], System.Globalization.CultureInfo.InvariantCulture) : min + 1;
                        at = close + 1;
                        break;
                }

                if (at < p.Length && p[at] == '?')
                {
                    at++;
                }
            }

            var times = random.Next(min, max + 1);
            for (var i = 0; i < times; i++)
            {
                into.Append(atom);
            }
        }
    }

    private static string Class(string p, ref int at)
    {
        var negated = at < p.Length && p[at] == '^';
        if (negated)
        {
            at++;
        }

        string? first = null;
        var members = new StringBuilder();
        var start = true;
        while (at < p.Length && (p[at] != ']' || start))
        {
            start = false;
            var c = p[at++];
            var member = c == '\\' ? Escape(p[at++]) : c.ToString();
            first ??= member;
            members.Append(member);
        }

        at++; // ']'
        if (!negated)
        {
            return first ?? string.Empty;
        }

        foreach (var candidate in "xq9_Z")
        {
            if (members.ToString().IndexOf(candidate) < 0)
            {
                return candidate.ToString();
            }
        }

        return "#";
    }

    private static string Escape(char c) => c switch
    {
        's' => " ",
        'S' or 'w' or 'D' => "x",
        'd' => "1",
        'W' => "-",
        'b' or 'B' or 'A' or 'z' or 'Z' => string.Empty,
        't' => "\t",
        'n' => "\n",
        _ => c.ToString(),
    };
}

/// <summary>The generated types of this assembly and the methods their IL calls.</summary>
internal static class GeneratedCode
{
    private static readonly OpCode[] s_oneByte = new OpCode[0x100];
    private static readonly OpCode[] s_twoByte = new OpCode[0x100];

    static GeneratedCode()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (value < 0x100)
            {
                s_oneByte[value] = code;
            }
            else if ((value & 0xFF00) == 0xFE00)
            {
                s_twoByte[value & 0xFF] = code;
            }
        }
    }

    /// <summary>Every type RuleCompiler.Generator emitted into this assembly, with the types nested in them.</summary>
    public static IReadOnlyList<Type> Types()
    {
        var roots = typeof(GeneratedCode).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>()?.Tool == "RuleCompiler.Generator")
            .ToList();
        var all = new List<Type>();
        var pending = new Queue<Type>(roots);
        while (pending.Count > 0)
        {
            var type = pending.Dequeue();
            all.Add(type);
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
            {
                pending.Enqueue(nested);
            }
        }

        return all;
    }

    public static IEnumerable<MethodBase> Methods() =>
        Types().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly).Cast<MethodBase>()
            .Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)));

    public static bool IsTypeInitializer(this MethodBase method) => method is ConstructorInfo && method.IsStatic;

    /// <summary>The methods and constructors <paramref name="method"/>'s IL calls, loads or creates.</summary>
    public static IEnumerable<MethodBase> Callees(MethodBase method) => Operands(method, OperandType.InlineMethod).Select(token => ResolveMethod(method, token)).OfType<MethodBase>();

    /// <summary>The opcodes of <paramref name="method"/>'s IL with their 4-byte token operand (0 when there is none).</summary>
    public static IEnumerable<(OpCode Op, int Token)> Instructions(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        var at = 0;
        while (at < il.Length)
        {
            var op = il[at] == 0xFE ? s_twoByte[il[at + 1]] : s_oneByte[il[at]];
            at += op.Size;
            var token = 0;
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    token = BitConverter.ToInt32(il, at);
                    at += 4;
                    break;
            }

            yield return (op, token);
        }
    }

    public static FieldInfo? ResolveField(MethodBase method, int token) =>
        method.Module.ResolveField(token, TypeArguments(method), MethodArguments(method));

    private static IEnumerable<int> Operands(MethodBase method, OperandType type) =>
        Instructions(method).Where(i => i.Op.OperandType == type).Select(i => i.Token);

    private static MethodBase? ResolveMethod(MethodBase method, int token) =>
        method.Module.ResolveMethod(token, TypeArguments(method), MethodArguments(method));

    private static Type[]? TypeArguments(MethodBase method) => method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;

    private static Type[]? MethodArguments(MethodBase method) => method is MethodInfo { IsGenericMethod: true } generic ? generic.GetGenericArguments() : null;
}
