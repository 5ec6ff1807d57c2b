using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;

namespace RuleCompiler.Language.Lowering;

/// <summary>
/// The lower stage, a pure function of the model and its plan: what becomes code and how (<see cref="LoweredRuleSet"/>).
/// Its limits keep every generated method well inside what the JIT optimizes; its names are <see cref="MemberNames"/>.
/// </summary>
public static class Lowerer
{
    /// <summary>
    /// A string switch with more keys than this dispatches through a hash table laid out at build time and an int switch. Up to it,
    /// the C# compiler's length-and-character dispatch beats hashing the whole key; past it, the switch's basic
    /// blocks (about three per key) near the 2,000 past which the JIT stops optimizing a method.
    /// </summary>
    public const int MaxStringCases = 256;

    /// <summary>No method gets more branches than this: leaves and dispatch tables are split into parts.</summary>
    public const int MaxBranchesPerMethod = 256;

    /// <summary>No leaf part gets more basic blocks than this, by <see cref="Branches"/>' estimate: half the 2,000 past which the JIT stops optimizing a method.</summary>
    public const int MaxBlocksPerMethod = 1_000;

    /// <summary>A range node with at most this many points compares in turn; past it, it binary-searches a table.</summary>
    public const int MaxWalkedPoints = 4;

    /// <summary>
    /// A first-wins plan of at most this many nodes, and at most <see cref="MaxInlineBlocks"/> estimated basic blocks,
    /// is written into <c>Evaluate</c>: a node is a labeled block, going to it is a <c>goto</c>. A small rule set then
    /// costs what a hand-written switch does; as calls between node methods it cost a quarter more (First10: 26.8 ns
    /// against 21.3 ns, hand-written 21.5 ns, BenchmarkDotNet).
    /// </summary>
    public const int MaxInlineNodes = 128;

    /// <summary>The most basic blocks, by <see cref="Branches"/>' estimate, of a plan written into <c>Evaluate</c>.</summary>
    public const int MaxInlineBlocks = 1_000;

    /// <summary>
    /// A collect evaluation lists the rules that held (<c>RuleHits</c>) when the leaves of no path through the plan
    /// check more than this many: they bound what can hold together, and a few ints cost less to clear and walk than
    /// one bit per rule of the set. Past it, <c>RuleBits</c> holds a bit per rule.
    /// </summary>
    public const int MaxListedMatches = 32;

    /// <summary>
    /// Past this many rules, the rule metadata and literal outputs are written as data. One initializer per rule made the
    /// type initializer a method the JIT compiled for most of a second at 10,000 rules (a table-like file: 840 ms of a
    /// first decision's 850; benchmarks/results/buildloop.md); a loop over data does it in milliseconds. Small sets keep
    /// the initializers, which read like the rule file.
    /// </summary>
    public const int MaxLiteralTableRows = 256;

    /// <summary>
    /// Past this many rules, a first-wins plan's leaves (but the root and those with a fallthrough), and its switches on
    /// enum and bool inputs whose children are all data, are data that the runtime walks (<see cref="NodeForm.Data"/>)
    /// rather than a method each: the methods per leaf and per small switch were most of the C# of a large table-like
    /// rule set, and a type may hold at most 65,535 methods (a 100,000-rule file failed to load). Up to it, the plan
    /// stays code, a few nanoseconds faster where every rule set's hot path is measured.
    /// </summary>
    public const int MaxCodeNodeRules = 2_048;

