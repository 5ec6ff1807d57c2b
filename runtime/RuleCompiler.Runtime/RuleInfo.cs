namespace RuleCompiler;

/// <summary>
/// A rule of a generated rule set: its id, description, and where it is written, so a decision can be traced to
/// the YAML that made it. Generated code creates one instance per rule, once.
/// </summary>
public sealed class RuleInfo
{
    /// <summary>Creates the metadata of one rule. Called by generated code.</summary>
    public RuleInfo(int index, string id, string? description, string file, int line, int column)
    {
        Index = index;
        Id = id;
        Description = description;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The rule's position in its file's <c>rules:</c>, from 0.</summary>
    public int Index { get; }

    /// <summary>The rule's <c>id</c>.</summary>
    public string Id { get; }

    /// <summary>The rule's <c>description</c>, if it has one.</summary>
    public string? Description { get; }

    /// <summary>The rule file, relative to the project directory, with '/' separators.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the rule in <see cref="File"/>.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the rule in <see cref="File"/>.</summary>
    public int Column { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({File}:{Line})";
}
