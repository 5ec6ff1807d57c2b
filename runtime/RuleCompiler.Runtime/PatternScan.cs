using System;
using RuleCompiler.Patterns;

namespace RuleCompiler;

/// <summary>
/// One input searched for the patterns of one automaton (at most 64), lazily: the first <see cref="IsMatch"/> runs the
/// automaton only until it knows that pattern's answer, and each later question resumes where the scan stopped, so
/// however many patterns a method tests, each char of the input is read at most once. Generated code keeps one on the
/// stack per field and automaton in a method that tests two or more of its patterns. Allocates nothing.
/// </summary>
public ref struct PatternScan
{
    private readonly ReadOnlySpan<ushort> _automaton;
    private readonly ReadOnlySpan<char> _input;
    private int _position;
    private int _state;
    private ulong _matches;

    /// <summary>A scan of <paramref name="input"/> that has read nothing yet.</summary>
    /// <param name="automaton">A table written by the generator, of at most 64 patterns.</param>
    /// <param name="input">The text to search.</param>
    /// <exception cref="ArgumentException">The table is not one the generator wrote, or it has more than 64 patterns.</exception>
    public PatternScan(ReadOnlySpan<ushort> automaton, ReadOnlySpan<char> input)
    {
        if (PatternSet.Checked(automaton)[PatternTableLayout.PatternCount] > 64)
        {
            throw new ArgumentException("A scan answers for at most 64 patterns.", nameof(automaton));
        }

        _automaton = automaton;
        _input = input;
        _state = automaton[PatternTableLayout.StartState];
    }

    /// <summary>Whether pattern <paramref name="pattern"/> (its index in the automaton) matches somewhere in the input.</summary>
    public bool IsMatch(int pattern)
    {
        var bit = 1UL << pattern;
        if ((_matches & bit) == 0 && _position >= 0)
        {
            PatternSet.Resume(_automaton, _input, ref _position, ref _state, new Span<ulong>(ref _matches), stopWord: 0, stopBits: bit);
        }

        return (_matches & bit) != 0;
    }
}
