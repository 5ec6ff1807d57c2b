namespace RuleCompiler.Language.Syntax;

/// <summary>
/// Bounds that keep a hostile rule file from hanging or exhausting the build. Documented in docs/limits.md.
/// </summary>
public sealed record ReaderLimits(int MaxFileCharacters, int MaxDepth, long MaxNodes, int MaxScalarCharacters)
{
    /// <summary>4 Mi characters, 64 levels of nesting, 2 million nodes after alias expansion, 64 Ki characters per scalar.</summary>
    public static readonly ReaderLimits Default = new(4 * 1024 * 1024, 64, 2_000_000, 64 * 1024);
}
