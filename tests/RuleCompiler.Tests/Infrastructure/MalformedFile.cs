namespace RuleCompiler.Tests.Infrastructure;

/// <summary>One named malformed file: a text, or bytes a build decodes; <see cref="MustGenerate"/> for the valid ones.</summary>
internal sealed record MalformedFile(string Path, string? Text, byte[]? Bytes, bool MustGenerate = false);
