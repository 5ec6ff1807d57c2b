using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

// Rules (spec §4), output values for `then` and `default`, and the file's test cases (spec §7).
public sealed partial class Binder
{
    private List<RuleModel> BindRules(YamlMapping map)
    {
        var rules = new List<RuleModel>();
        if (Required(map, "rules", "The rule set") is not { } node || Sequence(node, "'rules'", "a sequence of rules") is not { } sequence)
        {
            return rules;
        }

        if (sequence.Items.Count == 0)
        {
            // Rules left empty by table rows that failed (reported by the compose stage) are not reported again.
            if (!_diagnostics.Any(d => d.Severity == Severity.Error))
            {
                Report(DiagnosticCatalog.EmptySequence.At(sequence.Span, "'rules'"));
            }

            return rules;
        }

        if (sequence.Items.Count > _options.MaxRules)
        {
            Report(DiagnosticCatalog.LimitExceeded.At(sequence.Span, "rule count", $"{_options.MaxRules} rules"));
            return rules;
        }

        var ids = new Dictionary<string, SourceSpan>(System.StringComparer.Ordinal);
        foreach (var item in sequence.Items)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (BindRule(item, rules.Count, ids) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private RuleModel? BindRule(YamlNode node, int index, Dictionary<string, SourceSpan> ids)
    {
        if (Mapping(node, "a rule", "a mapping with 'id', 'when' and 'then'") is not { } map)
        {
            return null;
        }

        CheckKeys(map, Keywords.Rule, "a rule");
        var idNode = RequiredScalar(map, "id", "A rule");
        var id = idNode?.Value;
        if (idNode is not null)
        {
            if (!Names.IsRuleId(idNode.Value))
            {
                Report(DiagnosticCatalog.InvalidRuleId.At(idNode.Span, idNode.Value));
                id = null;
            }
            else if (ids.TryGetValue(idNode.Value, out var first))
            {
                Report(DiagnosticCatalog.DuplicateRuleId.At(idNode.Span, idNode.Value, first.Line));
                id = null;
            }
            else
            {
                ids.Add(idNode.Value, idNode.Span);
            }

            _declaredRuleIds.Add(idNode.Value);
        }

        var description = OptionalText(map, "description", "'description'");
        long priority = 0;
        if (Get(map, "priority") is { } priorityNode)
        {
            if (_hit != HitPolicy.Priority)
            {
                Report(DiagnosticCatalog.PriorityWithoutPriorityPolicy.At(GetKey(map, "priority")!.Span, _hit.Info().YamlName));
            }
            else if (Scalar(priorityNode, "'priority'") is { } scalar)
            {
                if (!long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out priority))
                {
                    Report(DiagnosticCatalog.InvalidLiteral.At(scalar.Span, scalar.Value, "integer", "priority", "priorities are whole numbers"));
                }
            }
        }

        var when = Get(map, "when") is { } whenNode
            ? (whenNode is YamlScalar { IsNull: true } ? AllCondition.Always : BindCondition(whenNode, "'when'"))
            : AllCondition.Always;
        var thenNode = Required(map, "then", $"Rule '{id ?? "?"}'");
        var then = thenNode is null ? null : BindOutputValues(thenNode, $"The 'then' of rule '{id ?? "?"}'");
        if (id is null || when is null || then is null)
        {
            return null;
        }

        return new RuleModel(index, id, description, priority, when, then.ToEquatableArray(), map.Span);
    }

    /// <summary>
    /// Output values by name: literals, or (<paramref name="computed"/>) values computed from the input (§10). With
    /// <paramref name="requireAll"/> every output must be given; otherwise absent ones are null.
    /// </summary>
    private OutputValue?[]? BindOutputValuesCore(YamlNode node, string what, bool requireAll, bool computed)
    {
        if (Mapping(node, what, "a mapping of output name to value") is not { } map)
        {
            return null;
        }

        var values = new OutputValue?[_outputs.Count];
        var ok = true;
        foreach (var entry in map.Entries)
        {
            var output = _outputs.FirstOrDefault(o => o.Name == entry.Key.Value);
            if (output is null)
            {
                if (!_brokenOutputs.Contains(entry.Key.Value))
                {
                    Report(DiagnosticCatalog.UnknownOutput.At(entry.Key.Span, entry.Key.Value, string.Join(", ", _outputs.Select(o => o.Name))));
                }

                ok = false;
                continue;
            }

            values[output.Index] = computed
                ? OutputValue(entry.Value, output, what)
                : Literal(entry.Value, output, output.Type) is { } literal ? Model.OutputValue.Of(literal) : null;
            ok &= values[output.Index] is not null;
        }

        if (requireAll && ok)
        {
            foreach (var output in _outputs.Where(o => values[o.Index] is null))
            {
                Report(DiagnosticCatalog.MissingOutput.At(map.Span, output.Name, what));
                ok = false;
            }
        }

        return ok ? values : null;
    }

    /// <summary>The outputs of a rule's <c>then</c> or of <c>default</c>: every output, each a literal or computed.</summary>
    private List<OutputValue>? BindOutputValues(YamlNode node, string what) =>
        BindOutputValuesCore(node, what, requireAll: true, computed: true) is { } values ? values.Select(v => v!.Value).ToList() : null;

    private List<TestCaseModel> BindTests(YamlMapping map)
    {
        var tests = new List<TestCaseModel>();
        if (Get(map, "tests") is not { } node || Sequence(node, "'tests'", "a sequence of test cases") is not { } sequence)
        {
            return tests;
        }

        // Ids of rules that failed to bind are still valid references: their error is already reported.
        var ruleIds = _declaredRuleIds;
        foreach (var item in sequence.Items)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (BindTest(item, tests.Count, ruleIds) is { } test)
            {
                tests.Add(test);
            }
        }

        return tests;
    }

