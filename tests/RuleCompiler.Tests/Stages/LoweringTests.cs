using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Patterns;
using RuleCompiler.Language.Planning;
using RuleCompiler.Language.Syntax;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Stages;

/// <summary>
/// The lower stage's model (<see cref="LoweredRuleSet"/>): whether a plan is written into <c>Evaluate</c>, the form
/// of each node, how a collect evaluation records its rules, where leaves are cut into parts, which string inputs a
/// part reads once, and the static pattern members and their names.
/// </summary>
public sealed class LoweringTests
{
    // ---- inline or not, and the collector ----------------------------------------------------------------------

    [Fact]
    public void Small_first_wins_plans_are_written_into_Evaluate()
    {
        var (_, plan, lowered) = Lower(Keyed("first", count: 6));
        lowered.InlinePlan.ShouldBeTrue();
        lowered.Collector.ShouldBe(new Collector(CollectorKind.None, 0, 0));
        lowered.Nodes.Select(n => n.Id).ShouldBe(plan.Nodes.Select(n => n.Id));
        lowered.Nodes.ShouldAllBe(n => n.Form != NodeForm.Unreached, "every node of a plan is reached from its root");
    }

    [Fact]
    public void Collect_plans_are_never_written_into_Evaluate()
    {
        var (_, _, lowered) = Lower(Keyed("collect", count: 6));
        lowered.InlinePlan.ShouldBeFalse();
        lowered.Collector.Kind.ShouldBe(CollectorKind.Hits);
    }

    [Fact]
    public void A_collector_lists_as_many_hits_as_the_leaves_of_one_path_check()
    {
        // Three rules no switch can index: one leaf checks all three.
        var (_, plan, lowered) = Lower(Unindexed("collect", count: 3));
        plan.Nodes.ShouldHaveSingleItem();
        lowered.Collector.ShouldBe(new Collector(CollectorKind.Hits, 3, 0));

        // Forty rules keyed by command: a path meets one of them, however many the set has.
        var (_, _, keyed) = Lower(Keyed("collect", count: 40));
        keyed.Collector.ShouldBe(new Collector(CollectorKind.Hits, 1, 0));
    }

    [Theory]
    [InlineData(32, CollectorKind.Hits, 32, 0)]
    [InlineData(33, CollectorKind.Bits, 0, 1)]
    [InlineData(64, CollectorKind.Bits, 0, 1)]
    [InlineData(65, CollectorKind.Bits, 0, 2)]
    public void Past_MaxListedMatches_on_one_path_a_collector_keeps_a_bit_per_rule(int rules, CollectorKind kind, int capacity, int words)
    {
        var (_, _, lowered) = Lower(Unindexed("collect", count: rules));
        lowered.Collector.ShouldBe(new Collector(kind, capacity, words));
        (rules <= Lowerer.MaxListedMatches).ShouldBe(kind == CollectorKind.Hits);
    }

    // ---- node forms --------------------------------------------------------------------------------------------

    [Fact]
    public void A_string_switch_of_MaxStringCases_keys_is_a_switch_and_one_more_is_a_frozen_dispatch()
    {
        var (_, plan, atLimit) = Lower(Keyed("first", count: Lowerer.MaxStringCases));
        plan.Nodes[0].ShouldBeOfType<DiscreteSwitch>().Keys.Count.ShouldBe(Lowerer.MaxStringCases);
        atLimit.Nodes[0].Form.ShouldBe(NodeForm.Switch);

        var (_, pastPlan, past) = Lower(Keyed("first", count: Lowerer.MaxStringCases + 1));
        pastPlan.Nodes[0].ShouldBeOfType<DiscreteSwitch>().Keys.Count.ShouldBe(Lowerer.MaxStringCases + 1);
        past.Nodes[0].Form.ShouldBe(NodeForm.HashedDispatch);
        past.InlinePlan.ShouldBeFalse();
    }

