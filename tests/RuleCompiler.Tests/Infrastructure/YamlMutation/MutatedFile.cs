namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>One mutated file: the file it came from, how it was changed, and its text.</summary>
internal sealed record MutatedFile(string Source, string Path, string Description, string Text);
