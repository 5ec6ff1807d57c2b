using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

/// <summary>What the binder needs from the build: the namespace to use when the file names none, and the file's path for rule metadata.</summary>
public sealed record BindOptions(string DefaultNamespace, string FilePath)
{
    /// <summary>At most this many rules in one file (<see cref="Syntax.ReaderLimits.MaxRules"/>).</summary>
    public int MaxRules { get; init; } = Syntax.ReaderLimits.Default.MaxRules;

    /// <summary>Rules no <c>tests:</c> case exercises are warnings (RC3009), not information: MSBuild's <c>RuleCompilerRequireRuleCoverage</c>.</summary>
    public bool RequireRuleCoverage { get; init; }

    /// <summary>
    /// Past this many rules a first-wins plan's leaves and small switches are data (<see cref="Lowering.Lowerer.MaxCodeNodeRules"/>,
    /// the default): MSBuild's <c>RuleCompilerDataPlanRules</c>. 0 writes every such node as data (tests use it so).
    /// </summary>
    public int DataPlanRules { get; init; } = Lowering.Lowerer.MaxCodeNodeRules;
}

/// <summary>
/// The bind stage: YAML nodes to a typed <see cref="RuleSetModel"/>. Every key is checked against the spec,
/// every literal is read by the type of its field, and every mistake is reported at its node.
/// Returns null when any error was reported: a file with errors generates nothing.
/// </summary>
public sealed partial class Binder
{
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly BindOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly NodeShapes _shapes;
    private int _errors;
    private List<FieldModel> _inputs = new();
    private List<FieldModel> _outputs = new();

    // Names declared but not bound (already reported): later uses stay silent instead of cascading "unknown" errors.
    private readonly HashSet<string> _brokenInputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _brokenOutputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declaredRuleIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlSequence> _lists = new(StringComparer.Ordinal);
    private readonly HashSet<YamlSequence> _listReferences = new();
    private HitPolicy _hit;
    private bool _hasAggregate;
    private SourceSpan _nameSpan;

    private Binder(BindOptions options, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _options = options;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
        _shapes = new NodeShapes(Report);
    }

    public static RuleSetModel? Bind(YamlNode root, BindOptions options, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken) =>
        new Binder(options, diagnostics, cancellationToken).BindRuleSet(root);

    private RuleSetModel? BindRuleSet(YamlNode root)
    {
        if (root is not YamlMapping map)
        {
            Report(DiagnosticCatalog.WrongNodeKind.At(root.Span, "a mapping with 'ruleset', 'inputs', 'outputs' and 'rules'", "A rule file"));
            return null;
        }

        CheckKeys(map, Keywords.RuleSet, "the rule set");
        var name = BindRuleSetName(map);
        var ns = BindNamespace(map);
        var description = OptionalText(map, "description", "'description'");
        _hit = BindHitPolicy(map);
        var inputsNode = Required(map, "inputs", "The rule set");
        var outputsNode = Required(map, "outputs", "The rule set");
        if (inputsNode is not null)
        {
            _declared = BindInputs(inputsNode);
        }

        if (outputsNode is not null)
        {
            _outputs = BindOutputs(outputsNode);
        }

        var aggregate = BindAggregate(map);
        _hasAggregate = aggregate != Aggregate.None;
        CheckPolicyShape(map, aggregate);
        BindLists(map);
        var defaults = Get(map, "default") is { } defaultNode ? BindOutputValues(defaultNode, "'default'") : null;
        var complete = BindComplete(map);
        var rules = BindRules(map);
        var tests = BindTests(map);
        if (name is not null)
        {
            CheckGeneratedNames(name);
        }

        if (_errors > 0 || name is null || inputsNode is null || outputsNode is null)
        {
            return null;
        }

        return new RuleSetModel(
            name,
            ns,
            description,
            _hit,
            aggregate,
            _inputs.ToEquatableArray(),
            _outputs.ToEquatableArray(),
            defaults?.ToEquatableArray(),
            rules.ToEquatableArray(),
            tests.ToEquatableArray(),
            _options.FilePath,
            _nameSpan)
        {
            Complete = complete,
            Declared = _declared.ToEquatableArray(),
        };
    }