    [Fact]
    public void Bool_fields_branch_and_enum_fields_switch()
    {
        var (_, plan, lowered) = Lower("""
            ruleset: Forms
            inputs: { b: bool, mode: { enum: [r, w, x, y, z] } }
            rules:
              - { id: a, when: { b: true, mode: r }, then: { o: 1 } }
              - { id: b, when: { b: true, mode: w }, then: { o: 2 } }
              - { id: c, when: { b: true, mode: x }, then: { o: 3 } }
              - { id: d, when: { b: true, mode: y }, then: { o: 4 } }
              - { id: e, when: { b: false, mode: z }, then: { o: 5 } }
            """);
        for (var id = 0; id < plan.Nodes.Count; id++)
        {
            if (plan.Nodes[id] is DiscreteSwitch discrete)
            {
                lowered.Nodes[id].Form.ShouldBe(discrete.Field == 0 ? NodeForm.BoolBranch : NodeForm.Switch);
            }
        }

        plan.Nodes.OfType<DiscreteSwitch>().Select(d => d.Field).Distinct().ShouldBe(new[] { 0, 1 }, ignoreOrder: true);
    }

    [Theory]
    [InlineData(Lowerer.MaxWalkedPoints, NodeForm.WalkedRange, true)]
    [InlineData(Lowerer.MaxWalkedPoints + 1, NodeForm.BinarySearchRange, false)]
    public void A_range_switch_walks_up_to_MaxWalkedPoints_and_binary_searches_past_them(int points, NodeForm form, bool inline)
    {
        var rules = string.Join("\n", Enumerable.Range(0, points).Select(i => $"  - {{ id: r{i}, when: {{ x: {{ gte: {i * 10} }} }}, then: {{ o: {i} }} }}"));
        var (_, plan, lowered) = Lower($"ruleset: Ranges\ninputs: {{ x: int }}\nrules:\n{rules}\n");
        plan.Nodes[0].ShouldBeOfType<RangeSwitch>().Points.Count.ShouldBe(points);
        lowered.Nodes[0].Form.ShouldBe(form);
        lowered.InlinePlan.ShouldBe(inline);
    }

    [Fact]
    public void A_first_wins_leaf_with_a_fixed_answer_is_trivial_and_names_its_rule()
    {
        var (model, plan, lowered) = Lower(Keyed("first", count: 6));
        var root = plan.Nodes[0].ShouldBeOfType<DiscreteSwitch>();
        for (var k = 0; k < root.Keys.Count; k++)
        {
            var node = lowered.Nodes[root.Targets[k]];
            node.Form.ShouldBe(NodeForm.TrivialLeaf);
            model.Rules[node.TrivialRule].When.ShouldBeOfType<TestCondition>().Operands[0].ShouldBe(root.Keys[k]);
        }

        lowered.Nodes[root.Otherwise].ShouldBe(new LoweredNode(root.Otherwise, NodeForm.TrivialLeaf, -1, default, 1), "no rule holds for another command");
    }

    [Fact]
    public void The_root_leaf_and_collect_leaves_are_never_trivial()
    {
        var (_, plan, single) = Lower("ruleset: One\ninputs: { x: int }\nrules:\n  - { id: r, then: { o: 1 } }\n");
        plan.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>().Candidates.ShouldHaveSingleItem().Check.ShouldBeNull();
        single.Nodes[0].Form.ShouldBe(NodeForm.Leaf);

        var (_, collectPlan, collect) = Lower(Keyed("collect", count: 6));
        collectPlan.Nodes.Count.ShouldBeGreaterThan(1);
        collect.Nodes.Where(n => collectPlan.Nodes[n.Id] is Leaf).ShouldAllBe(n => n.Form == NodeForm.Leaf);
    }

    // ---- leaf parts and hoisted reads --------------------------------------------------------------------------

