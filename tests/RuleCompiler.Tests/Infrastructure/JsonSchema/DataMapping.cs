using System.Collections.Generic;

namespace RuleCompiler.Tests.Infrastructure.JsonSchema;

/// <summary>A mapping, entries in document order. Keys are strings, as in JSON.</summary>
public sealed class DataMapping : DataNode
{
    public DataMapping(IReadOnlyList<KeyValuePair<string, DataNode>> entries) => Entries = entries;

    public IReadOnlyList<KeyValuePair<string, DataNode>> Entries { get; }

    public bool TryGet(string key, out DataNode value)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }
}
