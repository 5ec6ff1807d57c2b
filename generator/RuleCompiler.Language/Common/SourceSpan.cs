namespace RuleCompiler.Language.Common;

/// <summary>
/// Where a YAML node stands in its file: 1-based line and column of its start and end, and the character offset
/// and length of the node's text (for the diagnostic's squiggle).
/// </summary>
public readonly record struct SourceSpan(int Line, int Column, int Offset, int Length, int EndLine, int EndColumn)
{
    public static readonly SourceSpan FileStart = new(1, 1, 0, 0, 1, 1);

    public override string ToString() => $"({Line},{Column})";
}