    [Fact]
    public void A_leaf_of_more_candidates_than_MaxBranchesPerMethod_is_cut_into_contiguous_parts()
    {
        const int rules = 300;
        var (_, plan, lowered) = Lower(Unindexed("first", count: rules));
        plan.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>().Candidates.Count.ShouldBe(rules);
        var parts = lowered.Nodes[0].Parts;
        ShouldCover(parts, rules);
        parts.ShouldAllBe(p => p.Count <= Lowerer.MaxBranchesPerMethod);
        parts.Count.ShouldBe((rules + Lowerer.MaxBranchesPerMethod - 1) / Lowerer.MaxBranchesPerMethod);
        lowered.Nodes[0].PartsPerGroup.ShouldBe(1);
        lowered.InlinePlan.ShouldBeFalse("a leaf of several parts needs part methods");
    }

    [Fact]
    public void A_leaf_of_large_checks_is_cut_by_MaxBlocksPerMethod_before_MaxBranchesPerMethod()
    {
        // Each check is one ignore-case in of 50 strings: at least 50 comparisons, so 20 fit in 1,000 blocks at most.
        const int rules = 30;
        var items = string.Join(", ", Enumerable.Range(0, 50).Select(i => "v" + i));
        var body = string.Join("\n", Enumerable.Range(0, rules).Select(i => $"  - {{ id: r{i}, when: {{ s: {{ in: [{items}, w{i}], ignore-case: true }} }}, then: {{ o: {i} }} }}"));
        var (_, plan, lowered) = Lower($"ruleset: Big\ninputs: {{ s: string }}\nrules:\n{body}\n");
        plan.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>().Candidates.Count.ShouldBe(rules);
        var parts = lowered.Nodes[0].Parts;
        ShouldCover(parts, rules);
        parts.Count.ShouldBeGreaterThan(1, "30 candidates are far fewer than MaxBranchesPerMethod: only the block limit cuts them");
        parts.Take(parts.Count - 1).Select(p => p.Count).Distinct().ShouldHaveSingleItem("equal checks make equal parts")
            .ShouldBeLessThanOrEqualTo(Lowerer.MaxBlocksPerMethod / 50);
    }

    [Theory]
    [InlineData(1, 256)]
    [InlineData(256 * 256, 256)]
    [InlineData((256 * 256) + 1, 256 * 256)]
    public void Group_chunks_keep_every_switch_within_MaxBranchesPerMethod_cases(int count, int chunk)
    {
        Lowerer.GroupChunk(count).ShouldBe(chunk);
        ((count + chunk - 1) / chunk).ShouldBeLessThanOrEqualTo(Lowerer.MaxBranchesPerMethod);
    }

    [Fact]
    public void A_string_input_two_checks_of_a_part_read_is_hoisted_and_one_read_once_or_an_int_is_not()
    {
        var (model, plan, lowered) = Lower("""
            ruleset: Hoist
            inputs: { n: int, s: string, t: string }
            rules:
              - { id: a, when: { s: { suffix: a }, t: { suffix: b } }, then: { o: 1 } }
              - { id: b, when: { any: [ { s: { contains: c } }, { n: 1 } ] }, then: { o: 2 } }
              - { id: c, when: { any: [ { n: 2 }, { n: 3 } ] }, then: { o: 3 } }
            """);
        plan.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>();
        var part = lowered.Nodes[0].Parts.ShouldHaveSingleItem();
        part.Hoisted.Select(f => model.Inputs[f].Name).ShouldBe(new[] { "s" });
    }

    // ---- pattern members ---------------------------------------------------------------------------------------