    public static LoweredRuleSet Lower(RuleSetModel model, Plan plan, CancellationToken cancellationToken, int dataPlanRules = MaxCodeNodeRules)
    {
        var collect = !model.Hit.Info().SingleResult;
        var mostOnAPath = MostRulesOnAPath(plan);
        var collector = !collect ? new Collector(CollectorKind.None, 0, 0)
            : mostOnAPath <= MaxListedMatches ? new Collector(CollectorKind.Hits, System.Math.Max(1, mostOnAPath), 0)
            : new Collector(CollectorKind.Bits, 0, (model.Rules.Count + 63) / 64);
        var regexes = RegexAutomata.For(model, TestsInOrder(model, plan), cancellationToken);
        // Each leaf's parts, cut once: whether the plan fits in Evaluate depends on them, and the leaves are written so.
        var leafParts = plan.Nodes.OfType<Leaf>().ToDictionary(leaf => leaf.Id, leaf => LeafParts(model, leaf.Candidates, regexes));
        var inline = !collect && model.Rules.Count <= dataPlanRules && FitsInEvaluate(model, plan, leafParts);
        var reached = new bool[plan.Nodes.Count];
        if (plan.Nodes.Count > 0)
        {
            MarkReached(plan, 0, reached);
        }

        // A trivial leaf that code reaches is answered in place: it is data only where a switch written as data leads.
        var dataNodes = !collect && !inline && model.Rules.Count > dataPlanRules
            ? new HashSet<int>(DataNodes(model, plan).Where(id => !(plan.Nodes[id] is Leaf leaf && IsTrivial(leaf, out _))))
            : new HashSet<int>();
        var conditions = ConditionProgram.For(model, plan, dataNodes, test => 1 + Branches(model, test), MaxBranchesPerMethod, MaxBlocksPerMethod, out var dataStarts);
        var nodes = new List<LoweredNode>(plan.Nodes.Count);
        foreach (var node in plan.Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lowered = LowerNode(model, node, collect, inline && !reached[node.Id], leafParts);
            nodes.Add(lowered.Form != NodeForm.TrivialLeaf && dataStarts.TryGetValue(node.Id, out var start)
                ? new LoweredNode(node.Id, NodeForm.Data, -1, EquatableArray<CandidateRange>.Empty, 1, start)
                : lowered);
        }

        // A hashed dispatch whose keys all lead to data gives the data's start itself: no switch on groups.
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Form == NodeForm.HashedDispatch && ((DiscreteSwitch)plan.Nodes[i]).Targets.All(target => nodes[target].Form == NodeForm.Data))
            {
                nodes[i] = nodes[i] with { Form = NodeForm.HashedDispatchToData };
            }
        }

        return new LoweredRuleSet(inline, collector, nodes.ToEquatableArray(), Patterns(model, plan, regexes, cancellationToken))
        {
            TablesAsData = model.Rules.Count > MaxLiteralTableRows,
            Conditions = conditions,
            Automata = regexes.Automata,
            RegexFallbacks = regexes.Fallbacks,
        };
    }

    private static LoweredNode LowerNode(RuleSetModel model, PlanNode node, bool collect, bool unreached, Dictionary<int, List<CandidateRange>> leafParts)
    {
        if (unreached)
        {
            return new LoweredNode(node.Id, NodeForm.Unreached, -1, EquatableArray<CandidateRange>.Empty, 1);
        }

        switch (node)
        {
            case DiscreteSwitch discrete:
                var kind = model.Inputs[discrete.Field].Type.Info();
                var form = model.Inputs[discrete.Field].Type == FieldType.Bool ? NodeForm.BoolBranch
                    : kind.Kind == ValueKind.Text && discrete.Keys.Count > MaxStringCases ? NodeForm.HashedDispatch
                    : NodeForm.Switch;
                return new LoweredNode(node.Id, form, -1, EquatableArray<CandidateRange>.Empty, 1);
            case RangeSwitch range:
                return new LoweredNode(node.Id, range.Points.Count <= MaxWalkedPoints ? NodeForm.WalkedRange : NodeForm.BinarySearchRange, -1, EquatableArray<CandidateRange>.Empty, 1);
            case Leaf leaf when !collect && IsTrivial(leaf, out var rule):
                return new LoweredNode(node.Id, NodeForm.TrivialLeaf, rule, EquatableArray<CandidateRange>.Empty, 1);
            case Leaf leaf:
                var parts = leafParts[leaf.Id];
                return new LoweredNode(node.Id, NodeForm.Leaf, -1, parts.ToEquatableArray(), parts.Count <= MaxBranchesPerMethod ? 1 : MaxBranchesPerMethod);
            default:
                throw new System.ArgumentException("unknown plan node " + node.GetType().Name, nameof(node));
        }
    }

    /// <summary>
    /// The nodes that can be data (<see cref="NodeForm.Data"/>): leaves but the root and those with a fallthrough, and
    /// switches on enum and bool inputs (not the root) all of whose children can be. Trivial leaves are among them
    /// (a switch written as data leads to them), though code that reaches one still answers in place.
    /// </summary>
    private static HashSet<int> DataNodes(RuleSetModel model, Plan plan)
    {
        var known = new Dictionary<int, bool>();
        for (var id = 1; id < plan.Nodes.Count; id++)
        {
            CanBeData(id);
        }

        return new HashSet<int>(known.Where(entry => entry.Value).Select(entry => entry.Key));

        bool CanBeData(int id)
        {
            if (known.TryGetValue(id, out var can))
            {
                return can;
            }

            known[id] = false; // a DAG has no cycles; this only guards the recursion
            can = plan.Nodes[id] switch
            {
                Leaf leaf => leaf.Fallthrough < 0,
                DiscreteSwitch discrete when model.Inputs[discrete.Field].Type is FieldType.Enum or FieldType.Bool =>
                    discrete.Successors().All(child => child != 0 && CanBeData(child)),
                _ => false,
            };
            known[id] = can;
            return can;
        }
    }

    /// <summary>A first-wins leaf (not the root) whose answer is fixed: a rule that surely holds, or none.</summary>
    private static bool IsTrivial(Leaf leaf, out int rule)
    {
        rule = -1;
        if (leaf.Id == 0 || leaf.Fallthrough >= 0)
        {
            return false;
        }

        if (leaf.Candidates.Count == 0)
        {
            return true;
        }

        rule = leaf.Candidates[0].Rule;
        return leaf.Candidates[0].Check is null;
    }

    /// <summary>
    /// A range switch with few points (<see cref="NodeForm.WalkedRange"/>) as comparisons in turn: each run of classes
    /// leading to one node, in class order. A run ending at class <c>Last</c> tests <c>value &lt; point[Last / 2]</c>
    /// when <c>Last</c> is even (the open interval below that point) and <c>value &lt;= point[(Last - 1) / 2]</c> when
    /// odd (the point itself); the last run (<c>Bound</c> false) is taken without a test.
    /// </summary>
    public static List<(int Target, int Point, bool Inclusive, bool Bound)> WalkedRuns(IReadOnlyList<int> classTargets, int points)
    {
        var runs = new List<(int Target, int Point, bool Inclusive, bool Bound)>();
        var classCount = (2 * points) + 1;
        for (var c = 0; c < classCount; c++)
        {
            var target = classTargets[c];
            var last = c;
            while (last + 1 < classCount && classTargets[last + 1] == target)
            {
                last++;
            }

            if (last == classCount - 1)
            {
                runs.Add((target, -1, false, false));
                break;
            }

            runs.Add((target, last / 2, last % 2 == 1, true));
            c = last;
        }

        return runs;
    }

    /// <summary>
    /// A switch's cases grouped by the node they lead to, in order of first appearance; keys leading where
    /// "otherwise" leads are dropped. Every back end writes a switch from these groups.
    /// </summary>
    public static List<(List<Value> Keys, int Target)> SwitchGroups(IEnumerable<(Value Key, int Target)> cases, int otherwise)
    {
        var groups = new List<(List<Value> Keys, int Target)>();
        var byTarget = new Dictionary<int, int>();
        foreach (var (key, target) in cases)
        {
            if (target == otherwise)
            {
                continue;
            }

            if (!byTarget.TryGetValue(target, out var index))
            {
                byTarget.Add(target, index = groups.Count);
                groups.Add((new List<Value>(), target));
            }

            groups[index].Keys.Add(key);
        }

        return groups;
    }

    /// <summary>
    /// Cases per part of a switch over <paramref name="count"/> dense group numbers: <see cref="MaxBranchesPerMethod"/>,
    /// or a power of it when that would make more parts than one method should test (the parts then split again).
    /// </summary>
    public static int GroupChunk(int count)
    {
        var chunk = MaxBranchesPerMethod;
        while ((count + chunk - 1) / chunk > MaxBranchesPerMethod)
        {
            chunk *= MaxBranchesPerMethod;
        }

        return chunk;
    }

    /// <summary>The key of a string set member: its items in order.</summary>
    public static string StringSetKey(TestCondition test) => string.Join("\u0000", test.Operands.Select(o => o.AsString));

    /// <summary>A glob test that plain-text tests decide, written as those tests with no matcher object; null when it needs a matcher.</summary>
    public static GlobLiteralForm? LiteralGlob(TestCondition test) =>
        test.Operator == TestOperator.Glob ? GlobMatcher.PlainTextForm(test.Operands[0].AsString, test.IgnoreCase) : null;

    // Every static pattern member, numbered in the order the checks first use them: the plan's leaves, then each
    // rule's condition (which Explain checks test by test). A regex has one only where no automaton answers for it.
    private static EquatableArray<PatternMember> Patterns(RuleSetModel model, Plan plan, RegexAutomata regexes, CancellationToken cancellationToken)
    {
        var members = new List<PatternMember>();
        var seen = new HashSet<(PatternKind, string, bool)>();
        var counts = new int[3];
        foreach (var test in TestsInOrder(model, plan))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (PatternOf(test) is not var (kind, key, ignoreCase) || (kind == PatternKind.Regex && regexes.Find(test) is not null) || !seen.Add((kind, key, ignoreCase)))
            {
                continue;
            }

            var index = counts[(int)kind]++;
            var name = kind switch
            {
                PatternKind.Regex => MemberNames.Regex(index),
                PatternKind.Glob => MemberNames.Glob(index),
                PatternKind.StringSet => MemberNames.StringSet(index),
                _ => throw new System.ArgumentOutOfRangeException(nameof(test), kind, "unknown pattern kind"),
            };
            members.Add(new PatternMember(kind, key, ignoreCase, name));
        }

        return members.ToEquatableArray();
    }

    /// <summary>Every test of the plan's leaves' checks, then of each rule's condition, in order (with repeats).</summary>
    private static IEnumerable<TestCondition> TestsInOrder(RuleSetModel model, Plan plan) =>
        plan.Nodes.OfType<Leaf>()
            .SelectMany(leaf => leaf.Candidates.Where(c => c.Check is not null).SelectMany(c => c.Check!.Tests()))
            .Concat(model.Rules.SelectMany(rule => rule.When.Tests()));

    /// <summary>The static member a test needs (a negation: its positive's), or null: a regex, a glob matcher, a string set.</summary>
    private static (PatternKind Kind, string Key, bool IgnoreCase)? PatternOf(TestCondition test)
    {
        var positive = Operators.PositiveOf(test);
        return positive.Operator switch
        {
            TestOperator.Regex => (PatternKind.Regex, positive.Operands[0].AsString, positive.IgnoreCase),
            TestOperator.Glob when LiteralGlob(positive) is null => (PatternKind.Glob, positive.Operands[0].AsString, positive.IgnoreCase),
            TestOperator.ContainsAny or TestOperator.ContainsAll => (PatternKind.StringSet, StringSetKey(positive), false),
            _ => null,
        };
    }

    /// <summary>
    /// The most candidates the leaves of one path through the plan check: a path ends in a leaf, and goes on through
    /// the leaf's fallthrough node if it has one. Each node is settled once (nodes are shared), depth first.
    /// </summary>
    private static int MostRulesOnAPath(Plan plan)
    {
        var most = new int[plan.Nodes.Count];
        for (var i = 0; i < most.Length; i++)
        {
            most[i] = -1;
        }

        int Most(int id)
        {
            if (most[id] < 0)
            {
                most[id] = plan.Nodes[id] switch
                {
                    Leaf leaf => leaf.Candidates.Count + leaf.Successors().Sum(Most),
                    var node => node.Successors().Max(Most),
                };
            }

            return most[id];
        }

        return most.Length == 0 ? 0 : Most(0);
    }

    private static void MarkReached(Plan plan, int id, bool[] reached)
    {
        if (reached[id])
        {
            return;
        }

        reached[id] = true;
        foreach (var target in plan.Nodes[id].Successors())
        {
            MarkReached(plan, target, reached);
        }
    }

    /// <summary>Whether the plan fits in <c>Evaluate</c> (see <see cref="MaxInlineNodes"/>): nothing in it needs a part method.</summary>
    private static bool FitsInEvaluate(RuleSetModel model, Plan plan, Dictionary<int, List<CandidateRange>> leafParts)
    {
        if (plan.Nodes.Count > MaxInlineNodes)
        {
            return false;
        }

        var blocks = 0;
        foreach (var node in plan.Nodes)
        {
            switch (node)
            {
                case DiscreteSwitch discrete when model.Inputs[discrete.Field].Type.Info().Kind == ValueKind.Text && discrete.Keys.Count > MaxStringCases:
                    return false;
                case DiscreteSwitch discrete:
                    blocks += (3 * discrete.Keys.Count) + 1;
                    break;
                case RangeSwitch range when range.Points.Count > MaxWalkedPoints:
                    return false;
                case RangeSwitch range:
                    blocks += (2 * range.Points.Count) + 2;
                    break;
                case Leaf leaf when leafParts[leaf.Id].Count > 1:
                    return false;
                case Leaf leaf:
                    blocks += 1 + leaf.Candidates.Sum(candidate => CandidateBlocks(model, candidate));
                    break;
            }
        }

        return blocks <= MaxInlineBlocks;
    }

    /// <summary>
    /// A leaf's candidates cut into parts of at most <see cref="MaxBranchesPerMethod"/> candidates and at most
    /// <see cref="MaxBlocksPerMethod"/> estimated basic blocks (one part when the leaf fits).
    /// </summary>
    private static List<CandidateRange> LeafParts(RuleSetModel model, IReadOnlyList<LeafCandidate> candidates, RegexAutomata regexes)
    {
        var parts = new List<CandidateRange>();
        var (first, count, blocks) = (0, 0, 0);
        for (var i = 0; i < candidates.Count; i++)
        {
            var cost = CandidateBlocks(model, candidates[i]);
            if (count > 0 && (count == MaxBranchesPerMethod || blocks + cost > MaxBlocksPerMethod))
            {
                parts.Add(Part(model, candidates, first, count, regexes));
                (first, count, blocks) = (i, 0, 0);
            }

            count++;
            blocks += cost;
        }

        parts.Add(Part(model, candidates, first, count, regexes));
        return parts;
    }

    /// <summary>
    /// A part, with the string inputs that two or more of its tests read: read once, at the top of its method, as
    /// tests read them (a null as ""). <c>has-key</c> reads the value as looked up (null: absent), so it does not count.
    /// And the regex automata two or more of its tests ask: each scans its input once for the whole part.
    /// </summary>
    private static CandidateRange Part(RuleSetModel model, IReadOnlyList<LeafCandidate> candidates, int first, int count, RegexAutomata regexes)
    {
        var tests = Enumerable.Range(first, count)
            .Where(i => candidates[i].Check is not null)
            .SelectMany(i => candidates[i].Check!.Tests())
            .ToList();
        var hoisted = tests
            .Where(test => model.Inputs[test.Field].Type.Info().Kind == ValueKind.Text && test.Operator != TestOperator.HasKey)
            .GroupBy(test => test.Field)
            .Where(reads => reads.Count() > 1)
            .Select(reads => reads.Key)
            .OrderBy(field => field);
        var scans = tests
            .Select(test => regexes.Find(test)?.Automaton)
            .OfType<int>()
            .GroupBy(automaton => automaton)
            .Where(asks => asks.Count() > 1)
            .Select(asks => asks.Key)
            .OrderBy(automaton => automaton);
        return new CandidateRange(first, count, hoisted.ToEquatableArray()) { Scans = scans.ToEquatableArray() };
    }

    /// <summary>About how many basic blocks a leaf candidate compiles to: its check's branches and the answer.</summary>
    private static int CandidateBlocks(RuleSetModel model, LeafCandidate candidate) => 1 + (candidate.Check is null ? 0 : Branches(model, candidate.Check));

    /// <summary>
    /// About how many conditional branches a check compiles to (an upper estimate): one per comparison, plus one for
    /// each <c>?? ""</c> that reads a string input.
    /// </summary>
    private static int Branches(RuleSetModel model, Condition condition) =>
        condition.Tests().Sum(test => Operators.Comparisons(test) * (model.Inputs[test.Field].Type.Info().Kind == ValueKind.Text ? 2 : 1));
}
