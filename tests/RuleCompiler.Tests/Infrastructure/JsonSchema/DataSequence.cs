using System.Collections.Generic;

namespace RuleCompiler.Tests.Infrastructure.JsonSchema;

/// <summary>A sequence (JSON array).</summary>
public sealed class DataSequence : DataNode
{
    public DataSequence(IReadOnlyList<DataNode> items) => Items = items;

    public IReadOnlyList<DataNode> Items { get; }
}