    [Fact]
    public void Regexes_on_a_field_share_one_automaton_in_first_use_order_and_a_part_testing_several_scans_once()
    {
        // Priority ranks r1, r2, r3, r0: the leaf checks them in that order, so '^b' is used first.
        var (model, plan, lowered) = Lower("""
            ruleset: Patterns
            hit: priority
            inputs: { s: string, t: string }
            rules:
              - { id: r0, priority: 1, when: { s: { regex: '^a' } }, then: { o: 0 } }
              - { id: r1, priority: 5, when: { s: { regex: '^b' } }, then: { o: 1 } }
              - { id: r2, priority: 3, when: { s: { regex: '^a' } }, then: { o: 2 } }
              - { id: r3, priority: 2, when: { s: { regex: '^a', ignore-case: true } }, then: { o: 3 } }
              - { id: r4, priority: 0, when: { not: { s: { regex: '^b' } }, t: { regex: '^a' } }, then: { o: 4 } }
            """);
        var leaf = plan.Nodes.ShouldHaveSingleItem().ShouldBeOfType<Leaf>();
        leaf.Candidates.Select(c => model.Rules[c.Rule].Id).ShouldBe(new[] { "r1", "r2", "r3", "r0", "r4" });
        lowered.Automata.Select(a => (a.Field, a.Name, string.Join(" ", a.Patterns.Select(p => p.Pattern + (p.IgnoreCase ? "/i" : ""))))).ShouldBe(new[]
        {
            (0, "s_automaton0", "^b ^a ^a/i"),
            (1, "s_automaton1", "^a"),
        });
        // The automata answer every regex: no regex member, nothing left to .NET's engine.
        lowered.Patterns.ShouldBeEmpty();
        lowered.RegexFallbacks.ShouldBeEmpty();
        // s is asked six times in the leaf, t once: only s's automaton is worth a scan kept in a local.
        lowered.Nodes[0].Parts.ShouldHaveSingleItem().Scans.ShouldBe(new[] { 0 });
        lowered.AutomatonOf(0, new PatternSource("^a", true)).ShouldBe(new AutomatonBit(0, 2));
        lowered.AutomatonOf(1, new PatternSource("^a", false)).ShouldBe(new AutomatonBit(1, 0));
        lowered.AutomatonOf(1, new PatternSource("^b", false)).ShouldBeNull();
        PatternSet.IsMatch(lowered.Automata[0].Table.ToArray(), "Ab", 2).ShouldBeTrue();
        PatternSet.IsMatch(lowered.Automata[0].Table.ToArray(), "Ab", 1).ShouldBeFalse();
    }

    [Fact]
    public void A_regex_the_automata_do_not_take_gets_a_member_and_says_why()
    {
        var (_, _, lowered) = Lower("""
            ruleset: Fallback
            inputs: { s: string }
            rules:
              - { id: upper, when: { s: { regex: '^\p{Lu}' } }, then: { o: 0 } }
              - { id: digit, when: { s: { regex: '^[0-9]' } }, then: { o: 1 } }
            """);
        lowered.Patterns.ShouldBe(new[] { new PatternMember(PatternKind.Regex, "^\\p{Lu}", false, "s_regex0") });
        lowered.Automata.ShouldHaveSingleItem().Patterns.Select(p => p.Pattern).ShouldBe(new[] { "^[0-9]" });
        var fallback = lowered.RegexFallbacks.ShouldHaveSingleItem();
        fallback.Pattern.Pattern.ShouldBe("^\\p{Lu}");
        fallback.Reason.ShouldContain("Unicode category");
        lowered.PatternName(PatternKind.Regex, "^\\p{Lu}", ignoreCase: false).ShouldBe("s_regex0");
        Should.Throw<ArgumentException>(() => lowered.PatternName(PatternKind.Regex, "^[0-9]", ignoreCase: false));
        lowered.AutomatonOf(0, new PatternSource("^\\p{Lu}", false)).ShouldBeNull();
    }

