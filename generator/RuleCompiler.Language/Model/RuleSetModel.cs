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

/// <summary>An input or output field. <see cref="PropertyName"/> is the PascalCase C# name.</summary>
public sealed record FieldModel(
    int Index,
    string Name,
    string PropertyName,
    FieldType Type,
    EquatableArray<string> EnumValues,
    EquatableArray<string> EnumMembers,
    string? Description,
    SourceSpan Span);

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
    /// False when the file says <c>complete: false</c>: inputs no rule matches are expected, so the analysis does
    /// not warn of gaps.
    /// </summary>
    public bool Complete { get; init; } = true;
}
