using System;
using System.Collections.Generic;
using System.Globalization;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Patterns;

/// <summary>A pattern parsed into a <see cref="PatternNode"/>, or why the automaton cannot take it.</summary>
public sealed record ParsedPattern(PatternNode? Node, string? Unsupported)
{
    public bool IsSupported => Node is not null;
}

/// <summary>
/// Parses the subset of .NET regex syntax the automaton compiles, with the default options plus
/// <c>CultureInvariant</c> and optionally <c>IgnoreCase</c>: literals and escapes, <c>.</c>, classes (ranges,
/// negation, <c>\w \W \d \D \s \S</c>), groups (captures and names are dropped), alternation, greedy and lazy
/// quantifiers, and the anchors <c>^ $ \A \z \Z \b \B</c>. Anything else (inline options, Unicode categories,
/// backreferences, lookarounds, atomic groups, conditionals, <c>\G</c>, octal and control escapes, class
/// subtraction), and ignore-case of non-ASCII chars, gives a reason instead of a node; a pattern .NET rejects does too.
/// </summary>
public static class PatternParser
{
    public static ParsedPattern Parse(string pattern, bool ignoreCase)
    {
        try
        {
            return new ParsedPattern(new Reader(pattern, ignoreCase).ReadPattern(), null);
        }
        catch (UnsupportedPatternException unsupported)
        {
            return new ParsedPattern(null, unsupported.Message);
        }
    }

    // Thrown only inside this class, to unwind the descent; Parse turns it into a reason.
    private sealed class UnsupportedPatternException(string reason) : Exception(reason);

    private sealed class Reader(string pattern, bool ignoreCase)
    {
        private int _position;

        public PatternNode ReadPattern()
        {
            var node = ReadAlternation();
            if (_position < pattern.Length)
            {
                throw Unsupported("')' without a matching '('");
            }

            return node;
        }

        private bool AtEnd => _position >= pattern.Length;

        private char Current => pattern[_position];

        private PatternNode ReadAlternation()
        {
            var alternatives = new List<PatternNode> { ReadConcatenation() };
            while (!AtEnd && Current == '|')
            {
                _position++;
                alternatives.Add(ReadConcatenation());
            }

            return alternatives.Count == 1 ? alternatives[0] : new AlternationNode(alternatives.ToEquatableArray());
        }

        private PatternNode ReadConcatenation()
        {
            var items = new List<PatternNode>();
            while (!AtEnd && Current is not ('|' or ')'))
            {
                if (IsQuantifierAt(_position, out _))
                {
                    throw Unsupported($"quantifier '{Current}' following nothing");
                }

                items.Add(ReadQuantifiers(ReadAtom()));
            }

            return items.Count switch
            {
                0 => EmptyNode.Instance,
                1 => items[0],
                _ => new ConcatNode(items.ToEquatableArray()),
            };
        }

        private PatternNode ReadQuantifiers(PatternNode atom)
        {
            if (!IsQuantifierAt(_position, out var length))
            {
                return atom;
            }

            var (min, max) = ReadQuantifier(pattern.Substring(_position, length));
            _position += length;
            if (!AtEnd && Current == '?')
            {
                _position++; // lazy: the same strings match
            }

            if (IsQuantifierAt(_position, out _))
            {
                throw Unsupported($"nested quantifier '{Current}'");
            }

            return new RepeatNode(atom, min, max);
        }

        /// <summary>True at <c>* + ?</c> or at a well-formed <c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c> (any other '{' is a literal).</summary>
        private bool IsQuantifierAt(int position, out int length)
        {
            length = 1;
            if (position >= pattern.Length)
            {
                return false;
            }

            if (pattern[position] is '*' or '+' or '?')
            {
                return true;
            }

            if (pattern[position] != '{')
            {
                return false;
            }

            var i = SkipDigits(position + 1);
            if (i == position + 1 || i >= pattern.Length)
            {
                return false;
            }

            if (pattern[i] == ',')
            {
                i = SkipDigits(i + 1);
            }

            length = i + 1 - position;
            return i < pattern.Length && pattern[i] == '}';
        }

