namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>A mapping entry of <see cref="YNode"/>; a mapping may hold two entries with one key (a duplicate key).</summary>
internal sealed class YEntry
{
    public YEntry(YNode key, YNode value) => (Key, Value) = (key, value);

    public YNode Key { get; set; }

    public YNode Value { get; set; }
}
