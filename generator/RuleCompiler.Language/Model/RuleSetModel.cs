using System.Linq;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Model;

public enum Aggregate
{
    None,
    Sum,
    Min,
    Max,
    Count,
}

/// <summary>
/// An output, or an input value every stage reads: a top-level input, a field of a record input at any depth, or a
/// key of a map input that the file reads (§11 "Paths"). <see cref="Name"/> is the path as rule files write it
/// (<c>request.method</c>, <c>env.CI</c>); <see cref="PropertyName"/> its PascalCase stem (<c>RequestMethod</c>),
/// which names its enum type. <see cref="Path"/> says where the value sits in the generated input (null at the top).
/// </summary>
public sealed record FieldModel(
    int Index,
    string Name,
    string PropertyName,
    FieldType Type,
    EquatableArray<string> EnumValues,
    EquatableArray<string> EnumMembers,
    string? Description,
    SourceSpan Span)
{
    public FieldPath? Path { get; init; }

    /// <summary>A key of a map input: read as null (absent) or its string; <c>has-key</c> tests it.</summary>
    public bool IsMapKey => Path?.Key is not null;
}

/// <summary>
/// Where an input value sits below a record or map input: the declared names from the top (<see cref="Names"/>, the
/// last one a record field or, for a map key, the map), their C# property names, and the map key, if any.
/// </summary>
public sealed record FieldPath(EquatableArray<string> Names, EquatableArray<string> Properties, string? Key)
{
    /// <summary>The container's path as rule files write it: <c>request</c>, <c>env</c>.</summary>
    public string ContainerName => string.Join(".", Names);
}

public enum InputKind
{
    /// <summary>A value of a field type: a leaf that stages read (<see cref="InputDeclaration.Leaf"/>).</summary>
    Value,

    /// <summary><c>{ record: { ... } }</c>: a generated record struct of <see cref="InputDeclaration.Fields"/>.</summary>
    Record,

    /// <summary><c>{ map: string }</c>: read by key; each key a file reads is a leaf of its own.</summary>
    Map,
}

/// <summary>An input as declared (§11): the shape of the generated input types, which the flat leaves are read from.</summary>
public sealed record InputDeclaration(
    string Name,
    string PropertyName,
    InputKind Kind,
    int Leaf,
    EquatableArray<InputDeclaration> Fields,
    string? Description,
    SourceSpan Span)
{
    /// <summary>The PascalCase stem of its generated type (a record's: <c>{RuleSet}{Stem}</c>).</summary>
    public string Stem { get; init; } = PropertyName;

    /// <summary>The C# property names from the top input down to this one (<c>Request, Client</c>).</summary>
    public EquatableArray<string> Properties { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Its own name, the last segment of <see cref="Name"/> (<c>client</c> of <c>request.client</c>).</summary>
    public string FieldName => Name.Substring(Name.LastIndexOf('.') + 1);
}

public sealed record RuleModel(
    int Index,
    string Id,
    string? Description,
    long Priority,
    Condition When,
    EquatableArray<OutputValue> Then,
    SourceSpan Span);

/// <summary>A case of the file's <c>tests:</c>. Unset inputs hold their zero value.</summary>
public sealed record TestCaseModel(
    int Index,
    string? Name,
    EquatableArray<Value> Input,
    EquatableArray<ExpectedOutput> Expect,
    ExpectedRule? Rule,
    EquatableArray<string>? Rules,
    SourceSpan Span)
{
    public string DisplayName => Name ?? $"#{Index + 1}";
}

public readonly record struct ExpectedOutput(int Output, Value Value);

/// <summary><c>rule: id</c>, or <c>rule: null</c> (no rule fires) when <see cref="Id"/> is null.</summary>
public sealed record ExpectedRule(string? Id);

/// <summary>A bound rule set: what the generator plans and emits and the reference evaluator runs.</summary>
public sealed record RuleSetModel(
    string Name,
    string Namespace,
    string? Description,
    HitPolicy Hit,
    Aggregate Aggregate,
    EquatableArray<FieldModel> Inputs,
    EquatableArray<FieldModel> Outputs,
    EquatableArray<OutputValue>? Default,
    EquatableArray<RuleModel> Rules,
    EquatableArray<TestCaseModel> Tests,
    string FilePath,
    SourceSpan NameSpan)
{
    /// <summary>The values a result carries when no rule holds: the default, or every output's zero value.</summary>
    public EquatableArray<OutputValue> NoMatchOutputs => Default ?? Outputs.Select(output => OutputValue.Of(Value.Zero(output.Type))).ToEquatableArray();

    /// <summary>Whether some rule or the default computes an output (§10), so results depend on the input.</summary>
    public bool HasComputedOutputs => Rules.Any(rule => rule.Then.Any(value => value.IsComputed)) || (Default?.Any(value => value.IsComputed) ?? false);

    public string FullName => Namespace.Length == 0 ? Name : Namespace + "." + Name;

    /// <summary>
    /// The files the rule set's rules are written in, by <see cref="SourceSpan.File"/> (0 is this file, the others its
    /// bases, §12), as generated metadata shows them. Empty when every rule is written in <see cref="FilePath"/>.
    /// </summary>
    public EquatableArray<string> SourcePaths { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The file <paramref name="rule"/> is written in, as generated metadata shows it.</summary>
    public string SourceOf(RuleModel rule) => rule.Span.File > 0 && rule.Span.File < SourcePaths.Count ? SourcePaths[rule.Span.File] : FilePath;

    /// <summary>Whether rules come from more than one file (a layer over a base, §12).</summary>
    public bool HasRulesFromOtherFiles => Rules.Any(rule => rule.Span.File != 0);

    /// <summary>
    /// The inputs as declared, records and maps included; <see cref="Inputs"/> are their leaves. Empty for a model
    /// built without declarations, where every input is a top-level value.
    /// </summary>
    public EquatableArray<InputDeclaration> Declared { get; init; } = EquatableArray<InputDeclaration>.Empty;

    /// <summary>Whether some input is a map whose keys the rules read: generated code looks each key up once per evaluation.</summary>
    public bool ReadsMapKeys => Inputs.Any(input => input.IsMapKey);

    /// <summary>
    /// False when the file says <c>complete: false</c>: inputs no rule matches are expected, so the analysis does
    /// not warn of gaps.
    /// </summary>
    public bool Complete { get; init; } = true;
}
