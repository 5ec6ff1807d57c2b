// The layout of a pattern automaton serialized as ushorts: written by the compiler (PatternAutomaton.ToTable),
// read by the runtime (PatternSet). One file, linked into both, so that the two cannot disagree.
namespace RuleCompiler.Patterns;

/// <summary>
/// A table is one <c>ushort</c> sequence: a header (the fields below, at these indexes), then
/// <see cref="AsciiClassCount"/> class ids of chars U+0000..U+007F, then the first chars of the ranges that cover
/// U+0080..U+FFFF (ascending, the first is U+0080) and their class ids, then the transitions
/// (<c>state * ClassCount + class</c>), then for each state the patterns that match on entering it, then for each
/// state those that match when the input ends there, each as <c>(PatternCount + 15) / 16</c> words of 16 bits
/// (pattern p: bit p % 16 of word p / 16). States below <c>FirstAcceptingState</c> match nothing on entry; states
/// at or above <c>FirstFinalState</c> go to themselves on every char.
/// </summary>
internal static class PatternTableLayout
{
    public const ushort FormatVersion = 1;

    public const int Version = 0;
    public const int PatternCount = 1;
    public const int ClassCount = 2;
    public const int StateCount = 3;
    public const int StartState = 4;
    public const int FirstAcceptingState = 5;
    public const int FirstFinalState = 6;
    public const int RangeCount = 7;
    public const int HeaderLength = 8;

    public const int AsciiClassCount = 128;

    public static int WordsPerState(int patternCount) => (patternCount + 15) / 16;
}
