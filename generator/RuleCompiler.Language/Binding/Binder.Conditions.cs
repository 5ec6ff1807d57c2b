using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

// Conditions (spec §5): field tests, all / any / not, operator mappings and their shorthands.
public sealed partial class Binder
{
    private Condition? BindCondition(YamlNode node, string what)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (Mapping(node, what, "a mapping of field tests and all / any / not") is not { } map)
        {
            return null;
        }

        var items = new List<Condition>();
        var ok = true;
        foreach (var entry in map.Entries)
        {
            var condition = entry.Key.Value switch
            {
                "all" => BindJunction(entry.Value, "'all'", all: true),
                "any" => BindJunction(entry.Value, "'any'", all: false) is AnyCondition any ? any with { Span = entry.Key.Span } : null,
                "not" => BindCondition(entry.Value, "'not'") is { } operand ? new NotCondition(operand) { Span = entry.Key.Span } : null,
                _ => BindFieldTest(entry.Key, entry.Value),
            };
            if (condition is null)
            {
                ok = false;
            }
            else
            {
                items.Add(condition);
            }
        }

        return !ok ? null : items.Count == 1 ? items[0] : new AllCondition(items.ToEquatableArray());
    }

    private Condition? BindJunction(YamlNode node, string what, bool all)
    {
        if (Sequence(node, what, "a sequence of conditions") is not { } sequence)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            Report(DiagnosticCatalog.EmptySequence.At(sequence.Span, what));
            return null;
        }

        var items = new List<Condition>();
        foreach (var item in sequence.Items)
        {
            if (BindCondition(item, $"An item of {what}") is { } condition)
            {
                items.Add(condition);
            }
        }

        if (items.Count != sequence.Items.Count)
        {
            return null;
        }

        return all ? new AllCondition(items.ToEquatableArray()) : new AnyCondition(items.ToEquatableArray());
    }

    private Condition? BindFieldTest(YamlScalar key, YamlNode testNode)
    {
        var (field, container) = ResolvePath(key.Value);
        if (container is { Kind: InputKind.Map } && testNode is YamlMapping keyTests)
        {
            return BindKeyTests(container, key, keyTests);
        }

        if (field is null)
        {
            if (container is not null)
            {
                Report(DiagnosticCatalog.NotAValue.At(key.Span, key.Value, WholeContainer(container)));
            }
            else if (!_brokenInputs.Contains(key.Value))
            {
                Report(DiagnosticCatalog.UnknownInput.At(key.Span, key.Value, DeclaredNames));
            }

            return null;
        }

        switch (testNode)
        {
            case YamlScalar scalar:
                if (field.Type.Info().Kind == ValueKind.TextList)
                {
                    Report(DiagnosticCatalog.ShorthandOnList.At(scalar.Span, field.Name));
                    return null;
                }

                return Literal(scalar, field, field.Type) is { } value
                    ? new TestCondition(field.Index, TestOperator.Eq, EquatableArray.Create(value), false, scalar.Span)
                    : null;
            case YamlSequence sequence:
                if (field.Type.Info().Kind == ValueKind.TextList)
                {
                    Report(DiagnosticCatalog.ShorthandOnList.At(sequence.Span, field.Name));
                    return null;
                }

                return LiteralList(sequence, field, $"The values of '{field.Name}'") is { } values
                    ? new TestCondition(field.Index, TestOperator.In, values, false, sequence.Span)
                    : null;
            default:
                return BindOperators(field, (YamlMapping)testNode);
        }
    }

    /// <summary>
    /// <c>MAP: { has-key: KEY }</c> and <c>MAP: { has-any-key: [K1, K2] }</c> (§11): presence tests on the keys' leaves,
    /// all of which must hold (has-any-key: any of its keys).
    /// </summary>
    private Condition? BindKeyTests(InputDeclaration map, YamlScalar key, YamlMapping tests)
    {
        if (tests.Entries.Count == 0)
        {
            Report(DiagnosticCatalog.EmptySequence.At(tests.Span, $"The test on '{map.Name}'"));
            return null;
        }

        var conditions = new List<Condition>();
        foreach (var entry in tests.Entries)
        {
            var hasKey = TestOperator.HasKey.YamlName();
            var keys = entry.Key.Value switch
            {
                _ when entry.Key.Value == hasKey => Scalar(entry.Value, $"'{hasKey}'") is { } one ? new List<YamlScalar?> { one } : null,
                Operators.HasAnyKey => Sequence(entry.Value, $"'{Operators.HasAnyKey}'", "a sequence of keys such as [CI, GITHUB_ACTIONS]") is { } many
                    ? many.Items.Select(item => Scalar(item, $"A key of '{Operators.HasAnyKey}'")).ToList()
                    : null,
                _ => null,
            };
            if (keys is null)
            {
                if (entry.Key.Value != hasKey && entry.Key.Value != Operators.HasAnyKey)
                {
                    Report(DiagnosticCatalog.UnknownOperator.At(entry.Key.Span, entry.Key.Value, map.Name, "map", $"{hasKey}, {Operators.HasAnyKey} (test a key's value with {map.Name}.KEY: ...)"));
                }

                return null;
            }

            if (keys.Count == 0)
            {
                Report(DiagnosticCatalog.EmptySequence.At(entry.Value.Span, $"'{Operators.HasAnyKey}'"));
                return null;
            }

            if (keys.Any(k => k is null))
            {
                return null;
            }

            var presence = keys.Select(k => (Condition)new TestCondition(MapKey(map, k!.Value).Index, TestOperator.HasKey, EquatableArray.Create(Value.String(k.Value)), false, k.Span)).ToList();
            conditions.Add(presence.Count == 1 ? presence[0] : new AnyCondition(presence.ToEquatableArray()));
        }

        return conditions.Count == 1 ? conditions[0] : new AllCondition(conditions.ToEquatableArray());
    }

    private Condition? BindOperators(FieldModel field, YamlMapping map)
    {
        var type = field.Type.Info();
        if (map.Entries.Count == 0)
        {
            Report(DiagnosticCatalog.EmptySequence.At(map.Span, $"The test on '{field.Name}'"));
            return null;
        }

        var ignoreCase = false;
        var ok = true;
        var operators = new List<(OperatorInfo Info, KeyValuePair<YamlScalar, YamlNode> Entry)>();
        foreach (var entry in map.Entries)
        {
            if (entry.Key.Value == Operators.IgnoreCase && type.HasText)
            {
                var flag = Literal(entry.Value, field, FieldType.Bool, Operators.IgnoreCase);
                ok &= flag is not null;
                ignoreCase = flag?.AsBool ?? false;
            }
            else if (Operators.Find(entry.Key.Value, type) is { } info)
            {
                operators.Add((info, entry));
            }
            else if (Keywords.Lookup(Keywords.ListOperators, entry.Key.Value) is { } target && Operators.Find(target.YamlName(), type) is { } listInfo)
            {
                var values = ListValues(entry.Value, entry.Key.Value);
                ok &= values is not null;
                if (values is not null)
                {
                    operators.Add((listInfo, new KeyValuePair<YamlScalar, YamlNode>(entry.Key, values)));
                }
            }
            else
            {
                Report(DiagnosticCatalog.UnknownOperator.At(entry.Key.Span, entry.Key.Value, field.Name, field.Type.YamlName(), string.Join(", ", Operators.KeysFor(type))));
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var tests = new List<TestCondition>();
        foreach (var (info, entry) in operators)
        {
            if (BindOperator(field, info, entry.Key, entry.Value, ignoreCase) is { } test)
            {
                tests.Add(test);
            }
            else
            {
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        if (tests.Count == 0)
        {
            Report(DiagnosticCatalog.EmptySequence.At(map.Span, $"The test on '{field.Name}' (ignore-case alone tests nothing)"));
            return null;
        }

        // The tests of one mapping keep its place: the analysis reports a mapping that can never hold there (RC2018).
        tests = tests.Select(test => test with { Mapping = map.Span }).ToList();
        return tests.Count == 1 ? tests[0] : new AllCondition(tests.Cast<Condition>().ToEquatableArray());
    }

    /// <summary>
    /// The values of the list an <c>in-list</c> / <c>not-in-list</c> / <c>contains-any-of-list</c> names (§12), placed
    /// at the reference: a value of the wrong type for the field is an error there, where the list is used.
    /// </summary>
    private YamlSequence? ListValues(YamlNode reference, string key)
    {
        if (Scalar(reference, $"'{key}'") is not { } name)
        {
            return null;
        }

        if (!_lists.TryGetValue(name.Value, out var list))
        {
            var known = _lists.Count == 0 ? "this file has no 'lists' and imports none" : "the lists in scope are " + string.Join(", ", _lists.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            Report(DiagnosticCatalog.InvalidList.At(name.Span, $"No list named '{name.Value}' is in scope ({known}); declare it under 'lists:' or import the file that does"));
            return null;
        }

        var values = new YamlSequence(list.Items.Select(item => (YamlNode)new YamlScalar(((YamlScalar)item).Value, ((YamlScalar)item).IsPlain, name.Span)).ToList(), name.Span);
        _listReferences.Add(values);
        return values;
    }

    private TestCondition? BindOperator(FieldModel field, OperatorInfo info, YamlScalar key, YamlNode node, bool ignoreCase)
    {
        EquatableArray<Value>? operands;
        switch (info.Operand)
        {
            case OperandShape.List:
                operands = Sequence(node, $"'{key.Value}'", "a sequence of values") is { } sequence
                    ? LiteralList(sequence, field, $"'{key.Value}' on '{field.Name}'")
                    : null;
                break;
            case OperandShape.Range:
                operands = BindBetween(field, node);
                break;
            case OperandShape.Flag:
                operands = Literal(node, field, FieldType.Bool, key.Value) is { } flag ? EquatableArray.Create(flag) : null;
                break;
            case OperandShape.Weekdays:
                operands = BindWeekdays(node, key.Value);
                break;
            case OperandShape.TimeWindow:
                operands = BindBetween(field, node, FieldTypes.Time);
                break;
            case OperandShape.One:
                operands = Literal(node, field, field.Type) is { } value ? EquatableArray.Create(value) : null;
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(info), info.Operand, "unknown operand shape");
        }

        if (operands is null)
        {
            return null;
        }

        var pattern = operands.Value[0].AsString;
        if (info.Operator == TestOperator.Regex && LinearRegex.Validate(pattern) is { } problem)
        {
            Report(problem.NeedsBacktracking
                ? DiagnosticCatalog.BacktrackingRegex.At(node.Span, pattern, problem.Reason)
                : DiagnosticCatalog.InvalidRegex.At(node.Span, pattern, problem.Reason));
            return null;
        }

        if (info.Operator == TestOperator.Glob && GlobMatcher.Tokenize(pattern) is null)
        {
            Report(DiagnosticCatalog.InvalidGlob.At(node.Span, pattern));
            return null;
        }

        return new TestCondition(field.Index, info.Operator, operands.Value, ignoreCase, node.Span);
    }

    private EquatableArray<Value>? BindWeekdays(YamlNode node, string key)
    {
        if (Sequence(node, $"'{key}'", "a sequence of weekdays such as [mon, tue]") is not { } sequence)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            Report(DiagnosticCatalog.EmptySequence.At(sequence.Span, $"'{key}'"));
            return null;
        }

        var days = new List<Value>();
        foreach (var item in sequence.Items)
        {
            if (Scalar(item, $"A weekday of '{key}'") is not { } scalar)
            {
                continue;
            }

            if (Temporal.ReadWeekday(scalar.Value) is { } day)
            {
                days.Add(Value.Int(day));
            }
            else
            {
                Report(DiagnosticCatalog.InvalidLiteral.At(scalar.Span, scalar.Value, "weekday", key, "the weekdays are " + string.Join(", ", Temporal.Weekdays.Skip(1).Append(Temporal.Weekdays[0]))));
            }
        }

        return days.Count == sequence.Items.Count ? days.ToEquatableArray() : null;
    }

    private EquatableArray<Value>? BindBetween(FieldModel field, YamlNode node, FieldTypeInfo? operandType = null)
    {
        var type = operandType ?? field.Type.Info();
        if (node is not YamlSequence { Items.Count: 2 } pair)
        {
            Report(DiagnosticCatalog.InvalidBetween.At(node.Span, node is YamlSequence s ? $"{s.Items.Count} values" : "a single value"));
            return null;
        }

        var lo = Literal(pair.Items[0], field, type.Type);
        var hi = Literal(pair.Items[1], field, type.Type);
        if (lo is null || hi is null)
        {
            return null;
        }

        // A window of a type that wraps around (a time of day) may cross its end: [22:00, 06:00].
        if (lo.Value.CompareNumber(hi.Value) > 0 && !type.WrapsAround)
        {
            Report(DiagnosticCatalog.InvalidBetween.At(node.Span, $"[{lo.Value.ToYaml()}, {hi.Value.ToYaml()}], whose lo is above its hi"));
            return null;
        }

        return EquatableArray.Create(lo.Value, hi.Value);
    }

    private EquatableArray<Value>? LiteralList(YamlSequence sequence, FieldModel field, string what)
    {
        if (sequence.Items.Count == 0)
        {
            Report(DiagnosticCatalog.EmptySequence.At(sequence.Span, what));
            return null;
        }

        var values = new List<Value>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            if (Literal(item, field, field.Type) is { } value)
            {
                values.Add(value);
            }
            else if (_listReferences.Contains(sequence))
            {
                // A named list's values all stand at the reference: its first wrong value says enough there.
                return null;
            }
        }

        return values.Count == sequence.Items.Count ? values.ToEquatableArray() : null;
    }
}
