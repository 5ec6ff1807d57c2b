using System;
using System.Collections.Generic;
using System.Text;

namespace RuleCompiler;

/// <summary>
/// What a rule set declares, as its rule file writes it (spec §14): its name, hit policy, inputs and outputs with their
/// types, enum values and record fields. Generated code exposes it as <c>Contract</c>; a rule file loaded at run time
/// for a compiled rule set must declare exactly this contract, so that it can run on the same input and output types.
/// Two contracts are equal when they declare the same fields (names, types, enum values, records' fields, in order)
/// under the same policy; the rule set's name and namespace do not count.
/// </summary>
public sealed class RuleSetContract : IEquatable<RuleSetContract>
{
    private string? _text;

    /// <summary>Creates a contract. Called by generated code.</summary>
    public RuleSetContract(string name, string @namespace, string hit, RuleSetField[] inputs, RuleSetField[] outputs)
    {
        Name = name;
        Namespace = @namespace;
        Hit = hit;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The rule set's <c>ruleset</c> name.</summary>
    public string Name { get; }

    /// <summary>The namespace of its generated types ("" for the global namespace).</summary>
    public string Namespace { get; }

    /// <summary>The hit policy as rule files write it (<c>first</c>, <c>output-priority</c>, ...).</summary>
    public string Hit { get; }

    /// <summary>The inputs, in declaration order.</summary>
    public IReadOnlyList<RuleSetField> Inputs { get; }

    /// <summary>The outputs, in declaration order.</summary>
    public IReadOnlyList<RuleSetField> Outputs { get; }

    /// <inheritdoc/>
    public bool Equals(RuleSetContract? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RuleSetContract);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>The declarations as YAML flow mappings, as a rule file would write them: <c>hit: first, inputs: { ... }, outputs: { ... }</c>.</summary>
    public override string ToString() => _text ??= "hit: " + Hit + ", inputs: " + RuleSetField.Write(Inputs) + ", outputs: " + RuleSetField.Write(Outputs);
}

/// <summary>One input or output of a <see cref="RuleSetContract"/>, or one field of a record input.</summary>
public sealed class RuleSetField
{
    /// <summary>Creates a field. Called by generated code.</summary>
    /// <param name="name">The name as the rule file declares it (<c>max-tokens</c>).</param>
    /// <param name="type">The type as rule files write it: <c>string</c>, <c>int</c>, ..., <c>enum</c>, <c>record</c> or <c>map</c>.</param>
    /// <param name="values">An enum's values, in order.</param>
    /// <param name="fields">A record's fields, in order.</param>
    public RuleSetField(string name, string type, string[]? values = null, RuleSetField[]? fields = null)
    {
        Name = name;
        Type = type;
        Values = values ?? Array.Empty<string>();
        Fields = fields ?? Array.Empty<RuleSetField>();
    }

    /// <summary>The name as the rule file declares it.</summary>
    public string Name { get; }

    /// <summary>The type as rule files write it: a type name, <c>enum</c>, <c>record</c> or <c>map</c> (a map of strings).</summary>
    public string Type { get; }

    /// <summary>An enum's values in declaration order (the first is the zero value); empty for other types.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>A record's fields in declaration order; empty for other types.</summary>
    public IReadOnlyList<RuleSetField> Fields { get; }

    /// <summary>The field as a rule file declares it: <c>actor: { enum: [human, ai] }</c>.</summary>
    public override string ToString() => Name + ": " + TypeText();

    internal static string Write(IReadOnlyList<RuleSetField> fields)
    {
        var text = new StringBuilder("{ ");
        for (var i = 0; i < fields.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(fields[i]);
        }

        return text.Append(" }").ToString();
    }

    private string TypeText() => Type switch
    {
        "enum" => "{ enum: [" + string.Join(", ", Values) + "] }",
        "record" => "{ record: " + Write(Fields) + " }",
        "map" => "{ map: string }",
        _ => Type,
    };
}