    /// <summary>
    /// The lists in scope (§12): the compose stage has gathered the file's own, its imports' and its bases' under
    /// <c>lists</c>, each checked to be a non-empty sequence of single values.
    /// </summary>
    private void BindLists(YamlMapping map)
    {
        if (Get(map, "lists") is YamlMapping lists)
        {
            foreach (var entry in lists.Entries)
            {
                if (entry.Value is YamlSequence sequence && sequence.Items.All(item => item is YamlScalar))
                {
                    _lists[entry.Key.Value] = sequence;
                }
            }
        }
    }

    /// <summary><c>complete: false</c> says that inputs no rule matches are expected: no gap warning (RC3006).</summary>
    private bool BindComplete(YamlMapping map)
    {
        return Get(map, "complete") is not { } node || (_shapes.Flag(node, "complete") ?? true);
    }

    private string? BindRuleSetName(YamlMapping map)
    {
        if (RequiredScalar(map, "ruleset", "The rule set") is not { } node)
        {
            return null;
        }

        _nameSpan = node.Span;
        if (!Names.IsTypeName(node.Value))
        {
            Report(DiagnosticCatalog.InvalidRuleSetName.At(node.Span, node.Value));
            return null;
        }

        if (GeneratedMembers.IsMemberName(node.Value))
        {
            Report(DiagnosticCatalog.GeneratedNameCollision.At(node.Span, $"The rule set name '{node.Value}' is also the name of a member of the generated class"));
            return null;
        }

        return node.Value;
    }

    private string BindNamespace(YamlMapping map)
    {
        if (Get(map, "namespace") is not { } node)
        {
            return Names.IsNamespace(_options.DefaultNamespace) ? _options.DefaultNamespace : string.Empty;
        }

        if (Scalar(node, "'namespace'") is not { } scalar)
        {
            return string.Empty;
        }

        if (!Names.IsNamespace(scalar.Value))
        {
            Report(DiagnosticCatalog.InvalidNamespace.At(scalar.Span, scalar.Value));
        }

        return scalar.Value;
    }

    private HitPolicy BindHitPolicy(YamlMapping map)
    {
        if (Get(map, "hit") is not { } node || Scalar(node, "'hit'") is not { } scalar)
        {
            return HitPolicy.First;
        }

        if (HitPolicies.Find(scalar.Value) is { } hit)
        {
            return hit.Policy;
        }

        Report(DiagnosticCatalog.UnknownHitPolicy.At(scalar.Span, scalar.Value));
        return HitPolicy.First;
    }

    private Aggregate BindAggregate(YamlMapping map)
    {
        if (Get(map, "aggregate") is not { } node || Scalar(node, "'aggregate'") is not { } scalar)
        {
            return Aggregate.None;
        }

        var aggregate = Keywords.Lookup(Keywords.AggregateFunctions, scalar.Value) ?? Aggregate.None;
        if (aggregate == Aggregate.None)
        {
            Report(DiagnosticCatalog.InvalidAggregate.At(scalar.Span, $"'{scalar.Value}' is not an aggregate; use sum, min, max or count"));
        }
        else if (_hit != HitPolicy.Collect)
        {
            Report(DiagnosticCatalog.InvalidAggregate.At(scalar.Span, "'aggregate' is only allowed with 'hit: collect'"));
        }
        else if (_outputs.Count != 1 || !_outputs[0].Type.IsNumeric())
        {
            Report(DiagnosticCatalog.InvalidAggregate.At(scalar.Span, "'aggregate' needs exactly one output, of type int, long, decimal or double"));
        }

        return aggregate;
    }

    private void CheckPolicyShape(YamlMapping map, Aggregate aggregate)
    {
        if (_hit == HitPolicy.OutputPriority && _outputs.Count > 0 && _outputs[0].Type != FieldType.Enum)
        {
            Report(DiagnosticCatalog.OutputPriorityNeedsEnum.At(_outputs[0].Span, _outputs[0].Name, _outputs[0].Type.YamlName()));
        }

        if (_hit == HitPolicy.Collect && aggregate == Aggregate.None && GetKey(map, "default") is { } key)
        {
            Report(DiagnosticCatalog.DefaultWithCollect.At(key.Span));
        }
    }

    /// <summary>Every declared input at every level, with the name of the record struct it is a property of.</summary>
    private static IEnumerable<(InputDeclaration Declaration, string Owner)> Flatten(IEnumerable<InputDeclaration> level, string ruleSet, string owner)
    {
        foreach (var declaration in level)
        {
            yield return (declaration, owner);
            foreach (var nested in Flatten(declaration.Fields, ruleSet, ruleSet + declaration.Stem))
            {
                yield return nested;
            }
        }
    }

