using System;

namespace RuleCompiler;

/// <summary>
/// The string-list operators of rule files, for generated code. A null list is evaluated as empty, which a
/// span gives for free. Linear in the list's length, allocation-free.
/// </summary>
public static class RuleText
{
    /// <summary>Some element equals <paramref name="value"/>.</summary>
    public static bool Contains(ReadOnlySpan<string> list, string value, StringComparison comparison)
    {
        foreach (var element in list)
        {
            if (string.Equals(element ?? string.Empty, value, comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Some element equals one of <paramref name="values"/>.</summary>
    public static bool ContainsAny(ReadOnlySpan<string> list, ReadOnlySpan<string> values, StringComparison comparison)
    {
        foreach (var element in list)
        {
            foreach (var value in values)
            {
                if (string.Equals(element ?? string.Empty, value, comparison))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Every one of <paramref name="values"/> is an element.</summary>
    public static bool ContainsAll(ReadOnlySpan<string> list, ReadOnlySpan<string> values, StringComparison comparison)
    {
        foreach (var value in values)
        {
            if (!Contains(list, value, comparison))
            {
                return false;
            }
        }

        return true;
    }
}