    /// <summary>
    /// A test case's input values at one level: values, a record's fields as a nested mapping, a map's keys as a
    /// mapping of strings (§11). A key no rule reads changes no decision and is only checked to be a string.
    /// </summary>
    private bool BindTestInputs(YamlMapping map, IReadOnlyList<InputDeclaration> level, Value[] input, InputDeclaration? parent = null)
    {
        var ok = true;
        foreach (var entry in map.Entries)
        {
            var declaration = level.FirstOrDefault(d => d.FieldName == entry.Key.Value);
            if (declaration is null)
            {
                var path = parent is null ? entry.Key.Value : parent.Name + "." + entry.Key.Value;
                if (!_brokenInputs.Contains(path))
                {
                    Report(DiagnosticCatalog.UnknownInput.At(entry.Key.Span, path, string.Join(", ", level.Select(d => d.Name))));
                }

                ok = false;
                continue;
            }

            switch (declaration.Kind)
            {
                case InputKind.Record:
                    ok &= Mapping(entry.Value, $"The value of the record '{declaration.Name}'", "a mapping of its fields") is { } fields
                        && BindTestInputs(fields, declaration.Fields, input, declaration);
                    break;
                case InputKind.Map:
                    if (Mapping(entry.Value, $"The value of the map '{declaration.Name}'", "a mapping of key to string") is not { } keys)
                    {
                        ok = false;
                        break;
                    }

                    foreach (var pair in keys.Entries)
                    {
                        var text = Scalar(pair.Value, $"The value of key '{pair.Key.Value}' of '{declaration.Name}'");
                        ok &= text is not null;
                        if (text is not null && _mapKeys.TryGetValue((declaration.Name, pair.Key.Value), out var leaf))
                        {
                            input[leaf.Index] = Value.String(text.Value);
                        }
                    }

                    break;
                default:
                    var field = _inputs[declaration.Leaf];
                    var value = field.Type == FieldType.StringList ? ListValue(entry.Value, field) : Literal(entry.Value, field, field.Type, isInput: true);
                    ok &= value is not null;
                    if (value is not null)
                    {
                        input[field.Index] = value.Value;
                    }

                    break;
            }
        }

        return ok;
    }

