namespace RuleCompiler.Generator;

/// <summary>The generator's identity, stamped into [GeneratedCode] on every generated type.</summary>
internal static class GeneratorInfo
{
    public const string Name = "RuleCompiler.Generator";

    // Kept in step with <Version> in Directory.Build.props by a test.
    public const string Version = "0.1.0";
}
