namespace RuleCompiler.Language.Common;

/// <summary>
/// Where a YAML node stands in its file: 1-based line and column of its start and end, and the character offset
/// and length of the node's text (for the diagnostic's squiggle); and which file it is in: 0 is the file being
/// compiled, other numbers are the files it reads (a base it <c>extends</c>, a file it <c>imports</c>; spec §12), as
/// the compile's <c>Sources</c> list them.
/// </summary>
public readonly record struct SourceSpan(int Line, int Column, int Offset, int Length, int EndLine, int EndColumn, int File = 0)
{
    public static readonly SourceSpan FileStart = new(1, 1, 0, 0, 1, 1);

    public override string ToString() => $"({Line},{Column})";
}
