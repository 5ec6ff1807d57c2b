using System;

namespace RuleCompiler.Language.Planning;

/// <summary>
/// What makes two plan nodes the same subproblem: the rules still possible (in rank order) and the fields already
/// read. Holds the planner's arrays without copying them: the planner never changes an array once a node has it.
/// </summary>
internal readonly struct NodeKey : IEquatable<NodeKey>
{
    private readonly int[] _candidates;
    private readonly bool[] _read;
    private readonly int _hash;

    public NodeKey(int[] candidates, bool[] read)
    {
        _candidates = candidates;
        _read = read;
        var hash = candidates.Length;
        foreach (var flag in read)
        {
            hash = unchecked((hash * 2) + (flag ? 1 : 0));
        }

        foreach (var rule in candidates)
        {
            hash = unchecked((hash * 31) + rule);
        }

        _hash = hash;
    }

    public bool Equals(NodeKey other) => _hash == other._hash && Same(_candidates, other._candidates) && Same(_read, other._read);

    public override bool Equals(object? obj) => obj is NodeKey other && Equals(other);

    public override int GetHashCode() => _hash;

    private static bool Same<T>(T[] left, T[] right)
        where T : IEquatable<T>
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }
}
