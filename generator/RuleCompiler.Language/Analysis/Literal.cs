using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>A test and whether it must hold (true) or must fail (false): one atom of a normalized condition.</summary>
public readonly record struct Literal(TestCondition Test, bool Positive);