        private int SkipDigits(int i)
        {
            while (i < pattern.Length && pattern[i] is >= '0' and <= '9')
            {
                i++;
            }

            return i;
        }

        private (int Min, int? Max) ReadQuantifier(string text)
        {
            switch (text)
            {
                case "*":
                    return (0, null);
                case "+":
                    return (1, null);
                case "?":
                    return (0, 1);
            }

            var body = text.Substring(1, text.Length - 2);
            var comma = body.IndexOf(',');
            var min = Count(comma < 0 ? body : body.Substring(0, comma));
            int? max = comma < 0 ? min : comma == body.Length - 1 ? null : Count(body.Substring(comma + 1));
            if (max < min)
            {
                throw Unsupported($"quantifier {text} has its bounds in reverse order");
            }

            return (min, max);
        }

        private int Count(string digits) =>
            int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? count
                : throw Unsupported($"repetition count {digits} is larger than Int32.MaxValue");

        private PatternNode ReadAtom()
        {
            var c = pattern[_position++];
            switch (c)
            {
                case '(':
                    return ReadGroup();
                case '[':
                    return ReadClass();
                case '.':
                    return new SetNode(CharClasses.AnyButNewline);
                case '^':
                    return new AnchorNode(Anchor.Beginning);
                case '$':
                    return new AnchorNode(Anchor.EndOrBeforeFinalNewline);
                case '\\':
                    return ReadEscape();
                default:
                    return Literal(c);
            }
        }

        private PatternNode ReadGroup()
        {
            if (!AtEnd && Current == '?')
            {
                _position++;
                SkipGroupPrefix();
            }

            var body = ReadAlternation();
            if (AtEnd)
            {
                throw Unsupported("'(' without a matching ')'");
            }

            _position++;
            return body;
        }

        /// <summary>After <c>(?</c>: accepts <c>:</c> and a capture name; anything else is a construct the automaton lacks.</summary>
        private void SkipGroupPrefix()
        {
            var rest = pattern.Substring(_position);
            if (rest.StartsWith(":", StringComparison.Ordinal))
            {
                _position++;
                return;
            }

            if (rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal))
            {
                throw Unsupported("lookbehind (?<= or (?<!");
            }

            if (rest.Length > 0 && rest[0] is '<' or '\'')
            {
                SkipGroupName(rest[0] == '<' ? '>' : '\'');
                return;
            }

            throw Unsupported(rest.Length == 0 ? "unterminated group construct (?" : rest[0] switch
            {
                '=' or '!' => "lookahead (?= or (?!",
                '>' => "atomic group (?>",
                '(' => "conditional (?(",
                '#' => "comment group (?#",
                _ => "inline options or an unknown group construct (?" + rest[0],
            });
        }

        private void SkipGroupName(char close)
        {
            var start = ++_position;
            while (!AtEnd && CharClasses.Word.Contains(Current))
            {
                _position++;
            }

            if (_position == start || AtEnd || Current != close)
            {
                throw Unsupported("a group name that is not a plain name (balancing groups included)");
            }

            _position++;
        }

        private PatternNode ReadEscape()
        {
            if (AtEnd)
            {
                throw Unsupported("'\\' at the end of the pattern");
            }

            var c = pattern[_position];
            switch (c)
            {
                case 'A':
                    _position++;
                    return new AnchorNode(Anchor.Beginning);
                case 'z':
                    _position++;
                    return new AnchorNode(Anchor.End);
                case 'Z':
                    _position++;
                    return new AnchorNode(Anchor.EndOrBeforeFinalNewline);
                case 'b':
                    _position++;
                    return new AnchorNode(Anchor.WordBoundary);
                case 'B':
                    _position++;
                    return new AnchorNode(Anchor.NonWordBoundary);
                case 'G':
                    throw Unsupported("\\G (contiguous matches)");
            }

            if (ReadShorthand() is { } shorthand)
            {
                return new SetNode(shorthand);
            }

            return Literal(ReadCharEscape());
        }

