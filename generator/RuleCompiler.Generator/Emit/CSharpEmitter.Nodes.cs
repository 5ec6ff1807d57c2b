using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;

namespace RuleCompiler.Generator.Emit;

// The plan's nodes become small private methods, one per node, each commented with the rules it serves; a small
// first-wins plan is written into Evaluate itself, one labeled block per node. Which, and how each node dispatches
// and splits, is the lowering's decision (LoweredRuleSet); this file only writes it.
internal sealed partial class CSharpEmitter
{
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
            if (Form(node.Id) is NodeForm.TrivialLeaf or NodeForm.Unreached or NodeForm.Data)
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
        var first = true;
        foreach (var node in _plan.Nodes)
        {
            if (Form(node.Id) is NodeForm.TrivialLeaf or NodeForm.Unreached)
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

    private NodeForm Form(int node) => _lowered.Nodes[node].Form;

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
            _w.Open(Signature(MemberNames.Node(id)));
            return;
        }

        if (id != 0)
        {
            _w.Line($"{MemberNames.Node(id)}:");
        }

        _w.Line("{").Indent();
    }

    private string Signature(string name) => IsCollect
        ? $"private static void {name}(in {NodeInput} input, ref {Collector})"
        : $"private static int {name}(in {NodeInput} input)";

    private string Go(int target) => IsCollect ? $"{MemberNames.Node(target)}(in input, ref {CollectorName}); return;"
        : Form(target) == NodeForm.TrivialLeaf ? Take(_lowered.Nodes[target].TrivialRule)
        : Form(target) == NodeForm.Data ? $"return {MemberNames.Decide}({_lowered.Nodes[target].DataStart}, in input);"
        : _inlinePlan ? $"goto {MemberNames.Node(target)};"
        : $"return {MemberNames.Node(target)}(in input);";

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
    private string ResultOfRule => $"return rule < 0 ? new(false, null, {NoMatchOutputs()}) : new(true, s_rules[rule], {OutputOfRule("rule")});";

    private void EmitDiscrete(DiscreteSwitch node)
    {
        var field = _model.Inputs[node.Field];
        _w.Line($"// Node {node.Id}: reads '{field.Name}'. Rules possible: {RuleList(node.Id)}.");
        OpenNode(node.Id);
        var groups = Lowerer.SwitchGroups(node.Keys.Select((key, i) => (key, node.Targets[i])), node.Otherwise);
        switch (Form(node.Id))
        {
            case NodeForm.BoolBranch:
                var whenTrue = node.Targets[node.Keys.ToList().FindIndex(k => k.AsBool)];
                var whenFalse = node.Targets[node.Keys.ToList().FindIndex(k => !k.AsBool)];
                _w.Open($"if ({Access(field)})");
                _w.Line(Go(whenTrue) + $" // {RuleList(whenTrue)}");
                _w.Close();
                _w.Line(Go(whenFalse) + $" // {RuleList(whenFalse)}");
                break;
            case NodeForm.HashedDispatch:
            case NodeForm.HashedDispatchToData:
                EmitHashedDispatch(node, field, groups);
                break;
            case NodeForm.Switch:
                var value = CSharpTypes.Read(field, Access(field));
                _w.Open($"switch ({value})");
                foreach (var group in groups)
                {
                    foreach (var key in group.Keys)
                    {
                        _w.Line($"case {CSharpTypes.Key(key, field, EnumType(field))}:");
                    }

                    _w.Indent().Line(Go(group.Target) + $" // {RuleList(group.Target)}").Outdent();
                }

                _w.Line("default:");
                _w.Indent().Line(Go(node.Otherwise) + $" // {RuleList(node.Otherwise)}").Outdent();
                _w.Close();
                break;
            default:
                throw new System.InvalidOperationException($"node {node.Id} is lowered as {Form(node.Id)}, not as a discrete switch");
        }

        _w.Close();
    }


    private void EmitHashedDispatch(DiscreteSwitch node, FieldModel field, List<(List<Value> Keys, int Target)> groups)
    {
        // The keys as data: one string, the bounds of each key, its group (or, straight to data, its node's start), and
        // the slots of a hash table laid out at build time. Nothing is built at start-up: a frozen dictionary of the keys
        // was most of a 10,000-rule set's type initializer (benchmarks/results/buildloop.md).
        var table = MemberNames.NodeKeys(node.Id);
        var toData = Form(node.Id) == NodeForm.HashedDispatchToData;
        var keys = groups.SelectMany((group, index) => group.Keys.Select(key => (Text: key.AsString, Group: toData ? _lowered.Nodes[group.Target].DataStart : index))).ToList();
        _tableFields.Add(
            TextTable(table, keys.Select(k => k.Text), perEvaluation: true) + "\n"
            + Ints(table + "Groups", keys.Select(k => k.Group), perEvaluation: true) + "\n"
            + Ints(table + "Slots", RuleCompiler.Tables.StringKeyTable.Slots(keys.Select(k => k.Text).ToList(), out var ends), perEvaluation: true));
        _w.Line($"int key = {Runtime}.RuleTables.Find({Access(field)} ?? \"\", {table}Text, {table}Bounds, {table}Slots, ends: {ends});");
        _w.Open("if (key < 0)");
        _w.Line(Go(node.Otherwise) + $" // {RuleList(node.Otherwise)}");
        _w.Close();
        _w.Line();
        if (toData)
        {
            _w.Line($"return {MemberNames.Decide}({table}Groups[key], in input); // the key's node, written as data");
            return;
        }

        _w.Line($"int group = {table}Groups[key];");
        EmitGroupSwitch("group", groups.Select(g => g.Target).ToList(), MemberNames.Node(node.Id));
    }

    /// <summary>
    /// A switch over dense group numbers. Past <see cref="Lowerer.MaxBranchesPerMethod"/> cases it dispatches by range to
    /// part methods, written after the current method closes.
    /// </summary>
    private void EmitGroupSwitch(string variable, List<int> targets, string owner)
    {
        if (targets.Count <= Lowerer.MaxBranchesPerMethod)
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

        var chunk = Lowerer.GroupChunk(targets.Count);
        var parts = (targets.Count + chunk - 1) / chunk;
        for (var part = 0; part < parts; part++)
        {
            var name = MemberNames.Part(owner, part);
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
                    ? $"private static void {name}(in {NodeInput} input, ref {Collector}, int {variable})"
                    : $"private static int {name}(in {NodeInput} input, int {variable})");
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
        var type = CSharpTypes.KeyName(field, EnumType(field));
        _w.Line($"{type} value = {CSharpTypes.Read(field, Access(field))};");
        var targets = node.ClassTargets;
        if (field.Type.Info().Kind == ValueKind.Real)
        {
            var nan = targets[targets.Count - 1];
            _w.Open("if (double.IsNaN(value))");
            _w.Line(Go(nan) + $" // NaN: {RuleList(nan)}");
            _w.Close();
        }

        if (Form(node.Id) == NodeForm.WalkedRange)
        {
            // Few points: walk the classes in order, one comparison per run of classes leading to the same node.
            foreach (var run in Lowerer.WalkedRuns(targets, points.Count))
            {
                if (!run.Bound)
                {
                    _w.Line(Go(run.Target) + $" // {RuleList(run.Target)}");
                    break;
                }

                _w.Open($"if (value {(run.Inclusive ? "<=" : "<")} {CSharpTypes.Key(points[run.Point], field, string.Empty)})");
                _w.Line(Go(run.Target) + $" // {RuleList(run.Target)}");
                _w.Close();
            }
        }
        else
        {
            var table = MemberNames.NodePoints(node.Id);
            _tableFields.Add($"private static readonly {type}[] {table} = [{string.Join(", ", points.Select(p => CSharpTypes.Key(p, field, string.Empty)))}];");
            _w.Line($"int index = global::System.MemoryExtensions.BinarySearch(new global::System.ReadOnlySpan<{type}>({table}), value);");
            _w.Line("int range = index >= 0 ? (2 * index) + 1 : 2 * ~index;");
            EmitGroupSwitchByClass(targets.Take(2 * points.Count + 1).ToList(), MemberNames.Node(node.Id));
        }

        _w.Close();
    }

    private void EmitGroupSwitchByClass(List<int> classTargets, string owner)
    {
        var groups = Lowerer.SwitchGroups(classTargets.Select((t, c) => (Value.Int(c), t)), otherwise: -1);
        if (groups.Count > Lowerer.MaxBranchesPerMethod)
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
        var lowered = _lowered.Nodes[leaf.Id];
        var parts = lowered.Parts;
        if (parts.Count == 1)
        {
            EmitCandidates(candidates, parts[0], leaf.Fallthrough);
            _w.Close();
            return;
        }

        // A long leaf (the planning budget was reached): split so that no method outgrows the JIT's limits. With more
        // parts than one method should call, the leaf calls groups of parts, and each group its parts.
        var groupSize = lowered.PartsPerGroup;
        var groups = (parts.Count + groupSize - 1) / groupSize;
        var owner = MemberNames.Node(leaf.Id);
        EmitPartCalls(groupSize == 1 ? part => MemberNames.Part(owner, part) : group => MemberNames.PartGroup(leaf.Id, group), 0, groups, leaf.Fallthrough);
        _w.Close();
        for (var group = 0; groupSize > 1 && group < groups; group++)
        {
            _w.Line();
            _w.Open(Signature(MemberNames.PartGroup(leaf.Id, group)));
            EmitPartCalls(part => MemberNames.Part(owner, part), group * groupSize, System.Math.Min(groupSize, parts.Count - (group * groupSize)), fallthrough: -1);
            _w.Close();
        }

        for (var part = 0; part < parts.Count; part++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _w.Line();
            _w.Open(Signature(MemberNames.Part(owner, part)));
            EmitCandidates(candidates.Skip(parts[part].First).Take(parts[part].Count).ToList(), parts[part], fallthrough: -1);
            _w.Close();
        }
    }

    /// <summary>
    /// Calls methods name(first)..name(first + count - 1) in turn; first-wins returns the first rule one finds.
    /// Then goes to <paramref name="fallthrough"/> when it is a node.
    /// </summary>
    private void EmitPartCalls(System.Func<int, string> name, int first, int count, int fallthrough)
    {
        for (var part = first; part < first + count; part++)
        {
            if (IsCollect)
            {
                _w.Line($"{name(part)}(in input, ref {CollectorName});");
            }
            else
            {
                _w.Line($"int rule{part} = {name(part)}(in input);");
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
    /// A leaf's candidates in rank order, each check under a comment that restates it as the rule file writes it. The
    /// part's hoisted string inputs are read once, into locals the checks use; each automaton it scans is a
    /// <c>PatternScan</c> local over its input, which reads the input once for all the part's regexes it answers.
    /// </summary>
    private void EmitCandidates(IReadOnlyList<LeafCandidate> candidates, CandidateRange part, int fallthrough)
    {
        foreach (var field in part.Hoisted.Select(index => _model.Inputs[index]))
        {
            _w.Line($"{CSharpTypes.KeyName(field, EnumType(field))} {Local(field)} = {CSharpTypes.Read(field, Access(field))};");
            _hoisted.Add(field.Index);
        }

        foreach (var automaton in part.Scans)
        {
            var field = _model.Inputs[_lowered.Automata[automaton].Field];
            _w.Line($"var {ScanLocal(field, automaton)} = new {Runtime}.PatternScan({AutomatonField(automaton)}, {TextOf(field)});");
            _scans.Add(automaton);
        }

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
                    _hoisted.Clear();
                    _scans.Clear();
                    return;
                }

                continue;
            }

            _w.Line($"// {rule.Id}: {ConditionYaml.Condition(candidate.Check, _model.Inputs)}");
            _w.Open($"if ({Expression(candidate.Check, nested: false)})" + comment);
            _w.Line(take);
            _w.Close();
        }

        _hoisted.Clear();
        _scans.Clear();
        EmitLeafEnd(fallthrough);
    }

    /// <summary>The local a hoisted input is read into: <c>commandText</c> (a suffix no other local of generated code has).</summary>
    private static string Local(FieldModel field) => LocalStem(field) + "Text";

    /// <summary>The local scanning an input with an automaton: <c>lineScan3</c> (a suffix no other local has).</summary>
    private static string ScanLocal(FieldModel field, int automaton) => LocalStem(field) + "Scan" + automaton.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string LocalStem(FieldModel field) => char.ToLowerInvariant(field.PropertyName[0]) + field.PropertyName.Substring(1);

    /// <summary>A string input's value as its tests read it: the hoisted local, or the read itself (a null as "").</summary>
    private string TextOf(FieldModel field) => _hoisted.Contains(field.Index) ? Local(field) : CSharpTypes.Read(field, Access(field), operand: true);

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