    [Fact]
    public void Literal_globs_get_no_member_and_globs_needing_a_matcher_do()
    {
        var (_, _, lowered) = Lower("""
            ruleset: Globs
            inputs: { s: string }
            rules:
              - { id: suffix, when: { s: { glob: '*.txt' } }, then: { o: 0 } }
              - { id: prefix, when: { s: { glob: 'tmp/*' } }, then: { o: 1 } }
              - { id: exact, when: { s: { glob: readme } }, then: { o: 2 } }
              - { id: contains, when: { s: { glob: '*log*' } }, then: { o: 3 } }
              - { id: wild, when: { s: { glob: 'a?c*' } }, then: { o: 4 } }
              - { id: nocase, when: { s: { glob: '*.TXT', ignore-case: true } }, then: { o: 5 } }
              - { id: stars, when: { s: { glob: '*' } }, then: { o: 6 } }
            """);
        lowered.Patterns.ShouldBe(new[]
        {
            new PatternMember(PatternKind.Glob, "a?c*", false, "s_glob0"),
            new PatternMember(PatternKind.Glob, "*.TXT", true, "s_glob1"),
            new PatternMember(PatternKind.Glob, "*", false, "s_glob2"),
        });
    }

    [Fact]
    public void Contains_any_and_contains_all_of_the_same_items_share_one_string_set()
    {
        var (_, _, lowered) = Lower("""
            ruleset: Sets
            inputs: { tags: string-list }
            rules:
              - { id: any, when: { tags: { contains-any: [a, b] } }, then: { o: 0 } }
              - { id: all, when: { tags: { contains-all: [a, b] } }, then: { o: 1 } }
              - { id: other, when: { tags: { contains-any: [b, a] } }, then: { o: 2 } }
            """);
        lowered.Patterns.ShouldBe(new[]
        {
            new PatternMember(PatternKind.StringSet, "a\u0000b", false, "s_strings0"),
            new PatternMember(PatternKind.StringSet, "b\u0000a", false, "s_strings1"),
        });
    }

    [Fact]
    public void A_rule_the_plan_drops_still_gets_its_member_after_those_the_plan_uses()
    {
        // 'late' follows a rule that always holds: no leaf checks it, but Explain does.
        var (model, plan, lowered) = Lower("""
            ruleset: Dropped
            inputs: { s: string }
            rules:
              - { id: early, when: { s: { glob: 'e?' }, t: { regex: '^e' } }, then: { o: 0 } }
              - { id: always, then: { o: 1 } }
              - { id: late, when: { s: { glob: 'l?' }, t: { regex: '^l' } }, then: { o: 2 } }
            """.Replace("inputs: { s: string }", "inputs: { s: string, t: string }"));
        plan.Nodes.OfType<Leaf>().SelectMany(l => l.Candidates).Select(c => model.Rules[c.Rule].Id).ShouldNotContain("late");
        lowered.Patterns.Select(p => (p.Key, p.Name)).ShouldBe(new[] { ("e?", "s_glob0"), ("l?", "s_glob1") });
        lowered.Automata.ShouldHaveSingleItem().Patterns.Select(p => p.Pattern).ShouldBe(new[] { "^e", "^l" });
    }

    // ---- member names ------------------------------------------------------------------------------------------

