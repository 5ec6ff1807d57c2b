using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Patterns;

/// <summary>
/// A parsed pattern, reduced to what decides whether it matches anywhere: captures, laziness and group names are
/// gone, case-insensitivity is already folded into the sets. Records, so equal patterns compare equal.
/// </summary>
public abstract record PatternNode;

/// <summary>Matches the empty string: an empty pattern, alternative or group.</summary>
public sealed record EmptyNode : PatternNode
{
    public static EmptyNode Instance { get; } = new();
}

/// <summary>One char of <see cref="Set"/>.</summary>
public sealed record SetNode(CharSet Set) : PatternNode;

public sealed record ConcatNode(EquatableArray<PatternNode> Items) : PatternNode;

public sealed record AlternationNode(EquatableArray<PatternNode> Alternatives) : PatternNode;

/// <summary><see cref="Body"/> at least <see cref="Min"/> times, at most <see cref="Max"/> (null: no limit).</summary>
public sealed record RepeatNode(PatternNode Body, int Min, int? Max) : PatternNode;

/// <summary>A zero-width test of the position.</summary>
public sealed record AnchorNode(Anchor Kind) : PatternNode;

public enum Anchor
{
    /// <summary><c>^</c> (without Multiline) and <c>\A</c>: the start of the input.</summary>
    Beginning,

    /// <summary><c>\z</c>: the end of the input.</summary>
    End,

    /// <summary><c>$</c> (without Multiline) and <c>\Z</c>: the end of the input, or before a final <c>\n</c>.</summary>
    EndOrBeforeFinalNewline,

    /// <summary><c>\b</c>: a word char on exactly one side (<see cref="CharClasses.BoundaryWord"/>).</summary>
    WordBoundary,

    /// <summary><c>\B</c>: word chars on both sides or on neither.</summary>
    NonWordBoundary,
}