    private void CheckGeneratedNames(string name)
    {
        var reserved = new HashSet<string>(StringComparer.Ordinal) { name + "Input", name + "Output" };
        var enumOwners = new Dictionary<string, FieldModel>(StringComparer.Ordinal);
        foreach (var field in _inputs.Concat(_outputs).Where(f => f.Type == FieldType.Enum))
        {
            var typeName = name + field.PropertyName;
            if (reserved.Contains(typeName))
            {
                Report(DiagnosticCatalog.GeneratedNameCollision.At(field.Span, $"The enum of '{field.Name}' would be named '{typeName}', which the generated code already uses"));
            }
            else if (enumOwners.TryGetValue(typeName, out var owner))
            {
                Report(DiagnosticCatalog.GeneratedNameCollision.At(field.Span, $"The enums of input '{owner.Name}' and output '{field.Name}' would both be named '{typeName}'"));
            }
            else
            {
                enumOwners.Add(typeName, field);
            }
        }

        var forbiddenMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "Finalize",
        };
        // Every input at every level is a property of its record struct (the input's, or a record input's own).
        var records = new Dictionary<string, InputDeclaration>(StringComparer.Ordinal);
        foreach (var (declaration, owner) in Flatten(_declared, name, name + "Input"))
        {
            if (forbiddenMembers.Contains(declaration.PropertyName) || declaration.PropertyName == owner)
            {
                Report(DiagnosticCatalog.GeneratedNameCollision.At(declaration.Span, $"Input '{declaration.Name}' would become the property '{declaration.PropertyName}', a name the generated record struct already has"));
            }

            if (declaration.Kind == InputKind.Record)
            {
                var typeName = name + declaration.Stem;
                if (reserved.Contains(typeName) || enumOwners.ContainsKey(typeName) || records.ContainsKey(typeName))
                {
                    Report(DiagnosticCatalog.GeneratedNameCollision.At(declaration.Span, $"The record '{declaration.Name}' would be named '{typeName}', which another generated type already has"));
                }
                else
                {
                    records.Add(typeName, declaration);
                }
            }
        }