    [Fact]
    public void Every_name_the_lowering_produces_is_reserved()
    {
        var sets = new[]
        {
            Lower(Keyed("first", count: Lowerer.MaxStringCases + 1)),
            Lower(Unindexed("first", count: 300)),
            Lower(Unindexed("collect", count: 3)),
            Lower($"ruleset: R\ninputs: {{ x: int }}\nrules:\n{string.Join("\n", Enumerable.Range(0, 6).Select(i => $"  - {{ id: r{i}, when: {{ x: {{ gt: {i} }} }}, then: {{ o: {i} }} }}"))}\n"),
            Lower("ruleset: P\ninputs: { s: string, tags: string-list }\nrules:\n  - { id: a, when: { s: { regex: x }, tags: { contains-any: [a] } }, then: { o: 0 } }\n  - { id: b, when: { s: { glob: 'a?' } }, then: { o: 1 } }\n  - { id: c, when: { s: { regex: '\\p{L}' } }, then: { o: 1 } }\n"),
        };
        var names = new List<string>();
        foreach (var (_, _, lowered) in sets)
        {
            foreach (var node in lowered.Nodes)
            {
                var owner = MemberNames.Node(node.Id);
                names.Add(owner);
                names.AddRange(node.Parts.Select((_, part) => MemberNames.Part(owner, part)));
                names.AddRange(node.Parts.Select((_, part) => MemberNames.PartGroup(node.Id, part)));
                names.AddRange(node.Parts.Select((_, part) => MemberNames.Part(MemberNames.PartGroup(node.Id, part), part)));
                if (node.Form == NodeForm.HashedDispatch)
                {
                    names.Add(MemberNames.NodeKeys(node.Id));
                }

                if (node.Form == NodeForm.BinarySearchRange)
                {
                    names.Add(MemberNames.NodePoints(node.Id));
                }
            }

            names.AddRange(lowered.Patterns.Select(p => p.Name));
            names.AddRange(lowered.Automata.Select(a => a.Name));
        }

        names.ShouldContain(n => n.StartsWith("s_node", StringComparison.Ordinal) && n.EndsWith("Keys", StringComparison.Ordinal));
        names.ShouldContain(n => n.StartsWith("s_node", StringComparison.Ordinal) && n.EndsWith("Points", StringComparison.Ordinal));
        names.ShouldContain("Node0Part1");
        names.ShouldContain("s_regex0");
        names.ShouldContain("s_automaton0");
        names.ShouldContain("s_glob0");
        names.ShouldContain("s_strings0");
        names.Where(n => !MemberNames.IsReserved(n)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Risk")]
    [InlineData("Node")]
    [InlineData("NodeA")]
    [InlineData("Node1Group2")]
    [InlineData("Evaluate2")]
    [InlineData("Part0")]
    [InlineData("regex0")]
    public void Names_the_lowering_never_produces_are_not_reserved(string name)
    {
        MemberNames.IsReserved(name).ShouldBeFalse();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /// <summary><paramref name="count"/> rules keyed by a distinct command each, and nothing else: one switch, then fixed answers.</summary>
    private static string Keyed(string hit, int count) =>
        $"ruleset: Keyed\nhit: {hit}\ninputs: {{ command: string }}\nrules:\n"
        + string.Join("\n", Enumerable.Range(0, count).Select(i => $"  - {{ id: r{i}, when: {{ command: c{i} }}, then: {{ o: {i} }} }}")) + "\n";

    /// <summary><paramref name="count"/> rules of one suffix test each, which no switch indexes: one leaf checks them all.</summary>
    private static string Unindexed(string hit, int count) =>
        $"ruleset: Unindexed\nhit: {hit}\ninputs: {{ s: string }}\nrules:\n"
        + string.Join("\n", Enumerable.Range(0, count).Select(i => $"  - {{ id: r{i}, when: {{ s: {{ suffix: x{i} }} }}, then: {{ o: {i} }} }}")) + "\n";

    private static void ShouldCover(IReadOnlyList<CandidateRange> parts, int candidates)
    {
        var next = 0;
        foreach (var part in parts)
        {
            part.First.ShouldBe(next);
            part.Count.ShouldBeGreaterThan(0);
            next += part.Count;
        }

        next.ShouldBe(candidates);
    }

    /// <summary>Binds (without the analysis, which has nothing to say here and is slow on hundreds of rules), plans and lowers.</summary>
    private static (RuleSetModel Model, Plan Plan, LoweredRuleSet Lowered) Lower(string yaml)
    {
        var text = yaml.Replace("\nrules:", "\ncomplete: false\noutputs: { o: int }\nrules:");
        var diagnostics = new List<DiagnosticInfo>();
        var root = YamlReader.Read(text, ReaderLimits.Default, diagnostics, CancellationToken.None);
        var model = root is null ? null : Binder.Bind(root, new BindOptions("Tests.Generated", "x.rules.yaml"), diagnostics, CancellationToken.None);
        diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        model.ShouldNotBeNull();
        var plan = Planner.Build(model, CancellationToken.None);
        return (model, plan, Lowerer.Lower(model, plan, CancellationToken.None));
    }
}
