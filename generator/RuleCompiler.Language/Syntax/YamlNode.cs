using System.Collections.Generic;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Syntax;

/// <summary>A node of a rule file's YAML, with where it stands. Aliases share the anchored node.</summary>
public abstract class YamlNode
{
    protected YamlNode(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }

    /// <summary>How many nodes this node stands for once aliases are expanded (itself included).</summary>
    public abstract long ExpandedSize { get; }
}

public sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, bool isPlain, SourceSpan span)
        : base(span)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }

    /// <summary>True when written without quotes or block style, so that <c>null</c>, <c>~</c> and <c>true</c> keep YAML's meaning.</summary>
    public bool IsPlain { get; }

    /// <summary>A plain empty, <c>~</c>, <c>null</c>, <c>Null</c> or <c>NULL</c>: YAML 1.2's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override long ExpandedSize => 1;

    /// <summary>
    /// Where characters <paramref name="start"/>..+<paramref name="length"/> of <see cref="Value"/> stand in the file,
    /// for errors inside a string (a template's placeholder, an expression's token). Exact for a one-line scalar
    /// written plain or quoted without escapes; otherwise (escapes, folded lines) the whole scalar.
    /// </summary>
    public SourceSpan SpanOf(int start, int length)
    {
        var quote = Span.Length - Value.Length;
        if (Span.Line != Span.EndLine || !(IsPlain ? quote == 0 : quote == 2))
        {
            return Span;
        }

        var first = quote / 2 + start;
        return new SourceSpan(Span.Line, Span.Column + first, Span.Offset + first, length, Span.Line, Span.Column + first + length, Span.File);
    }
}

public sealed class YamlSequence : YamlNode
{
    private readonly long _expandedSize;

    public YamlSequence(IReadOnlyList<YamlNode> items, SourceSpan span)
        : base(span)
    {
        Items = items;
        _expandedSize = 1;
        foreach (var item in items)
        {
            _expandedSize += item.ExpandedSize;
        }
    }

    public IReadOnlyList<YamlNode> Items { get; }

    public override long ExpandedSize => _expandedSize;
}

public sealed class YamlMapping : YamlNode
{
    private readonly long _expandedSize;

    public YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries, SourceSpan span)
        : base(span)
    {
        Entries = entries;
        _expandedSize = 1;
        foreach (var entry in entries)
        {
            _expandedSize += 1 + entry.Value.ExpandedSize;
        }
    }

    /// <summary>Entries in file order. Keys are scalars: the reader rejects complex keys.</summary>
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; }

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public YamlNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The key node <paramref name="key"/> (for errors about the key itself), or null.</summary>
    public YamlScalar? GetKey(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key;
            }
        }

        return null;
    }

    public override long ExpandedSize => _expandedSize;
}