    private TestCaseModel? BindTest(YamlNode node, int index, HashSet<string> ruleIds)
    {
        if (Mapping(node, "a test case", "a mapping with 'input' and 'expect', 'rule' or 'rules'") is not { } map)
        {
            return null;
        }

        CheckKeys(map, Keywords.TestCase, "a test case");
        var name = OptionalText(map, "name", "'name'");
        // Inputs left out take their zero; a map key left out is absent (null), which string tests read as "".
        var input = _inputs.Select(field => field.IsMapKey ? Value.String(null!) : Value.Zero(field.Type)).ToArray();
        var ok = true;
        if (Get(map, "input") is { } inputNode && Mapping(inputNode, "'input'", "a mapping of input name to value") is { } inputMap)
        {
            ok = BindTestInputs(inputMap, _declared, input);
        }

        var expect = new List<ExpectedOutput>();
        var expectNode = Get(map, "expect");
        if (expectNode is not null && _hit == HitPolicy.Collect && !_hasAggregate)
        {
            Report(DiagnosticCatalog.InvalidTestCase.At(expectNode.Span, "'hit: collect' without 'aggregate' has no single output to expect; list the rules that hold with 'rules: [...]'"));
            ok = false;
        }
        else if (expectNode is not null)
        {
            if (BindOutputValuesCore(expectNode, "'expect'", requireAll: false, computed: false) is { } values)
            {
                expect.AddRange(values.Select((v, i) => (v, i)).Where(p => p.v is not null).Select(p => new ExpectedOutput(p.i, p.v!.Value.Literal)));
            }
            else
            {
                ok = false;
            }
        }

        ExpectedRule? rule = null;
        if (Get(map, "rule") is { } ruleNode && Scalar(ruleNode, "'rule'") is { } ruleScalar)
        {
            if (ruleScalar.IsNull)
            {
                rule = new ExpectedRule(null);
            }
            else if (_hit == HitPolicy.Collect)
            {
                Report(DiagnosticCatalog.InvalidTestCase.At(ruleScalar.Span, "with 'hit: collect' name the rules that hold with 'rules: [...]'; 'rule:' can only be null (no rule holds)"));
                ok = false;
            }
            else if (!ruleIds.Contains(ruleScalar.Value))
            {
                Report(DiagnosticCatalog.InvalidTestCase.At(ruleScalar.Span, $"'rule' names '{ruleScalar.Value}', which is no rule of this file"));
                ok = false;
            }
            else
            {
                rule = new ExpectedRule(ruleScalar.Value);
            }
        }

        EquatableArray<string>? ruleList = null;
        if (Get(map, "rules") is { } rulesNode && Sequence(rulesNode, "'rules'", "a sequence of rule ids") is { } rulesSequence)
        {
            if (_hit != HitPolicy.Collect)
            {
                Report(DiagnosticCatalog.InvalidTestCase.At(rulesSequence.Span, "'rules: [...]' is for 'hit: collect'; use 'rule:' to name the rule that fires"));
                ok = false;
            }

            var ids = new List<string>();
            foreach (var item in rulesSequence.Items)
            {
                if (Scalar(item, "A rule id in 'rules'") is not { } idScalar)
                {
                    ok = false;
                }
                else if (!ruleIds.Contains(idScalar.Value))
                {
                    Report(DiagnosticCatalog.InvalidTestCase.At(idScalar.Span, $"'rules' names '{idScalar.Value}', which is no rule of this file"));
                    ok = false;
                }
                else
                {
                    ids.Add(idScalar.Value);
                }
            }

            ruleList = ids.ToEquatableArray();
        }

        if (GetKey(map, "expect") is null && GetKey(map, "rule") is null && GetKey(map, "rules") is null)
        {
            Report(DiagnosticCatalog.InvalidTestCase.At(map.Span, "a case needs 'expect', 'rule' or 'rules' to check something"));
            ok = false;
        }

        return ok ? new TestCaseModel(index, name, input.ToEquatableArray(), expect.ToEquatableArray(), rule, ruleList, map.Span) : null;
    }

    private Value? ListValue(YamlNode node, FieldModel field)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return Value.List(EquatableArray<string>.Empty);
        }

        if (Sequence(node, $"The value of '{field.Name}'", "a sequence of strings") is not { } sequence)
        {
            return null;
        }

        var items = new List<string>();
        foreach (var item in sequence.Items)
        {
            if (Scalar(item, $"An element of '{field.Name}'") is { } scalar)
            {
                items.Add(scalar.Value);
            }
            else
            {
                return null;
            }
        }

        return Value.List(items.ToEquatableArray());
    }
}
