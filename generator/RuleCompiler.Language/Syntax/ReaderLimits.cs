namespace RuleCompiler.Language.Syntax;

/// <summary>
/// Bounds that keep a hostile rule file from hanging or exhausting the build. Documented in docs/limits.md.
/// </summary>
public sealed record ReaderLimits(int MaxFileCharacters, int MaxDepth, long MaxNodes, int MaxScalarCharacters, int MaxRules)
{
    /// <summary>
    /// 32 Mi characters, 64 levels of nesting, 8 million nodes after alias expansion, 64 Ki characters per scalar,
    /// 250,000 rules: room for generated rule sets of 100,000+ rules (about 80 characters and 15 nodes each),
    /// while a hostile file still fails in bounded time and memory.
    /// </summary>
    public static readonly ReaderLimits Default = new(32 * 1024 * 1024, 64, 8_000_000, 64 * 1024, 250_000);
}
