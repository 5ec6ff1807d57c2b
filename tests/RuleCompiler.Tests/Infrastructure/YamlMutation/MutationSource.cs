namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>A sample or feature file ready to be mutated: its YAML tree and how many rules it has.</summary>
internal sealed record MutationSource(string Path, string Name, YNode Tree, int RuleCount, double Weight, double FullFileChance);