        foreach (var field in _outputs)
        {
            if (forbiddenMembers.Contains(field.PropertyName) || field.PropertyName == name + "Output")
            {
                Report(DiagnosticCatalog.GeneratedNameCollision.At(field.Span, $"Output '{field.Name}' would become the property '{field.PropertyName}', a name the generated record struct already has"));
            }
        }
    }

    private List<FieldModel> BindOutputs(YamlNode node) => BindFieldEntries(
        node,
        "'outputs'",
        _brokenOutputs,
        combinatorsReserved: false,
        name => name,
        (key, type, pascal, index) => BindField(key, type, index, pascal, isInput: false));

    /// <summary>
    /// The entries of a mapping of field name to type, in order: each name valid, not <c>all</c> / <c>any</c> /
    /// <c>not</c> where <paramref name="combinatorsReserved"/>, and one C# name per entry; <paramref name="bind"/> binds
    /// those that pass (the key, the type node, the PascalCase name, how many bound before it). A name that fails, or
    /// whose entry does not bind, stays in <paramref name="broken"/> under <paramref name="pathOf"/>(name), so that later
    /// uses of it stay silent.
    /// </summary>
    private List<T> BindFieldEntries<T>(
        YamlNode node,
        string what,
        HashSet<string> broken,
        bool combinatorsReserved,
        Func<string, string> pathOf,
        Func<YamlScalar, YamlNode, string, int, T?> bind)
        where T : class
    {
        var bound = new List<T>();
        if (Mapping(node, what, "a mapping of field name to type") is not { } map)
        {
            return bound;
        }

        if (map.Entries.Count == 0)
        {
            Report(DiagnosticCatalog.EmptySequence.At(map.Span, what));
            return bound;
        }

        var byPascal = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var key = entry.Key;
            var path = pathOf(key.Value);
            broken.Add(path);
            if (!Names.IsFieldName(key.Value))
            {
                Report(DiagnosticCatalog.InvalidFieldName.At(key.Span, key.Value));
                continue;
            }

            if (combinatorsReserved && key.Value is "all" or "any" or "not")
            {
                Report(DiagnosticCatalog.ReservedInputName.At(key.Span, key.Value));
                continue;
            }

            var pascal = Names.Pascal(key.Value);
            if (byPascal.TryGetValue(pascal, out var other))
            {
                Report(DiagnosticCatalog.DuplicateMemberName.At(key.Span, other, key.Value, pascal));
                continue;
            }

            byPascal.Add(pascal, key.Value);
            if (bind(key, entry.Value, pascal, bound.Count) is { } item)
            {
                bound.Add(item);
                broken.Remove(path);
            }
        }

        return bound;
    }

    private FieldModel? BindField(YamlScalar key, YamlNode typeNode, int index, string pascal, bool isInput)
    {
        string? description = null;
        YamlNode? enumNode = null;
        YamlScalar? typeName = null;
        switch (typeNode)
        {
            case YamlScalar scalar:
                typeName = scalar;
                break;
            case YamlMapping map:
                CheckKeys(map, Keywords.FieldType, $"the type of '{key.Value}'");
                description = OptionalText(map, "description", "'description'");
                enumNode = Get(map, "enum");
                var typeValue = Get(map, "type");
                if ((enumNode is null) == (typeValue is null))
                {
                    var container = !isInput && (Get(map, "record") is not null || Get(map, "map") is not null) ? " (records and maps are inputs only)" : string.Empty;
                    Report(DiagnosticCatalog.WrongNodeKind.At(map.Span, "either { type: ... } or { enum: [...] }, with exactly one of the two keys" + container, $"The type of '{key.Value}'"));
                    return null;
                }

                if (typeValue is not null && (typeName = Scalar(typeValue, $"The type of '{key.Value}'")) is null)
                {
                    return null;
                }

                break;
            default:
                Report(DiagnosticCatalog.WrongNodeKind.At(typeNode.Span, "a type name or a mapping such as { type: int } or { enum: [a, b] }", $"The type of '{key.Value}'"));
                return null;
        }

        if (enumNode is not null)
        {
            return BindEnum(key, enumNode, index, pascal, description);
        }

        if (FieldTypes.ByShortName(typeName!.Value) is not { } info)
        {
            Report(DiagnosticCatalog.UnknownType.At(typeName.Span, typeName.Value, string.Join(", ", Keywords.TypeNames)));
            return null;
        }

        var type = info.Type;
        if (info.InputOnly && !isInput)
        {
            Report(DiagnosticCatalog.ListOutput.At(typeName.Span, key.Value));
            return null;
        }

        return new FieldModel(index, key.Value, pascal, type, EquatableArray<string>.Empty, EquatableArray<string>.Empty, description, key.Span);
    }

    private FieldModel? BindEnum(YamlScalar key, YamlNode enumNode, int index, string pascal, string? description)
    {
        if (Sequence(enumNode, $"The enum of '{key.Value}'", "a sequence of values such as [low, high]") is not { } sequence)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            Report(DiagnosticCatalog.InvalidEnum.At(sequence.Span, $"the enum of '{key.Value}' has no values; list at least one"));
            return null;
        }

        var values = new List<string>();
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var item in sequence.Items)
        {
            if (Scalar(item, $"A value of the enum of '{key.Value}'") is not { } scalar)
            {
                ok = false;
                continue;
            }

            if (!Names.IsFieldName(scalar.Value))
            {
                Report(DiagnosticCatalog.InvalidEnum.At(scalar.Span, $"'{scalar.Value}' is not a valid enum value: start with a letter and use letters, digits, '_' and '-'"));
                ok = false;
                continue;
            }

            var member = Names.Pascal(scalar.Value);
            if (members.TryGetValue(member, out var other))
            {
                Report(DiagnosticCatalog.InvalidEnum.At(
                    scalar.Span,
                    other == scalar.Value ? $"'{scalar.Value}' is listed twice" : $"'{other}' and '{scalar.Value}' both become the C# name '{member}'"));
                ok = false;
                continue;
            }

            members.Add(member, scalar.Value);
            values.Add(scalar.Value);
        }

        return ok
            ? new FieldModel(index, key.Value, pascal, FieldType.Enum, values.ToEquatableArray(), values.Select(Names.Pascal).ToEquatableArray(), description, key.Span)
            : null;
    }

    private void Report(DiagnosticInfo diagnostic)
    {
        if (diagnostic.Severity == Severity.Error)
        {
            _errors++;
        }

        _diagnostics.Add(diagnostic);
    }
}
