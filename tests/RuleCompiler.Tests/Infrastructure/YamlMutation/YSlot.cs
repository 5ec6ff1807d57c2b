using System;

namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>A place in a <see cref="YNode"/> tree that holds a node: a mapping key or value, a sequence item, or the root.</summary>
internal sealed class YSlot
{
    private readonly Action<YNode> _replace;

    public YSlot(string path, YNode node, bool isKey, YNode[] ancestors, Action<YNode> replace)
    {
        (Path, Node, IsKey, Ancestors, _replace) = (path, node, isKey, ancestors, replace);
    }

    public string Path { get; }

    public YNode Node { get; }

    public bool IsKey { get; }

    /// <summary>The nodes above this slot, the root first.</summary>
    public YNode[] Ancestors { get; }

    public bool IsRoot => Ancestors.Length == 0;

    public void Replace(YNode node) => _replace(node);
}