        /// <summary>At the char after '\': <c>\d \D \w \W \s \S</c> as a set, or null (nothing read) for any other escape.</summary>
        private CharSet? ReadShorthand()
        {
            CharSet? set = Current switch
            {
                'd' => CharClasses.Digit,
                'D' => CharClasses.Digit.Complement(),
                'w' => CharClasses.Word,
                'W' => CharClasses.Word.Complement(),
                's' => CharClasses.Space,
                'S' => CharClasses.Space.Complement(),
                _ => null,
            };
            if (set is not null)
            {
                _position++;
            }

            return set;
        }

        /// <summary>At the char after '\': an escape that stands for one char.</summary>
        private char ReadCharEscape()
        {
            var c = pattern[_position++];
            switch (c)
            {
                case 't': return '\t';
                case 'n': return '\n';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'v': return '\v';
                case 'e': return '\x1B';
                case 'a': return '\a';
                case 'x': return ReadHex(2);
                case 'u': return ReadHex(4);
                case 'p' or 'P': throw Unsupported($"Unicode category \\{c}{{...}}");
                case 'k': throw Unsupported("backreference \\k");
                case 'c': throw Unsupported("control char escape \\c");
                case >= '0' and <= '9': throw Unsupported($"backreference or octal escape \\{c}");
            }

            if (CharClasses.BoundaryWord.Contains(c))
            {
                throw Unsupported($"unrecognized escape \\{c}");
            }

            return c;
        }

        private char ReadHex(int digits)
        {
            if (_position + digits > pattern.Length
                || !int.TryParse(pattern.Substring(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw Unsupported("insufficient or invalid hexadecimal digits");
            }

            _position += digits;
            return (char)value;
        }

        private PatternNode ReadClass()
        {
            var negated = !AtEnd && Current == '^';
            if (negated)
            {
                _position++;
            }

            var chars = new List<CharRange>();
            var shorthands = CharSet.Empty;
            var first = true;
            while (AtEnd || Current != ']' || first)
            {
                if (AtEnd)
                {
                    throw Unsupported("unterminated [] class");
                }

                first = false;
                if (Current == '[')
                {
                    throw Unsupported("'[' inside a class (class subtraction or [:name:])");
                }

                if (Current == '\\' && _position + 1 < pattern.Length)
                {
                    _position++;
                    if (ReadShorthand() is { } shorthand)
                    {
                        shorthands = shorthands.Union(shorthand);
                        continue;
                    }

                    _position--;
                }

                chars.Add(ReadClassRange());
            }

            _position++;
            var set = Cased(CharSet.FromRanges(chars)).Union(shorthands);
            return new SetNode(negated ? set.Complement() : set);
        }

        /// <summary>One char of a class, or a range <c>a-z</c> when '-' follows and does not close the class.</summary>
        private CharRange ReadClassRange()
        {
            var first = ReadClassChar();
            if (_position + 1 >= pattern.Length || Current != '-' || pattern[_position + 1] == ']')
            {
                return new CharRange(first, first);
            }

            _position++;
            if (Current == '[')
            {
                throw Unsupported("class subtraction -[...]");
            }

            if (Current == '\\' && _position + 1 < pattern.Length && pattern[_position + 1] is 'd' or 'D' or 'w' or 'W' or 's' or 'S' or 'p' or 'P')
            {
                throw Unsupported("a class such as \\d as the end of a range");
            }

            var last = ReadClassChar();
            return last >= first ? new CharRange(first, last) : throw Unsupported("[x-y] range in reverse order");
        }

        private char ReadClassChar()
        {
            var c = pattern[_position++];
            if (c != '\\')
            {
                return c;
            }

            if (AtEnd)
            {
                throw Unsupported("'\\' at the end of the pattern");
            }

            if (Current == 'b')
            {
                _position++;
                return '\b';
            }

            return ReadCharEscape();
        }

        private PatternNode Literal(char c) => new SetNode(Cased(CharSet.Of(c)));

        private CharSet Cased(CharSet chars)
        {
            if (!ignoreCase)
            {
                return chars;
            }

            return InvariantCase.CanClose(chars)
                ? InvariantCase.Close(chars)
                : throw Unsupported("ignore-case of a non-ASCII char, whose case equivalents .NET takes from its own table");
        }

        private UnsupportedPatternException Unsupported(string reason) =>
            new($"{reason} (at offset {_position} of the pattern)");
    }
}
