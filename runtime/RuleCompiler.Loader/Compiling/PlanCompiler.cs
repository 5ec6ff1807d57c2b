using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Threading;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;

namespace RuleCompiler.Compiling;

/// <summary>First-wins: the rule the plan picks for <paramref name="input"/>, or -1.</summary>
internal delegate int DecideRule<TInput>(in TInput input);

/// <summary>First-wins: a part of a large switch, for group <paramref name="group"/> (relative to the part's first).</summary>
internal delegate int DecideGroup<TInput>(in TInput input, int group);

/// <summary>Collect: a part of a large switch, for group <paramref name="group"/>.</summary>
internal delegate void CollectGroup<TInput>(in TInput input, ulong[] bits, int group);

/// <summary>Collect: sets bit i of <paramref name="bits"/> for each rule i that holds.</summary>
internal delegate void CollectRules<TInput>(in TInput input, ulong[] bits);

/// <summary>The outputs of rule <paramref name="rule"/> (-1: the default) for <paramref name="input"/>, computed values included.</summary>
internal delegate TOutput OutputOf<TInput, TOutput>(int rule, in TInput input);

/// <summary>Whether distinct test <paramref name="test"/> holds (tests of one part of the condition program).</summary>
internal delegate bool HoldsTest<TInput>(int test, in TInput input);

/// <summary>Input field <paramref name="field"/> as YAML (Explain), or its ordinal (enum and bool switches written as data).</summary>
internal delegate T FieldValue<TInput, T>(int field, in TInput input);

/// <summary>
/// The back end of a loaded rule set: the lowered plan (<see cref="LoweredRuleSet"/>) written as expression trees
/// and compiled to IL, as <c>CSharpEmitter</c> writes the same plan as C# at build time. It decides nothing: each
/// node form, inline plan or node method, leaf part, hoisted read, scan, data node, automaton and pattern member is
/// the lowering's, so a loaded rule set runs the code generated code runs, over the same runtime kernels. Its own
/// choices are only when code is compiled: node methods and the distinct tests compile on first use (a load compiles
/// what the root needs), because expression trees compile at some 40 µs a node.
/// </summary>
internal sealed class PlanCompiler<TInput, TOutput>
{
    private static readonly MethodInfo s_stringEquals = typeof(string).GetMethod(nameof(string.Equals), BindingFlags.Public | BindingFlags.Static, new[] { typeof(string), typeof(string) })!;
    private static readonly MethodInfo s_stringEqualsComparison = typeof(string).GetMethod(nameof(string.Equals), BindingFlags.Public | BindingFlags.Static, new[] { typeof(string), typeof(string), typeof(StringComparison) })!;

    private readonly RuleSetModel _model;
    private readonly Plan _plan;
    private readonly LoweredRuleSet _lowered;
    private readonly InputAccess _access;
    private readonly OutputShape<TOutput> _outputs;
    private CancellationToken _cancellationToken;

    /// <summary>Past this many keys a switch on a string is a hash lookup (<see cref="Hashed"/>).</summary>
    private const int MaxComparedStrings = 4;

    private readonly ParameterExpression _input = Expression.Parameter(typeof(TInput).MakeByRefType(), "input");
    private readonly Dictionary<int, ParameterExpression> _mapKeys = new();
    private readonly Dictionary<string, object> _patterns = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ushort[]> _automata = new();

    /// <summary>The part being written: its hoisted string inputs, read once (<see cref="CandidateRange.Hoisted"/>).</summary>
    private readonly Dictionary<int, ParameterExpression> _hoisted = new();

    /// <summary>The part being written: for each automaton it scans, whether it has and the bits of the patterns that matched (<see cref="CandidateRange.Scans"/>).</summary>
    private readonly Dictionary<int, (ParameterExpression Scanned, ParameterExpression Bits)> _scans = new();
    private readonly bool _collect;

    private LabelTarget[] _labels = Array.Empty<LabelTarget>();
    private LabelTarget _end = Expression.Label("Decided");
    private ParameterExpression _rule = Expression.Variable(typeof(int), "rule");
    private ParameterExpression _bits = Expression.Parameter(typeof(ulong[]), "bits");
    private ConditionTestSet<TInput>? _tests;

    /// <summary>For a plan not written into one method: the node methods (<see cref="CompileEvaluation{T}"/>).</summary>
    private Array? _methods;

    /// <summary>The node methods' first forms, which compile their node when first called.</summary>
    private readonly HashSet<Delegate> _stubs = new();

    /// <summary>
    /// Held while anything compiles after the load (a node on its first call, the tests when first asked): the
    /// compiler's state (patterns, tables, the method being written) is not thread-safe; what it publishes is immutable.
    /// </summary>
    private readonly object _compiling = new();

    public PlanCompiler(RuleSetModel model, Plan plan, LoweredRuleSet lowered, InputAccess access, OutputShape<TOutput> outputs, CancellationToken cancellationToken)
    {
        _model = model;
        _plan = plan;
        _lowered = lowered;
        _access = access;
        _outputs = outputs;
        _cancellationToken = cancellationToken;
        _collect = !model.Hit.Info().SingleResult;
    }

    public CompiledPlan<TInput, TOutput> Compile()
    {
        var tests = CompileTests();
        _tests = tests;
        var rows = _model.Rules.Select(rule => _outputs.Create(rule.Then.Select(value => value.Literal).ToList())).ToArray();
        var noMatch = _outputs.Create(_model.NoMatchOutputs.Select(value => value.Literal).ToList());
        var plan = new CompiledPlan<TInput, TOutput>(
            _collect ? null : CompileEvaluation<DecideRule<TInput>>(),
            _collect ? CompileEvaluation<CollectRules<TInput>>() : null,
            _model.HasComputedOutputs ? CompileOutputOf(rows, noMatch) : null,
            rows,
            noMatch,
            tests);

        // What compiles later (a node on its first call, the tests when first asked) is not the load's to cancel.
        _cancellationToken = CancellationToken.None;
        return plan;
    }

