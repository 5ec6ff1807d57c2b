using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;

namespace RuleCompiler.Generator.Emit;

// The plan's nodes become small private methods, one per node, each commented with the rules it serves; a small
// first-wins plan is written into Evaluate itself, one labeled block per node.
internal sealed partial class CSharpEmitter
{
    /// <summary>
    /// A string switch with more keys than this dispatches through a frozen dictionary and an int switch. Up to it,
    /// the C# compiler's length-and-character dispatch beats hashing the whole key; past it, the switch's basic
    /// blocks (about three per key) near the 2,000 past which the JIT stops optimizing a method.
    /// </summary>
    private const int MaxStringCases = 256;

    /// <summary>No method gets more branches than this: leaves and dispatch tables are split into parts.</summary>
    private const int MaxBranchesPerMethod = 256;

    /// <summary>
    /// No leaf part gets more basic blocks than this, by <see cref="Branches"/>' estimate: half the 2,000 past which
    /// the JIT stops optimizing a method.
    /// </summary>
    private const int MaxBlocksPerMethod = 1_000;

    /// <summary>A range node with at most this many points compares in turn; past it, it binary-searches a table.</summary>
    private const int MaxWalkedPoints = 4;

    /// <summary>
    /// A first-wins plan of at most this many nodes, and at most <see cref="MaxInlineBlocks"/> estimated basic blocks,
    /// is written into <c>Evaluate</c>: a node is a labeled block, going to it is a <c>goto</c>, and a leaf sets the
    /// rule and goes to the one statement that builds the result (<see cref="Decided"/>). A small rule set then costs
    /// what a hand-written switch does; as calls between node methods it cost a quarter more (First10: 26.8 ns against
    /// 21.3 ns, hand-written 21.5 ns, BenchmarkDotNet).
    /// </summary>
    private const int MaxInlineNodes = 128;

    /// <summary>The most basic blocks, by <see cref="Branches"/>' estimate, of a plan written into <c>Evaluate</c>.</summary>
    private const int MaxInlineBlocks = 1_000;

    private readonly Dictionary<int, int[]> _rulesOfNode = new();
    private readonly List<System.Action> _deferred = new();

