using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Conditions;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;

namespace RuleCompiler.Language.Lowering;

/// <summary>
/// Conditions as data (<see cref="ConditionCode"/>): each a few ints, its tests indexes of a table of distinct tests,
/// its texts pieces of one string. Explain walks rule i's condition from <see cref="Starts"/>[i] in the runtime
/// (<c>RuleConditions</c>), asking generated code only whether distinct test k holds for the input: one case per
/// distinct test, shared by every rule that tests the same thing, instead of a method per rule. In a large rule set
/// the plan's leaves and the enum switches above them are data too (<see cref="Nodes"/>), and the runtime walks them.
/// </summary>
/// <param name="Code">The conditions, one after another.</param>
/// <param name="Starts">Where each rule's condition starts in <see cref="Code"/>, in file order.</param>
/// <param name="Tests">The distinct tests (field, operator, operands, ignore-case), the first occurrence of each.</param>
/// <param name="TestRows">For each test, <see cref="ConditionCode.TestRowLength"/> ints (<see cref="ConditionCode"/>).</param>
/// <param name="Texts">The pieces of text the code and the test rows index.</param>
/// <param name="Nodes">
/// The plan's nodes written as data (<see cref="NodeForm.Data"/>; <see cref="ConditionCode.Leaf"/>,
/// <see cref="ConditionCode.Switch"/>), one after another; a leaf's checks are conditions in <see cref="Code"/>.
/// </param>
/// <param name="TestParts">
/// Where each part of the tests' code starts (the first is 0), cut so that no method outgrows what the JIT optimizes.
/// </param>
public sealed record ConditionProgram(
    EquatableArray<int> Code,
    EquatableArray<int> Starts,
    EquatableArray<TestCondition> Tests,
    EquatableArray<int> TestRows,
    EquatableArray<string> Texts,
    EquatableArray<int> Nodes,
    EquatableArray<int> TestParts)
{
    /// <summary>No conditions.</summary>
    public static ConditionProgram Empty { get; } = new(EquatableArray<int>.Empty, EquatableArray<int>.Empty, EquatableArray<TestCondition>.Empty, EquatableArray<int>.Empty, EquatableArray<string>.Empty, EquatableArray<int>.Empty, EquatableArray<int>.Empty);

    /// <summary>
    /// Every rule's condition, in file order; the tests' code cut into parts of at most <paramref name="maxTests"/>
    /// tests and <paramref name="maxBlocks"/> basic blocks by <paramref name="blocks"/>' estimate. Then the plan nodes
    /// <paramref name="dataNodes"/> (leaves, and switches on enum and bool inputs whose children are all data) and the
    /// nodes they lead to, each node's start in <see cref="Nodes"/> in <paramref name="nodeStarts"/>.
    /// </summary>
    public static ConditionProgram For(
        RuleSetModel model,
        Plan plan,
        ISet<int> dataNodes,
        System.Func<TestCondition, int> blocks,
        int maxTests,
        int maxBlocks,
        out Dictionary<int, int> nodeStarts)
    {
        // The nodes' checks first: the tests evaluation asks for get the first numbers and parts of their own, so that
        // the code it reaches (and the JIT compiles on a first decision) holds none of the tests only Explain asks for.
        var builder = new Builder(model.Inputs);
        var nodes = new List<int>();
        var written = new Dictionary<int, int>();
        foreach (var id in dataNodes.OrderBy(id => id))
        {
            WriteNode(plan.Nodes[id]);
        }

        nodeStarts = written;
        var evaluated = builder.Tests.Count;
        var starts = new int[model.Rules.Count];
        foreach (var rule in model.Rules)
        {
            starts[rule.Index] = builder.Code.Count;
            builder.Write(rule.When);
        }

        // Children first, so that a switch knows where they start; each node once, however many switches lead to it.
        int WriteNode(PlanNode node)
        {
            if (written.TryGetValue(node.Id, out var start))
            {
                return start;
            }

            switch (node)
            {
                case Leaf leaf:
                    start = nodes.Count;
                    nodes.Add(ConditionCode.Leaf);
                    nodes.Add(leaf.Candidates.Count);
                    foreach (var candidate in leaf.Candidates)
                    {
                        nodes.Add(candidate.Rule);
                        nodes.Add(candidate.Check is null ? -1 : builder.Code.Count);
                        if (candidate.Check is not null)
                        {
                            builder.Write(candidate.Check);
                        }
                    }

                    break;
                case DiscreteSwitch discrete:
                    var count = model.Inputs[discrete.Field].Type == FieldType.Bool ? 2 : model.Inputs[discrete.Field].EnumValues.Count;
                    var children = new int[count + 1];
                    for (var ordinal = 0; ordinal <= count; ordinal++)
                    {
                        var key = ordinal < count ? discrete.Keys.ToList().FindIndex(k => k.Integer == ordinal) : -1;
                        children[ordinal] = WriteNode(plan.Nodes[key >= 0 ? discrete.Targets[key] : discrete.Otherwise]);
                    }

                    start = nodes.Count;
                    nodes.Add(ConditionCode.Switch);
                    nodes.Add(discrete.Field);
                    nodes.Add(count);
                    nodes.AddRange(children);
                    break;
                default:
                    throw new System.ArgumentException($"plan node {node.Id} cannot be data", nameof(node));
            }

            written.Add(node.Id, start);
            return start;
        }

        var parts = new List<int>();
        var (count, total) = (0, 0);
        for (var test = 0; test < builder.Tests.Count; test++)
        {
            var cost = blocks(builder.Tests[test]);
            if (parts.Count == 0 || test == evaluated || count == maxTests || total + cost > maxBlocks)
            {
                parts.Add(test);
                (count, total) = (0, 0);
            }

            count++;
            total += cost;
        }

        return new ConditionProgram(
            new EquatableArray<int>(builder.Code.ToArray()),
            new EquatableArray<int>(starts),
            new EquatableArray<TestCondition>(builder.Tests.ToArray()),
            new EquatableArray<int>(builder.TestRows.ToArray()),
            new EquatableArray<string>(builder.Texts.ToArray()),
            new EquatableArray<int>(nodes.ToArray()),
            new EquatableArray<int>(parts.ToArray()));
    }

    private sealed class Builder
    {
        private readonly IReadOnlyList<FieldModel> _inputs;
        private readonly Dictionary<(TestCondition Test, string? Operand), int> _testIndexes = new();
        private readonly Dictionary<string, int> _textIndexes = new(System.StringComparer.Ordinal);

        public Builder(IReadOnlyList<FieldModel> inputs) => _inputs = inputs;

        public List<int> Code { get; } = new();

        public List<TestCondition> Tests { get; } = new();

        public List<int> TestRows { get; } = new();

        public List<string> Texts { get; } = new();

        public void Write(Condition condition)
        {
            switch (condition)
            {
                case TestCondition test:
                    Code.Add(ConditionCode.Test);
                    Code.Add(TestIndex(test));
                    Code.Add(test.Span.Line);
                    Code.Add(test.Span.Column);
                    break;
                case AllCondition all:
                    Code.Add(ConditionCode.All);
                    Code.Add(all.Items.Count);
                    WriteItems(all.Items);
                    break;
                case AnyCondition any:
                    Code.Add(ConditionCode.Any);
                    Code.Add(any.Items.Count);
                    var anyEnd = Reserve();
                    Code.Add(any.Span.Line);
                    Code.Add(any.Span.Column);
                    Code.Add(Text(Fields(any)));
                    foreach (var item in any.Items)
                    {
                        Write(item);
                    }

                    Code[anyEnd] = Code.Count;
                    break;
                case NotCondition not:
                    Code.Add(ConditionCode.Not);
                    var notEnd = Reserve();
                    Code.Add(not.Span.Line);
                    Code.Add(not.Span.Column);
                    Code.Add(Text(Fields(not.Operand)));
                    Code.Add(Text(ConditionYaml.Condition(not.Operand, _inputs)));
                    Write(not.Operand);
                    Code[notEnd] = Code.Count;
                    break;
                default:
                    throw new System.ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition));
            }
        }

        private void WriteItems(EquatableArray<Condition> items)
        {
            var end = Reserve();
            foreach (var item in items)
            {
                Write(item);
            }

            Code[end] = Code.Count;
        }

        private int Reserve()
        {
            Code.Add(0);
            return Code.Count - 1;
        }

        private int TestIndex(TestCondition test)
        {
            // The same test wherever it is written. Equal decimals and doubles may read differently (1.0, 1.00; 0, -0):
            // for them the operand's text is part of the key; other equal values read alike, and the text is written
            // once per distinct test (this runs on every compile, for every test).
            var field = _inputs[test.Field];
            var key = (test with { Span = default, Mapping = default }, field.Type is FieldType.Decimal or FieldType.Double ? ConditionYaml.Operand(test, field) : null);
            if (_testIndexes.TryGetValue(key, out var index))
            {
                return index;
            }

            var operand = key.Item2 ?? ConditionYaml.Operand(test, field);

            index = Tests.Count;
            _testIndexes.Add(key, index);
            Tests.Add(test);
            TestRows.Add(field.Index);
            TestRows.Add(Text(field.Name));
            TestRows.Add(Text(test.Operator.YamlName()));
            TestRows.Add(test.IgnoreCase ? 1 : 0);
            TestRows.Add(Text(operand));
            return index;
        }

        private int Text(string text)
        {
            if (!_textIndexes.TryGetValue(text, out var index))
            {
                index = Texts.Count;
                _textIndexes.Add(text, index);
                Texts.Add(text);
            }

            return index;
        }

        /// <summary>The input fields a condition reads, in file order, comma-separated.</summary>
        private string Fields(Condition condition) =>
            string.Join(", ", condition.Tests().Select(test => test.Field).Distinct().Select(field => _inputs[field].Name));
    }
}