    // ---------------------------------------------------------------- the plan

    /// <summary>
    /// Evaluate's plan, in the lowering's shape: a plan it writes into <c>Evaluate</c> (<see cref="LoweredRuleSet.InlinePlan"/>)
    /// is one method whose reached nodes are labelled blocks; any other is a method per node, and a leaf the lowering
    /// split is a method per part: the JIT stops optimizing a method past some 60 KB of IL or 2,000 blocks, which one
    /// method for a 1,000-rule plan exceeds (measured 8x slower than the generated code before this split).
    /// </summary>
    private T CompileEvaluation<T>()
        where T : Delegate
    {
        _bits = Expression.Parameter(typeof(ulong[]), "bits");
        _labels = _plan.Nodes.Select(node => Expression.Label("Node" + node.Id)).ToArray();
        var reached = Reached();
        if (_lowered.InlinePlan)
        {
            return Method<T>("Decide", () =>
            {
                var body = new List<Expression>();

                // The map keys the rules read, looked up once per evaluation, as generated code's View does.
                foreach (var field in _model.Inputs.Where(field => field.IsMapKey))
                {
                    var local = Expression.Variable(typeof(string), field.PropertyName);
                    body.Add(Expression.Assign(local, _access.Read(field, _input)));
                    _mapKeys.Add(field.Index, local);
                }

                body.Add(Go(0));
                foreach (var node in _plan.Nodes)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (reached[node.Id] && Form(node.Id) is not (NodeForm.TrivialLeaf or NodeForm.Unreached or NodeForm.Data))
                    {
                        body.Add(Expression.Label(_labels[node.Id]));
                        body.Add(Node(node));
                    }
                }

                return body;
            });
        }

        // A method per node, called through this array. Each slot starts as a stub that compiles its node on the first
        // call, publishes it in the slot, and runs it: compiling every node at load cost 0.5 ms a node (a 10,000-rule
        // load 1.0 -> 3.4 s), where an evaluation reaches a handful.
        var methods = new T[_plan.Nodes.Count];
        _methods = methods;
        for (var id = 0; id < methods.Length; id++)
        {
            if (reached[id] && Form(id) is not (NodeForm.TrivialLeaf or NodeForm.Unreached or NodeForm.Data))
            {
                methods[id] = Stub<T>(methods, id);
            }
        }