    private void EmitNodes()
    {
        if (_inlinePlan)
        {
            return; // written into Evaluate: EmitInlineNodes
        }

        foreach (var node in _plan.Nodes)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (IsTrivialLeaf(node.Id, out _))
            {
                continue;
            }

            EmitNode(node);

            // Part methods of the node just written; writing one may defer more.
            for (var i = 0; i < _deferred.Count; i++)
            {
                _deferred[i]();
            }

            _deferred.Clear();

            _w.Line();
        }
    }

    /// <summary>The body of <c>Evaluate</c> for a plan it holds: every node reached from the root, in plan order.</summary>
    private void EmitInlineNodes()
    {
        var reached = new bool[_plan.Nodes.Count];
        MarkReached(0, reached);
        var first = true;
        foreach (var node in _plan.Nodes)
        {
            if (!reached[node.Id] || IsTrivialLeaf(node.Id, out _))
            {
                continue;
            }

            if (!first)
            {
                _w.Line();
            }

            first = false;
            EmitNode(node);
        }
    }

    private void MarkReached(int id, bool[] reached)
    {
        if (reached[id])
        {
            return;
        }

        reached[id] = true;
        foreach (var target in _plan.Nodes[id].Successors())
        {
            MarkReached(target, reached);
        }
    }

    /// <summary>Whether the plan fits in <c>Evaluate</c> (see <see cref="MaxInlineNodes"/>): nothing in it needs a part method.</summary>
    private bool FitsInEvaluate()
    {
        if (IsCollect || _plan.Nodes.Count > MaxInlineNodes)
        {
            return false;
        }

        var blocks = 0;
        foreach (var node in _plan.Nodes)
        {
            switch (node)
            {
                case DiscreteSwitch discrete when _model.Inputs[discrete.Field].Type == FieldType.String && discrete.Keys.Count > MaxStringCases:
                    return false;
                case DiscreteSwitch discrete:
                    blocks += (3 * discrete.Keys.Count) + 1;
                    break;
                case RangeSwitch range when range.Points.Count > MaxWalkedPoints:
                    return false;
                case RangeSwitch range:
                    blocks += (2 * range.Points.Count) + 2;
                    break;
                case Leaf leaf when LeafParts(leaf.Candidates).Count > 1:
                    return false;
                case Leaf leaf:
                    blocks += 1 + leaf.Candidates.Sum(CandidateBlocks);
                    break;
            }
        }

        return blocks <= MaxInlineBlocks;
    }

    private void EmitNode(PlanNode node)
    {
        switch (node)
        {
            case DiscreteSwitch discrete:
                EmitDiscrete(discrete);
                break;
            case RangeSwitch range:
                EmitRange(range);
                break;
            case Leaf leaf:
                EmitLeaf(leaf);
                break;
        }
    }

    /// <summary>Opens a node: its method, or in <c>Evaluate</c> its labeled block (the root needs no label).</summary>
    private void OpenNode(int id)
    {
        if (!_inlinePlan)
        {
            _w.Open(Signature($"Node{id}"));
            return;
        }

        if (id != 0)
        {
            _w.Line($"Node{id}:");
        }

        _w.Line("{").Indent();
    }

    private string Signature(string name) => IsCollect
        ? $"private static void {name}(in {_input} input, ref {Collector})"
        : $"private static int {name}(in {_input} input)";

    private string Go(int target) => IsCollect ? $"Node{target}(in input, ref {CollectorName}); return;"
        : IsTrivialLeaf(target, out var rule) ? Take(rule)
        : _inlinePlan ? $"goto Node{target};"
        : $"return Node{target}(in input);";

    /// <summary>First-wins: the statement that answers with <paramref name="rule"/> (or with no rule, for -1).</summary>
    private string Take(int rule) => _inlinePlan ? $"rule = {rule}; goto {Decided};" : $"return {rule};";

    /// <summary>
    /// The label of the statement that ends a plan written into <c>Evaluate</c>, <see cref="ResultOfRule"/>. One place
    /// builds the result: a result built at each leaf is a stack slot per leaf, each zeroed on every call (the JIT must
    /// clear slots that hold references). ModelPricing's 34 leaves made a 4.6 KB frame and 277 ns a call, one place
    /// 62 ns (same-process BenchmarkDotNet A/B).
    /// </summary>
    private const string Decided = "Decided";

    /// <summary>First-wins: <c>Evaluate</c>'s result for the rule the plan picked, held in <c>rule</c> (-1 for none).</summary>
    private const string ResultOfRule = "return rule < 0 ? new(false, null, s_noMatch) : new(true, s_rules[rule], s_outputs[rule]);";

    /// <summary>A first-wins leaf whose answer is fixed (a rule that surely holds, or none): written inline where it is reached.</summary>
    private bool IsTrivialLeaf(int node, out int rule)
    {
        rule = -1;
        if (IsCollect || node == 0 || _plan.Nodes[node] is not Leaf leaf)
        {
            return false;
        }

        if (leaf.Fallthrough >= 0)
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

    private void EmitDiscrete(DiscreteSwitch node)
    {
        var field = _model.Inputs[node.Field];
        _w.Line($"// Node {node.Id}: reads '{field.Name}'. Rules possible: {RuleList(node.Id)}.");
        OpenNode(node.Id);
        var groups = Groups(node.Keys.Select((key, i) => (key, node.Targets[i])), node.Otherwise);
        switch (field.Type)
        {
            case FieldType.Bool:
                var whenTrue = node.Targets[node.Keys.ToList().FindIndex(k => k.AsBool)];
                var whenFalse = node.Targets[node.Keys.ToList().FindIndex(k => !k.AsBool)];
                _w.Open($"if (input.{field.PropertyName})");
                _w.Line(Go(whenTrue) + $" // {RuleList(whenTrue)}");
                _w.Close();
                _w.Line(Go(whenFalse) + $" // {RuleList(whenFalse)}");
                break;
            case FieldType.String when node.Keys.Count > MaxStringCases:
                EmitFrozenDispatch(node, field, groups);
                break;
            default:
                var value = field.Type == FieldType.String ? $"input.{field.PropertyName} ?? \"\"" : $"input.{field.PropertyName}";
                _w.Open($"switch ({value})");
                foreach (var group in groups)
                {
                    foreach (var key in group.Keys)
                    {
                        _w.Line($"case {CSharpLiterals.Of(key, field, EnumType(field))}:");
                    }

                    _w.Indent().Line(Go(group.Target) + $" // {RuleList(group.Target)}").Outdent();
                }

                _w.Line("default:");
                _w.Indent().Line(Go(node.Otherwise) + $" // {RuleList(node.Otherwise)}").Outdent();
                _w.Close();
                break;
        }

        _w.Close();
    }

    /// <summary>Keys grouped by the node they lead to, in order of first appearance; keys leading where "otherwise" leads are dropped.</summary>
    private static List<(List<Value> Keys, int Target)> Groups(IEnumerable<(Value Key, int Target)> cases, int otherwise)
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

    private void EmitFrozenDispatch(DiscreteSwitch node, FieldModel field, List<(List<Value> Keys, int Target)> groups)
    {
        var map = $"s_node{node.Id}Keys";
        var entries = groups.SelectMany((group, index) => group.Keys.Select(key => $"[{CSharpLiterals.String(key.AsString)}] = {index}"));
        _tableFields.Add(
            $"private static readonly global::System.Collections.Frozen.FrozenDictionary<string, int> {map} = global::System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(new global::System.Collections.Generic.Dictionary<string, int>(global::System.StringComparer.Ordinal)\n{{\n    "
            + string.Join(",\n    ", entries) + ",\n}, global::System.StringComparer.Ordinal);");
        _w.Open($"if (!{map}.TryGetValue(input.{field.PropertyName} ?? \"\", out int group))");
        _w.Line(Go(node.Otherwise) + $" // {RuleList(node.Otherwise)}");
        _w.Close();
        _w.Line();
        EmitGroupSwitch("group", groups.Select(g => g.Target).ToList(), $"Node{node.Id}");
    }

    /// <summary>
    /// A switch over dense group numbers. Past <see cref="MaxBranchesPerMethod"/> cases it dispatches by range to
    /// part methods, written after the current method closes.
    /// </summary>
    private void EmitGroupSwitch(string variable, List<int> targets, string owner)
    {
        if (targets.Count <= MaxBranchesPerMethod)
        {
            _w.Open($"switch ({variable})");
            for (var i = 0; i < targets.Count; i++)
            {
                _w.Line($"case {i}:");
                _w.Indent().Line(Go(targets[i]) + $" // {RuleList(targets[i])}").Outdent();
            }

            _w.Close();
            _w.Line(IsCollect ? "return;" : Take(-1));
            return;
        }

        // Each part takes a slice of MaxBranchesPerMethod cases, or of a power of it when that would make more parts
        // than one method should test (the slices then split again).
        var chunk = MaxBranchesPerMethod;
        while ((targets.Count + chunk - 1) / chunk > MaxBranchesPerMethod)
        {
            chunk *= MaxBranchesPerMethod;
        }

        var parts = (targets.Count + chunk - 1) / chunk;
        for (var part = 0; part < parts; part++)
        {
            var name = $"{owner}Part{part}";
            var offset = part * chunk;
            var call = IsCollect ? $"{name}(in input, ref {CollectorName}, {variable} - {offset}); return;" : $"return {name}(in input, {variable} - {offset});";
            _w.Open($"if ({variable} < {offset + chunk})");
            _w.Line(call);
            _w.Close();
            var slice = targets.GetRange(offset, System.Math.Min(chunk, targets.Count - offset));
            _deferred.Add(() =>
            {
                _w.Line();
                _w.Open(IsCollect
                    ? $"private static void {name}(in {_input} input, ref {Collector}, int {variable})"
                    : $"private static int {name}(in {_input} input, int {variable})");
                EmitGroupSwitch(variable, slice, name);
                _w.Close();
            });
        }

        _w.Line(IsCollect ? "return;" : Take(-1));
    }

    private void EmitRange(RangeSwitch node)
    {
        var field = _model.Inputs[node.Field];
        var points = node.Points;
        _w.Line($"// Node {node.Id}: reads '{field.Name}'. Rules possible: {RuleList(node.Id)}.");
        OpenNode(node.Id);
        var type = TypeOf(field, isInput: true);
        _w.Line($"{type} value = input.{field.PropertyName};");
        var targets = node.ClassTargets;
        if (field.Type == FieldType.Double)
        {
            var nan = targets[targets.Count - 1];
            _w.Open("if (double.IsNaN(value))");
            _w.Line(Go(nan) + $" // NaN: {RuleList(nan)}");
            _w.Close();
        }

        if (points.Count <= MaxWalkedPoints)
        {
            // Few points: walk the classes in order, one comparison per run of classes leading to the same node.
            var classCount = (2 * points.Count) + 1;
            for (var c = 0; c < classCount; c++)
            {
                var target = targets[c];
                var last = c;
                while (last + 1 < classCount && targets[last + 1] == target)
                {
                    last++;
                }

                if (last == classCount - 1)
                {
                    _w.Line(Go(target) + $" // {RuleList(target)}");
                    break;
                }

                // The run ends at class `last`: an even class is the open interval below point last/2 (so `<`),
                // an odd one is point (last-1)/2 itself (so `<=`).
                var bound = CSharpLiterals.Of(points[last / 2], field, string.Empty);
                _w.Open($"if (value {(last % 2 == 0 ? "<" : "<=")} {bound})");
                _w.Line(Go(target) + $" // {RuleList(target)}");
                _w.Close();
                c = last;
            }
        }
        else
        {
            var table = $"s_node{node.Id}Points";
            _tableFields.Add($"private static readonly {type}[] {table} = [{string.Join(", ", points.Select(p => CSharpLiterals.Of(p, field, string.Empty)))}];");
            _w.Line($"int index = global::System.MemoryExtensions.BinarySearch(new global::System.ReadOnlySpan<{type}>({table}), value);");
            _w.Line("int range = index >= 0 ? (2 * index) + 1 : 2 * ~index;");
            EmitGroupSwitchByClass(targets.Take(2 * points.Count + 1).ToList(), $"Node{node.Id}");
        }

        _w.Close();
    }

    private void EmitGroupSwitchByClass(List<int> classTargets, string owner)
    {
        var groups = Groups(classTargets.Select((t, c) => (Value.Int(c), t)), otherwise: -1);
        if (groups.Count > MaxBranchesPerMethod)
        {
            // One case per class, split into part methods by class: no method gets more than its share of branches.
            EmitGroupSwitch("range", classTargets, owner);
            return;
        }

        _w.Open("switch (range)");
        foreach (var group in groups.Skip(1))
        {
            foreach (var key in group.Keys)
            {
                _w.Line($"case {key.Integer.ToString(CultureInfo.InvariantCulture)}:");
            }

            _w.Indent().Line(Go(group.Target) + $" // {RuleList(group.Target)}").Outdent();
        }

        _w.Line("default:");
        _w.Indent().Line(Go(groups[0].Target) + $" // {RuleList(groups[0].Target)}").Outdent();
        _w.Close();
    }

    private void EmitLeaf(Leaf leaf)
    {
        var candidates = leaf.Candidates;
        _w.Line(candidates.Count == 0 && leaf.Fallthrough < 0
            ? $"// Node {leaf.Id}: no rule can hold here."
            : $"// Node {leaf.Id}: checks {(IsCollect ? "every rule" : "rules in rank order")}: {RuleList(leaf.Id)}"
                + (leaf.Fallthrough >= 0 ? $"; the last of them in node {leaf.Fallthrough}, which other leaves share." : "."));
        OpenNode(leaf.Id);
        var parts = LeafParts(candidates);
        if (parts.Count == 1)
        {
            EmitCandidates(candidates, leaf.Fallthrough);
            _w.Close();
            return;
        }

        // A long leaf (the planning budget was reached): split it so that no method outgrows the JIT's limits. Past
        // MaxBranchesPerMethod parts, the leaf calls groups of parts, and each group its parts.
        var groupSize = parts.Count <= MaxBranchesPerMethod ? 1 : MaxBranchesPerMethod;
        var groups = (parts.Count + groupSize - 1) / groupSize;
        EmitPartCalls(groupSize == 1 ? $"Node{leaf.Id}Part" : $"Node{leaf.Id}Parts", 0, groups, leaf.Fallthrough);
        _w.Close();
        for (var group = 0; groupSize > 1 && group < groups; group++)
        {
            _w.Line();
            _w.Open(Signature($"Node{leaf.Id}Parts{group}"));
            EmitPartCalls($"Node{leaf.Id}Part", group * groupSize, System.Math.Min(groupSize, parts.Count - (group * groupSize)), fallthrough: -1);
            _w.Close();
        }

        for (var part = 0; part < parts.Count; part++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _w.Line();
            _w.Open(Signature($"Node{leaf.Id}Part{part}"));
            EmitCandidates(parts[part], fallthrough: -1);
            _w.Close();
        }
    }

    /// <summary>
    /// Calls methods prefix{first}..prefix{first + count - 1} in turn; first-wins returns the first rule one finds.
    /// Then goes to <paramref name="fallthrough"/> when it is a node.
    /// </summary>
    private void EmitPartCalls(string prefix, int first, int count, int fallthrough)
    {
        for (var part = first; part < first + count; part++)
        {
            if (IsCollect)
            {
                _w.Line($"{prefix}{part}(in input, ref {CollectorName});");
            }
            else
            {
                _w.Line($"int rule{part} = {prefix}{part}(in input);");
                _w.Open($"if (rule{part} >= 0)");
                _w.Line($"return rule{part};");
                _w.Close();
            }
        }

        EmitLeafEnd(fallthrough);
    }

    /// <summary>What a leaf does once its candidates are checked: go to its fallthrough node, or return "none".</summary>
    private void EmitLeafEnd(int fallthrough)
    {
        if (fallthrough >= 0)
        {
            _w.Line(Go(fallthrough) + $" // {RuleList(fallthrough)}");
        }
        else if (!IsCollect)
        {
            _w.Line(Take(-1));
        }
    }

    /// <summary>
    /// A leaf's candidates cut into parts of at most <see cref="MaxBranchesPerMethod"/> candidates and at most
    /// <see cref="MaxBlocksPerMethod"/> estimated basic blocks (one part when the leaf fits).
    /// </summary>
    private List<List<LeafCandidate>> LeafParts(IReadOnlyList<LeafCandidate> candidates)
    {
        var parts = new List<List<LeafCandidate>> { new() };
        var blocks = 0;
        foreach (var candidate in candidates)
        {
            var cost = CandidateBlocks(candidate);
            var current = parts[parts.Count - 1];
            if (current.Count > 0 && (current.Count == MaxBranchesPerMethod || blocks + cost > MaxBlocksPerMethod))
            {
                parts.Add(current = new List<LeafCandidate>());
                blocks = 0;
            }

            current.Add(candidate);
            blocks += cost;
        }

        return parts;
    }

    /// <summary>About how many basic blocks a leaf candidate compiles to: its check's branches and the answer.</summary>
    private int CandidateBlocks(LeafCandidate candidate) => 1 + (candidate.Check is null ? 0 : Branches(candidate.Check));

    /// <summary>
    /// About how many conditional branches a check compiles to (an upper estimate): one per comparison, plus one for
    /// each <c>?? ""</c> that reads a string input.
    /// </summary>
    private int Branches(Condition condition)
    {
        switch (condition)
        {
            case AllCondition all:
                return all.Items.Sum(Branches);
            case AnyCondition any:
                return any.Items.Sum(Branches);
            case NotCondition not:
                return Branches(not.Operand);
            case TestCondition test:
                var comparisons = test.Operator switch
                {
                    TestOperator.In or TestOperator.NotIn => test.Operands.Count,
                    TestOperator.Between or TestOperator.Empty => 2,
                    _ => 1,
                };
                return _model.Inputs[test.Field].Type == FieldType.String ? 2 * comparisons : comparisons;
            default:
                return 1;
        }
    }

    private void EmitCandidates(IReadOnlyList<LeafCandidate> candidates, int fallthrough)
    {
        foreach (var candidate in candidates)
        {
            var rule = _model.Rules[candidate.Rule];
            var comment = $" // {rule.Id} (line {rule.Span.Line})";
            var take = !IsCollect ? Take(candidate.Rule)
                : ListsMatches ? $"hits.Add({candidate.Rule});"
                : $"bits[{candidate.Rule >> 6}] |= 0x{1UL << (candidate.Rule & 63):X}UL;";
            if (candidate.Check is null)
            {
                _w.Line(take + comment);
                if (!IsCollect)
                {
                    return;
                }

                continue;
            }

            _w.Open($"if ({Expression(candidate.Check, nested: false)})" + comment);
            _w.Line(take);
            _w.Close();
        }

        EmitLeafEnd(fallthrough);
    }

    /// <summary>The rule ids a node can lead to, for comments: at most six, then a count.</summary>
    private string RuleList(int nodeId)
    {
        var rules = RulesOf(nodeId);
        if (rules.Length == 0)
        {
            return "none";
        }

        var shown = rules.Take(6).Select(i => _model.Rules[i].Id);
        return string.Join(", ", shown) + (rules.Length > 6 ? $" and {rules.Length - 6} more" : string.Empty);
    }

    private int[] RulesOf(int nodeId)
    {
        if (_rulesOfNode.TryGetValue(nodeId, out var cached))
        {
            return cached;
        }

        var node = _plan.Nodes[nodeId];
        var own = node is Leaf leaf ? leaf.Candidates.Select(c => c.Rule) : Enumerable.Empty<int>();
        var result = own.Concat(node.Successors().Distinct().SelectMany(RulesOf)).Distinct().OrderBy(i => i).ToArray();
        _rulesOfNode.Add(nodeId, result);
        return result;
    }
}