        return Form(0) is NodeForm.TrivialLeaf or NodeForm.Data ? Method<T>("Decide", () => new List<Expression> { Go(0) }) : Dispatch<T>(methods);
    }

    /// <summary>Calls the root node's method through its slot, so that the root too compiles when first called.</summary>
    private static T Dispatch<T>(T[] methods)
        where T : Delegate
    {
        if (typeof(T) == typeof(CollectRules<TInput>))
        {
            var slots = (CollectRules<TInput>[])(object)methods;
            return (T)(object)new CollectRules<TInput>((in TInput input, ulong[] bits) => slots[0](in input, bits));
        }

        var rules = (DecideRule<TInput>[])(object)methods;
        return (T)(object)new DecideRule<TInput>((in TInput input) => rules[0](in input));
    }

    /// <summary>A node method's first form: compiles the node (once, under the compile lock), puts it in the slot, and calls it.</summary>
    private T Stub<T>(T[] methods, int id)
        where T : Delegate
    {
        T Compiled()
        {
            lock (_compiling)
            {
                if (methods[id] is { } current && !_stubs.Contains(current))
                {
                    return current;
                }

                var node = _plan.Nodes[id];
                var method = Method<T>("Node" + id, () => new List<Expression> { Node(node) });
                Volatile.Write(ref methods[id], method);
                return method;
            }
        }

        Delegate stub = typeof(T) == typeof(CollectRules<TInput>)
            ? new CollectRules<TInput>((in TInput input, ulong[] bits) => ((CollectRules<TInput>)(object)Compiled())(in input, bits))
            : new DecideRule<TInput>((in TInput input) => ((DecideRule<TInput>)(object)Compiled())(in input));
        _stubs.Add(stub);
        return (T)stub;
    }

    /// <summary>
    /// One compiled method of the plan: first-wins returns the rule its body decides (<see cref="Take"/>, -1 for none);
    /// collect sets bits. Its body is built with this method's own result variable and end label.
    /// </summary>
    private T Method<T>(string name, Func<List<Expression>> build, ParameterExpression? group = null)
        where T : Delegate
    {
        var (rule, end) = (_rule, _end);
        _rule = Expression.Variable(typeof(int), "rule");
        _end = Expression.Label("Decided");
        try
        {
            var body = build();
            body.Add(Expression.Label(_end));
            var locals = _mapKeys.Values.ToList();
            _mapKeys.Clear();
            if (_collect)
            {
                return Expression.Lambda<T>(Expression.Block(typeof(void), locals, body), name, group is null ? new[] { _input, _bits } : new[] { _input, _bits, group }).Compile();
            }

            locals.Add(_rule);
            body.Insert(0, Expression.Assign(_rule, Expression.Constant(-1)));
            body.Add(_rule);
            return Expression.Lambda<T>(Expression.Block(typeof(int), locals, body), name, group is null ? new[] { _input } : new[] { _input, group }).Compile();
        }
        finally
        {
            (_rule, _end) = (rule, end);
        }
    }

    /// <summary>A call of another compiled method of the plan (a node's), then the end of this one with its answer.</summary>
    private Expression Call(Expression method) => _collect
        ? Expression.Block(Expression.Invoke(method, _input, _bits), Expression.Goto(_end))
        : Expression.Block(Expression.Assign(_rule, Expression.Invoke(method, _input)), Expression.Goto(_end));

    private NodeForm Form(int node) => _lowered.Nodes[node].Form;

    /// <summary>
    /// The nodes the code reaches from the root: a node below a data node is walked as data (the data node's program
    /// holds it), so it is written only where code also goes to it.
    /// </summary>
    private bool[] Reached()
    {
        var reached = new bool[_plan.Nodes.Count];
        var pending = new Stack<int>();
        pending.Push(0);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (reached[node])
            {
                continue;
            }

            reached[node] = true;
            if (Form(node) is NodeForm.Data or NodeForm.TrivialLeaf or NodeForm.Unreached or NodeForm.HashedDispatchToData)
            {
                continue;
            }

            foreach (var next in _plan.Nodes[node].Successors())
            {
                pending.Push(next);
            }
        }

        return reached;
    }

    /// <summary>Goes to node <paramref name="target"/>: its block, or the rule a trivial leaf answers, or the data the runtime walks.</summary>
    private Expression Go(int target) => Form(target) switch
    {
        NodeForm.TrivialLeaf => Take(_lowered.Nodes[target].TrivialRule),
        NodeForm.Data => Expression.Block(
            Expression.Assign(_rule, Expression.Call(typeof(ConditionTestSet<TInput>).GetMethod(nameof(ConditionTestSet<TInput>.Decide))!, Expression.Constant(_tests), Expression.Constant(_lowered.Nodes[target].DataStart), _input)),
            Expression.Goto(_end)),
        _ when _methods is { } methods => Call(Expression.ArrayIndex(Expression.Constant(methods), Expression.Constant(target))),
        _ => Expression.Goto(_labels[target]),
    };

    /// <summary>First-wins: answers <paramref name="rule"/> (-1: none). Collect: the end of the evaluation.</summary>
    private Expression Take(int rule) => _collect
        ? Expression.Goto(_end)
        : Expression.Block(Expression.Assign(_rule, Expression.Constant(rule)), Expression.Goto(_end));

    private Expression Node(PlanNode node) => node switch
    {
        DiscreteSwitch discrete => Discrete(discrete),
        RangeSwitch range => Range(range),
        Leaf leaf => LeafChecks(leaf),
        _ => throw new ArgumentException("unknown plan node " + node.GetType().Name, nameof(node)),
    };

    private Expression Discrete(DiscreteSwitch node)
    {
        var field = _model.Inputs[node.Field];
        var groups = Lowerer.SwitchGroups(node.Keys.Select((key, i) => (key, node.Targets[i])), node.Otherwise);
        switch (Form(node.Id))
        {
            case NodeForm.BoolBranch:
                var keys = node.Keys.ToList();
                return Expression.IfThenElse(Key(field), Go(node.Targets[keys.FindIndex(k => k.AsBool)]), Go(node.Targets[keys.FindIndex(k => !k.AsBool)]));
            case NodeForm.Switch:
                if (groups.Count == 0)
                {
                    return Go(node.Otherwise);
                }

                if (field.Type.Info().Kind == ValueKind.Text && node.Keys.Count > MaxComparedStrings)
                {
                    // Expression trees compile a switch on strings as one comparison per key, where C# hashes the
                    // key: the build-time hash table of a hashed dispatch, then a jump table on the group.
                    return Hashed(node, field, groups, toData: false);
                }

                var value = Key(field);
                return Expression.Switch(
                    value,
                    Go(node.Otherwise),
                    value.Type == typeof(string) ? s_stringEquals : null,
                    groups.Select(group => Expression.SwitchCase(Go(group.Target), group.Keys.Select(key => KeyConstant(key, field)))).ToArray());
            case NodeForm.HashedDispatch:
            case NodeForm.HashedDispatchToData:
                return Hashed(node, field, groups, Form(node.Id) == NodeForm.HashedDispatchToData);
            default:
                throw new InvalidOperationException($"node {node.Id} is lowered as {Form(node.Id)}, not as a discrete switch");
        }
    }


    private Expression Hashed(DiscreteSwitch node, FieldModel field, List<(List<Value> Keys, int Target)> groups, bool toData)
    {
        var keys = groups.SelectMany((group, index) => group.Keys.Select(key => (Text: key.AsString, Group: toData ? _lowered.Nodes[group.Target].DataStart : index))).ToList();
        var bounds = new List<int> { 0 };
        foreach (var key in keys)
        {
            bounds.Add(bounds[bounds.Count - 1] + key.Text.Length);
        }

        var slots = RuleCompiler.Tables.StringKeyTable.Slots(keys.Select(k => k.Text).ToList(), out var ends);
        var table = new KeyTable(string.Concat(keys.Select(k => k.Text)), bounds.ToArray(), slots, ends, keys.Select(k => k.Group).ToArray());
        var index = Expression.Variable(typeof(int), "key");
        var found = Expression.Call(typeof(LoadedKernels).GetMethod(nameof(LoadedKernels.Find))!, Key(field), Expression.Constant(table));
        var group = Expression.ArrayIndex(Expression.Constant(table.Groups), index);
        Expression dispatch = toData
            ? Expression.Block(
                Expression.Assign(_rule, Expression.Call(typeof(ConditionTestSet<TInput>).GetMethod(nameof(ConditionTestSet<TInput>.Decide))!, Expression.Constant(_tests), group, _input)),
                Expression.Goto(_end))
            : GroupSwitch(group, groups.Select(g => g.Target).ToList(), "Node" + node.Id);
        return Expression.Block(
            new[] { index },
            Expression.Assign(index, found),
            Expression.IfThen(Expression.LessThan(index, Expression.Constant(0)), Go(node.Otherwise)),
            dispatch);
    }

    /// <summary>
    /// A switch over dense group numbers to their nodes. Past <see cref="Lowerer.MaxBranchesPerMethod"/> cases, in a plan of
    /// node methods, it dispatches by range to part methods, as generated code's <c>EmitGroupSwitch</c> does: a method of
    /// thousands of cases goes past what the JIT optimizes.
    /// </summary>
    private Expression GroupSwitch(Expression group, List<int> targets, string owner)
    {
        if (targets.Count <= Lowerer.MaxBranchesPerMethod || _methods is null)
        {
            return Expression.Block(
                Expression.Switch(group, Take(-1), targets.Select((target, i) => Expression.SwitchCase(Go(target), Expression.Constant(i))).ToArray()),
                Take(-1));
        }

        var chunk = Lowerer.GroupChunk(targets.Count);
        var body = new List<Expression>();
        for (var offset = 0; offset < targets.Count; offset += chunk)
        {
            var slice = targets.GetRange(offset, Math.Min(chunk, targets.Count - offset));
            var name = owner + "Part" + (offset / chunk);
            var parameter = Expression.Parameter(typeof(int), "group");
            Expression method = _collect
                ? Expression.Constant(Method<CollectGroup<TInput>>(name, () => new List<Expression> { GroupSwitch(parameter, slice, name) }, parameter))
                : Expression.Constant(Method<DecideGroup<TInput>>(name, () => new List<Expression> { GroupSwitch(parameter, slice, name) }, parameter));
            var local = Expression.Subtract(group, Expression.Constant(offset));
            var call = _collect
                ? Expression.Block(Expression.Invoke(method, _input, _bits, local), Expression.Goto(_end))
                : Expression.Block(Expression.Assign(_rule, Expression.Invoke(method, _input, local)), Expression.Goto(_end));
            body.Add(Expression.IfThen(Expression.LessThan(group, Expression.Constant(offset + chunk)), call));
        }

        body.Add(Take(-1));
        return Expression.Block(body);
    }

    private Expression Range(RangeSwitch node)
    {
        var field = _model.Inputs[node.Field];
        var points = node.Points;
        var targets = node.ClassTargets;
        var value = Expression.Variable(Key(field).Type, "value");
        var body = new List<Expression> { Expression.Assign(value, Key(field)) };
        if (field.Type.Info().Kind == ValueKind.Real)
        {
            body.Add(Expression.IfThen(Expression.Call(typeof(double).GetMethod(nameof(double.IsNaN), new[] { typeof(double) })!, value), Go(targets[targets.Count - 1])));
        }

        var classCount = (2 * points.Count) + 1;
        if (Form(node.Id) == NodeForm.WalkedRange)
        {
            // Few points: the classes in order, one comparison per run of classes leading to the same node.
            foreach (var run in Lowerer.WalkedRuns(targets, points.Count))
            {
                if (!run.Bound)
                {
                    body.Add(Go(run.Target));
                    break;
                }

                var bound = KeyConstant(points[run.Point], field);
                body.Add(Expression.IfThen(run.Inclusive ? Expression.LessThanOrEqual(value, bound) : Expression.LessThan(value, bound), Go(run.Target)));
            }
        }
        else
        {
            var table = Array.CreateInstance(value.Type, points.Count);
            for (var i = 0; i < points.Count; i++)
            {
                table.SetValue(KeyConstant(points[i], field).Value, i);
            }

            var range = Expression.Call(typeof(LoadedKernels).GetMethod(nameof(LoadedKernels.RangeClass))!.MakeGenericMethod(value.Type), Expression.Constant(table), value);
            var groups = Lowerer.SwitchGroups(targets.Take(classCount).Select((t, c) => (Value.Int(c), t)), otherwise: -1);
            if (groups.Count > Lowerer.MaxBranchesPerMethod && _methods is not null)
            {
                // One case per class, split into part methods by class (generated code's EmitGroupSwitchByClass).
                body.Add(GroupSwitch(range, targets.Take(classCount).ToList(), "Node" + node.Id));
                return Expression.Block(new[] { value }, body);
            }

            body.Add(Expression.Switch(
                range,
                Go(groups[0].Target),
                groups.Skip(1).Select(group => Expression.SwitchCase(Go(group.Target), group.Keys.Select(key => Expression.Constant((int)key.Integer)))).ToArray()));
        }

        return Expression.Block(new[] { value }, body);
    }

    /// <summary>A leaf's candidates in rank order, every part's one after another; then its fallthrough node, or "none".</summary>
    private Expression LeafChecks(Leaf leaf)
    {
        var body = new List<Expression>();
        var parts = _lowered.Nodes[leaf.Id].Parts;
        if (parts.Count > 1 && _methods is not null)
        {
            // A long leaf: a method per part, called in turn (first-wins stops at the first part that decides).
            foreach (var part in parts)
            {
                body.Add(_collect ? PartCall<CollectRules<TInput>>(leaf, part) : PartCall<DecideRule<TInput>>(leaf, part));
            }

            body.Add(leaf.Fallthrough >= 0 ? Go(leaf.Fallthrough) : Take(-1));
            return Expression.Block(body);
        }

        foreach (var part in parts)
        {
            body.Add(PartChecks(leaf, part));
        }

        body.Add(leaf.Fallthrough >= 0 ? Go(leaf.Fallthrough) : Take(-1));
        return Expression.Block(body);
    }

    /// <summary>A leaf part compiled as its own method, and its call: first-wins goes on to the next part when it decides nothing.</summary>
    private Expression PartCall<T>(Leaf leaf, CandidateRange part)
        where T : Delegate
    {
        var method = Expression.Constant(Method<T>("Node" + leaf.Id + "Part" + part.First, () => new List<Expression> { PartChecks(leaf, part) }));
        if (_collect)
        {
            return Expression.Invoke(method, _input, _bits);
        }

        var decided = Expression.Variable(typeof(int), "decided");
        return Expression.Block(
            new[] { decided },
            Expression.Assign(decided, Expression.Invoke(method, _input)),
            Expression.IfThen(Expression.GreaterThanOrEqual(decided, Expression.Constant(0)), Expression.Block(Expression.Assign(_rule, decided), Expression.Goto(_end))));
    }

    /// <summary>A leaf part's candidates in rank order.</summary>
    private Expression PartChecks(Leaf leaf, CandidateRange part)
    {
        {
            // As generated code's part methods: hoisted string inputs read once into locals, and each automaton the
            // part asks twice or more scanned once, when first asked, for all its patterns.
            var checks = new List<Expression>();
            foreach (var field in part.Hoisted.Select(index => _model.Inputs[index]))
            {
                var local = Expression.Variable(typeof(string), field.PropertyName + "Text");
                checks.Add(Expression.Assign(local, Key(field)));
                _hoisted.Add(field.Index, local);
            }

            foreach (var automaton in part.Scans)
            {
                var scan = (Scanned: Expression.Variable(typeof(bool), "scanned" + automaton), Bits: Expression.Variable(typeof(ulong), "matched" + automaton));
                checks.Add(Expression.Assign(scan.Scanned, Expression.Constant(false)));
                _scans.Add(automaton, scan);
            }

            foreach (var candidate in leaf.Candidates.Skip(part.First).Take(part.Count))
            {
                var take = _collect ? SetBit(candidate.Rule) : Take(candidate.Rule);
                if (candidate.Check is null)
                {
                    checks.Add(take);
                    if (!_collect)
                    {
                        // The rest of the part is not reached (generated code returns here); the next part is.
                        break;
                    }

                    continue;
                }

                checks.Add(Expression.IfThen(Condition(candidate.Check), take));
            }

            var locals = _hoisted.Values.Concat(_scans.Values.SelectMany(scan => new[] { scan.Scanned, scan.Bits })).ToList();
            _hoisted.Clear();
            _scans.Clear();
            checks.Add(Expression.Empty());
            return locals.Count == 0 ? Expression.Block(checks) : Expression.Block(locals, checks);
        }
    }

    private Expression SetBit(int rule)
    {
        var word = Expression.ArrayAccess(_bits, Expression.Constant(rule >> 6));
        return Expression.OrAssign(word, Expression.Constant(1UL << (rule & 63)));
    }

    // ---------------------------------------------------------------- conditions

    /// <summary>A condition as a boolean expression over the input, as <c>CSharpEmitter.Expression</c> writes it.</summary>
    private Expression Condition(Condition condition) => condition switch
    {
        AllCondition { Items.Count: 0 } => Expression.Constant(true),
        AllCondition all => all.Items.Select(Condition).Aggregate(Expression.AndAlso),
        AnyCondition any => any.Items.Select(Condition).Aggregate(Expression.OrElse),
        NotCondition not => Expression.Not(Condition(not.Operand)),
        TestCondition test => Test(test),
        _ => throw new ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition)),
    };

    private Expression Test(TestCondition test)
    {
        // A negation (ne, not-in, not-contains) is "not" its positive, whatever the operator.
        if (test.Operator.Info().Positive(test) is { } positive)
        {
            return Expression.Not(Test(positive));
        }

        var field = _model.Inputs[test.Field];
        var comparison = Expression.Constant(test.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        Expression Literal(Value v) => KeyConstant(v, field);
        switch (test.Operator)
        {
            case TestOperator.Eq:
                return Equal(field, test.Operands[0], test.IgnoreCase);
            case TestOperator.In:
                return test.Operands.Select(o => Equal(field, o, test.IgnoreCase)).Aggregate(Expression.OrElse);
            case TestOperator.Lt:
                return Expression.LessThan(Key(field), Literal(test.Operands[0]));
            case TestOperator.Lte:
                return Expression.LessThanOrEqual(Key(field), Literal(test.Operands[0]));
            case TestOperator.Gt:
                return Expression.GreaterThan(Key(field), Literal(test.Operands[0]));
            case TestOperator.Gte:
                return Expression.GreaterThanOrEqual(Key(field), Literal(test.Operands[0]));
            case TestOperator.Between:
                return Window(Key(field), Literal(test.Operands[0]), Literal(test.Operands[1]), wraps: test.Operands[0].CompareNumber(test.Operands[1]) > 0);
            case TestOperator.Weekday:
                // A bit per weekday, DayOfWeek's numbering (Sunday 0), on the value's own clock.
                var mask = test.Operands.Aggregate(0, (bits, day) => bits | (1 << (int)day.Integer));
                var day = Expression.Convert(Expression.Property(Read(field), nameof(DateTime.DayOfWeek)), typeof(int));
                return Expression.NotEqual(Expression.And(Expression.RightShift(Expression.Constant(mask), day), Expression.Constant(1)), Expression.Constant(0));
            case TestOperator.TimeBetween:
                var (lo, hi) = (test.Operands[0].Integer, test.Operands[1].Integer);
                var ticks = Expression.Property(Expression.Property(Read(field), nameof(DateTimeOffset.TimeOfDay)), nameof(TimeSpan.Ticks));
                return Window(ticks, Expression.Constant(lo), Expression.Constant(hi), wraps: lo > hi);
            case TestOperator.Prefix:
                return StringCall(nameof(string.StartsWith), Key(field), Literal(test.Operands[0]), comparison);
            case TestOperator.Suffix:
                return StringCall(nameof(string.EndsWith), Key(field), Literal(test.Operands[0]), comparison);
            case TestOperator.Contains:
                return StringCall(nameof(string.Contains), Key(field), Literal(test.Operands[0]), comparison);
            case TestOperator.Glob when Lowerer.LiteralGlob(test) is { } form:
                return LiteralGlob(Key(field), form);
            case TestOperator.Glob:
                return Kernel(nameof(LoadedKernels.Glob), Pattern("glob", test, () => new GlobPattern(test.Operands[0].AsString, test.IgnoreCase)), Key(field));
            case TestOperator.Regex when _lowered.AutomatonOf(test.Field, new(test.Operands[0].AsString, test.IgnoreCase)) is var (automaton, bit):
                if (_scans.TryGetValue(automaton, out var scan))
                {
                    // (scanned ? matched : (matched = Matches(table, text), scanned = true, matched)) >> bit & 1
                    var matched = Expression.Condition(scan.Scanned, scan.Bits, Expression.Block(
                        Expression.Assign(scan.Bits, Kernel(nameof(LoadedKernels.Matches), Table(automaton), Key(field))),
                        Expression.Assign(scan.Scanned, Expression.Constant(true)),
                        scan.Bits));
                    return Expression.NotEqual(Expression.And(Expression.RightShift(matched, Expression.Constant(bit)), Expression.Constant(1UL)), Expression.Constant(0UL));
                }

                return Kernel(nameof(LoadedKernels.Automaton), Table(automaton), Key(field), Expression.Constant(bit));
            case TestOperator.Regex:
                return Kernel(nameof(LoadedKernels.Regex), Pattern("regex", test, () => new RuleRegex(test.Operands[0].AsString, test.IgnoreCase)), Key(field));
            case TestOperator.ListContains:
                return Kernel(nameof(LoadedKernels.ListContains), Key(field), Literal(test.Operands[0]), comparison);
            case TestOperator.ContainsAny:
                return Kernel(nameof(LoadedKernels.ContainsAny), Key(field), StringSet(test), comparison);
            case TestOperator.ContainsAll:
                return Kernel(nameof(LoadedKernels.ContainsAll), Key(field), StringSet(test), comparison);
            case TestOperator.Empty:
                var count = Kernel(nameof(LoadedKernels.Count), Read(field));
                return test.Operands[0].AsBool ? Expression.Equal(count, Expression.Constant(0)) : Expression.NotEqual(count, Expression.Constant(0));
            case TestOperator.HasKey:
                return Expression.NotEqual(Read(field), Expression.Constant(null, typeof(string)));
            case TestOperator.Ne:
            case TestOperator.NotIn:
            case TestOperator.NotContains:
            case TestOperator.ListNotContains:
                throw new InvalidOperationException(test.Operator + " is a negation; its positive is compiled");
            default:
                throw new ArgumentOutOfRangeException(nameof(test), test.Operator, "unknown operator");
        }
    }

    private Expression Equal(FieldModel field, Value operand, bool ignoreCase)
    {
        var value = Key(field);
        return field.Type switch
        {
            FieldType.String when ignoreCase => Expression.Call(s_stringEqualsComparison, value, KeyConstant(operand, field), Expression.Constant(StringComparison.OrdinalIgnoreCase)),
            FieldType.String => Expression.Call(s_stringEquals, value, KeyConstant(operand, field)),
            FieldType.Bool => operand.AsBool ? value : Expression.Not(value),
            FieldType.Int or FieldType.Long or FieldType.Decimal or FieldType.Double or FieldType.Enum
                or FieldType.Date or FieldType.DateTime or FieldType.Time or FieldType.Duration => Expression.Equal(value, KeyConstant(operand, field)),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no equality test for this type"),
        };
    }

    /// <summary>lo ≤ value ≤ hi; or, for a window that wraps around (lo &gt; hi), value ≥ lo or value ≤ hi.</summary>
    private static Expression Window(Expression value, Expression lo, Expression hi, bool wraps) => wraps
        ? Expression.OrElse(Expression.GreaterThanOrEqual(value, lo), Expression.LessThanOrEqual(value, hi))
        : Expression.AndAlso(Expression.GreaterThanOrEqual(value, lo), Expression.LessThanOrEqual(value, hi));

    /// <summary>A glob that plain-text tests decide, as those tests (as generated code writes it).</summary>
    private static Expression LiteralGlob(Expression value, GlobLiteralForm form)
    {
        var ordinal = Expression.Constant(StringComparison.Ordinal);
        var first = Expression.Constant(form.First);
        return form.Kind switch
        {
            GlobLiteralKind.Exact => Expression.Call(s_stringEquals, value, first),
            GlobLiteralKind.Prefix => StringCall(nameof(string.StartsWith), value, first, ordinal),
            GlobLiteralKind.Suffix => StringCall(nameof(string.EndsWith), value, first, ordinal),
            GlobLiteralKind.Contains => StringCall(nameof(string.Contains), value, first, ordinal),
            _ => Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.Property(value, nameof(string.Length)), Expression.Constant(form.First.Length + form.Second.Length)),
                Expression.AndAlso(StringCall(nameof(string.StartsWith), value, first, ordinal), StringCall(nameof(string.EndsWith), value, Expression.Constant(form.Second), ordinal))),
        };
    }

    private static Expression StringCall(string name, Expression value, Expression operand, Expression comparison) =>
        Expression.Call(value, typeof(string).GetMethod(name, new[] { typeof(string), typeof(StringComparison) })!, operand, comparison);

    private static Expression Kernel(string name, params Expression[] arguments) =>
        Expression.Call(typeof(LoadedKernels).GetMethod(name, arguments.Select(a => a.Type).ToArray())!, arguments);

    /// <summary>A pattern object shared by every test that uses it (the lowering's pattern members, built once per load).</summary>
    private Expression Pattern(string kind, TestCondition test, Func<object> create)
    {
        var key = kind + (test.IgnoreCase ? "/i:" : ":") + test.Operands[0].AsString;
        if (!_patterns.TryGetValue(key, out var pattern))
        {
            _patterns.Add(key, pattern = create());
        }

        return Expression.Constant(pattern);
    }

    /// <summary>An automaton's table, copied once from the lowering.</summary>
    private Expression Table(int automaton)
    {
        if (!_automata.TryGetValue(automaton, out var table))
        {
            _automata.Add(automaton, table = _lowered.Automata[automaton].Table.ToArray());
        }

        return Expression.Constant(table);
    }

    private Expression StringSet(TestCondition test)
    {
        var key = "set:" + Lowerer.StringSetKey(test);
        if (!_patterns.TryGetValue(key, out var set))
        {
            _patterns.Add(key, set = test.Operands.Select(o => o.AsString).ToArray());
        }

        return Expression.Constant(set, typeof(string[]));
    }

    // ---------------------------------------------------------------- input values

    /// <summary>An input value as declared (a map key: its value looked up once per evaluation where the plan reads it).</summary>
    private Expression Read(FieldModel field) => _mapKeys.TryGetValue(field.Index, out var local) ? local : _access.Read(field, _input);

    /// <summary>An input value as tests compare it: a null string as "", a date as its day number, the time types as ticks.</summary>
    private Expression Key(FieldModel field) => field.Type switch
    {
        FieldType.String when _hoisted.TryGetValue(field.Index, out var local) => local,
        FieldType.String => Expression.Coalesce(Read(field), Expression.Constant(string.Empty)),
        FieldType.Date => Expression.Property(Read(field), nameof(DateOnly.DayNumber)),
        FieldType.DateTime => Expression.Property(Read(field), nameof(DateTimeOffset.UtcTicks)),
        FieldType.Time or FieldType.Duration => Expression.Property(Read(field), nameof(TimeSpan.Ticks)),
        FieldType.Int or FieldType.Long or FieldType.Decimal or FieldType.Double or FieldType.Bool or FieldType.Enum or FieldType.StringList => Read(field),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no read for this field type"),
    };

    /// <summary>A literal as tests compare it (<see cref="Key"/>); a string-list's operand is a string.</summary>
    private static ConstantExpression KeyConstant(Value value, FieldModel field) => value.Type switch
    {
        FieldType.String or FieldType.StringList => Expression.Constant(value.AsString),
        FieldType.Int or FieldType.Enum or FieldType.Date => Expression.Constant((int)value.Integer),
        FieldType.Long or FieldType.DateTime or FieldType.Time or FieldType.Duration => Expression.Constant(value.Integer),
        FieldType.Decimal => Expression.Constant(value.Decimal),
        FieldType.Double => Expression.Constant(value.Real),
        FieldType.Bool => Expression.Constant(value.AsBool),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, $"no literal of this type for {field.Name}"),
    };

    // ---------------------------------------------------------------- the distinct tests (Explain, data nodes)

    /// <summary>
    /// The distinct tests, compiled when first asked (by Explain, or by a plan node written as data), a part of them at
    /// a time: compiling them all took most of a load (expression trees compile at some 40 µs a node; 10,632 tests of
    /// a 10,000-rule set, 2.1 s), and a rule set no one explains never needs them.
    /// </summary>
    private ConditionTestSet<TInput> CompileTests()
    {
        var program = _lowered.Conditions;
        var starts = program.TestParts.Count == 0 ? new[] { 0 } : program.TestParts.ToArray();
        return new ConditionTestSet<TInput>(program, starts, part => CompileTestPart(program, starts, part), CompileActual, CompileOrdinal, _compiling);
    }

    private HoldsTest<TInput> CompileTestPart(ConditionProgram program, int[] starts, int part)
    {
        var test = Expression.Parameter(typeof(int), "test");
        var end = part + 1 < starts.Length ? starts[part + 1] : program.Tests.Count;
        var cases = Enumerable.Range(starts[part], end - starts[part])
            .Select(k => Expression.SwitchCase(Condition(program.Tests[k]), Expression.Constant(k)))
            .ToArray();
        var body = cases.Length == 0 ? (Expression)Expression.Constant(false) : Expression.Switch(typeof(bool), test, OutOfRange(test, typeof(bool)), null, cases);
        return Expression.Lambda<HoldsTest<TInput>>(body, "Holds" + part, new[] { test, _input }).Compile();
    }

    private FieldValue<TInput, string> CompileActual()
    {
        var field = Expression.Parameter(typeof(int), "field");
        var read = _lowered.Conditions.Tests.Select(t => t.Field).Distinct().OrderBy(f => f).Select(f => _model.Inputs[f]).ToList();
        return Expression.Lambda<FieldValue<TInput, string>>(
            read.Count == 0 ? Expression.Constant(string.Empty) : Expression.Switch(typeof(string), field, OutOfRange(field, typeof(string)), null, read.Select(f => Expression.SwitchCase(Yaml(f), Expression.Constant(f.Index))).ToArray()),
            "Actual",
            new[] { field, _input }).Compile();
    }

    private FieldValue<TInput, int> CompileOrdinal()
    {
        var field = Expression.Parameter(typeof(int), "field");
        var switched = _model.Inputs.Where(f => f.Type is FieldType.Enum or FieldType.Bool).ToList();
        return Expression.Lambda<FieldValue<TInput, int>>(
            switched.Count == 0 ? Expression.Constant(0) : Expression.Switch(typeof(int), field, OutOfRange(field, typeof(int)), null, switched.Select(f => Expression.SwitchCase(
                f.Type == FieldType.Bool ? Expression.Condition(Read(f), Expression.Constant(1), Expression.Constant(0)) : Read(f),
                Expression.Constant(f.Index))).ToArray()),
            "Ordinal",
            new[] { field, _input }).Compile();
    }

    /// <summary>An input value as Explain shows it (<see cref="RuleYaml"/>; an enum by its declared name).</summary>
    private Expression Yaml(FieldModel field)
    {
        if (field.Type == FieldType.Enum)
        {
            var names = field.EnumValues.Select(RuleCompiler.Text.YamlScalars.String).ToArray();
            return Expression.Call(typeof(LoadedKernels).GetMethod(nameof(LoadedKernels.EnumYaml))!, Read(field), Expression.Constant(names));
        }

        var value = Read(field);
        return Expression.Call(typeof(RuleYaml).GetMethod(nameof(RuleYaml.Format), new[] { value.Type })!, value);
    }

    private static Expression OutOfRange(ParameterExpression argument, Type type) =>
        Expression.Throw(Expression.New(typeof(ArgumentOutOfRangeException).GetConstructor(new[] { typeof(string) })!, Expression.Constant(argument.Name)), type);

    // ---------------------------------------------------------------- computed outputs (§10)

    private OutputOf<TInput, TOutput> CompileOutputOf(TOutput[] rows, TOutput noMatch)
    {
        var rule = Expression.Parameter(typeof(int), "rule");
        var cases = new List<SwitchCase>();
        foreach (var model in _model.Rules.Where(r => r.Then.Any(value => value.IsComputed)))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            cases.Add(Expression.SwitchCase(_outputs.With(Expression.Constant(rows[model.Index], typeof(TOutput)), Computed(model.Then)), Expression.Constant(model.Index)));
        }

        var none = _model.NoMatchOutputs;
        cases.Add(Expression.SwitchCase(
            none.Any(value => value.IsComputed) ? _outputs.With(Expression.Constant(noMatch, typeof(TOutput)), Computed(none)) : Expression.Constant(noMatch, typeof(TOutput)),
            Expression.Constant(-1)));
        var body = Expression.Switch(typeof(TOutput), rule, Expression.ArrayIndex(Expression.Constant(rows), rule), null, cases);
        return Expression.Lambda<OutputOf<TInput, TOutput>>(body, "OutputOf", new[] { rule, _input }).Compile();
    }

    private List<(FieldModel Output, Expression Value)> Computed(IReadOnlyList<OutputValue> values) => _model.Outputs
        .Where(output => values[output.Index].IsComputed)
        .Select(output => (output, Computation(output, values[output.Index].Computed!)))
        .ToList();

    private Expression Computation(FieldModel output, ComputedValue computed)
    {
        switch (computed)
        {
            case ExpressionValue expression:
                // As generated code: int and long outputs computed in a checked context, the others not.
                var isChecked = output.Type is FieldType.Int or FieldType.Long;
                var body = Arithmetic(expression.Root, expression.Domain, isChecked);
                var type = _outputs.TypeOf(output);
                return body.Type == type ? body : isChecked ? Expression.ConvertChecked(body, type) : Expression.Convert(body, type);
            case TemplateValue template when !template.Parts.Any(part => part.IsInput):
                return Expression.Constant(string.Concat(template.Parts.Select(part => part.Literal)));
            case TemplateValue template:
                var parts = template.Parts.Select(part => part.IsInput ? TemplateText(_model.Inputs[part.Field]) : Expression.Constant(part.Literal)).ToArray();
                return Expression.Call(typeof(string).GetMethod(nameof(string.Concat), new[] { typeof(string[]) })!, Expression.NewArrayInit(typeof(string), parts));
            default:
                throw new ArgumentException("unknown computation " + computed.GetType().Name, nameof(computed));
        }
    }

    /// <summary>A template's input value as text, as generated code appends it (<see cref="RuleTemplate"/>).</summary>
    private Expression TemplateText(FieldModel field)
    {
        var value = Read(field);
        return field.Type == FieldType.Enum
            ? Expression.Call(typeof(LoadedKernels).GetMethod(nameof(LoadedKernels.EnumText))!, value, Expression.Constant(field.EnumValues.ToArray()))
            : Expression.Call(typeof(LoadedKernels).GetMethod(nameof(LoadedKernels.Text), new[] { value.Type })!, value);
    }

    /// <summary>An expression in its domain (checked long, decimal or double), as <c>CSharpEmitter.Expression</c> writes it.</summary>
    private Expression Arithmetic(Expr expr, NumberDomain domain, bool isChecked)
    {
        var type = domain switch { NumberDomain.Integer => typeof(long), NumberDomain.Decimal => typeof(decimal), _ => typeof(double) };
        switch (expr)
        {
            case NumberExpr number:
                return domain switch
                {
                    NumberDomain.Integer => Expression.Constant(number.Value.Integer),
                    NumberDomain.Decimal => Expression.Constant(number.Value.Decimal),
                    _ => Expression.Constant(number.Value.Real),
                };
            case InputExpr read:
                var value = Read(_model.Inputs[read.Field]);
                return value.Type == type ? value : isChecked ? Expression.ConvertChecked(value, type) : Expression.Convert(value, type);
            case NegateExpr negate:
                var operand = Arithmetic(negate.Operand, domain, isChecked);
                return isChecked && domain == NumberDomain.Integer ? Expression.NegateChecked(operand) : Expression.Negate(operand);
            case BinaryExpr binary:
                var (left, right) = (Arithmetic(binary.Left, domain, isChecked), Arithmetic(binary.Right, domain, isChecked));
                var integerChecked = isChecked && domain == NumberDomain.Integer;
                return binary.Operator switch
                {
                    '+' => integerChecked ? Expression.AddChecked(left, right) : Expression.Add(left, right),
                    '-' => integerChecked ? Expression.SubtractChecked(left, right) : Expression.Subtract(left, right),
                    '*' => integerChecked ? Expression.MultiplyChecked(left, right) : Expression.Multiply(left, right),
                    '/' => Expression.Divide(left, right),
                    _ => throw new ArgumentException("unknown operator " + binary.Operator, nameof(expr)),
                };
            case RoundExpr round:
                var rounded = Arithmetic(round.Operand, domain, isChecked);
                return domain == NumberDomain.Integer
                    ? rounded
                    : Expression.Call(typeof(Math).GetMethod(nameof(Math.Round), new[] { type, typeof(int), typeof(MidpointRounding) })!, rounded, Expression.Constant(round.Digits), Expression.Constant(MidpointRounding.AwayFromZero));
            case CallExpr call:
                var arguments = call.Arguments.Select(argument => Arithmetic(argument, domain, isChecked)).ToList();
                MethodInfo Math1(string name) => typeof(Math).GetMethod(name, new[] { type })!;
                MethodInfo Math2(string name) => typeof(Math).GetMethod(name, new[] { type, type })!;
                return call.Function switch
                {
                    ExprFunction.Min or ExprFunction.Max => arguments.Skip(1).Aggregate(arguments[0], (acc, next) => Expression.Call(Math2(call.Function.ToString()), acc, next)),
                    ExprFunction.Abs => Expression.Call(Math1(nameof(Math.Abs)), arguments[0]),
                    ExprFunction.Floor or ExprFunction.Ceiling when domain == NumberDomain.Integer => arguments[0],
                    ExprFunction.Floor or ExprFunction.Ceiling => Expression.Call(Math1(call.Function.ToString()), arguments[0]),
                    _ => throw new ArgumentException("unknown function " + call.Function, nameof(expr)),
                };
            default:
                throw new ArgumentException("unknown expression " + expr.GetType().Name, nameof(expr));
        }
    }
}
