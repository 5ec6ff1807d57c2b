using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleCompiler.Samples.CommandLine;

/// <summary>
/// One simple command of a shell command line, reduced to the inputs a command-safety rule set evaluates.
/// </summary>
/// <param name="Command">
/// Basename of the program that runs (<c>/usr/bin/rm</c> gives <c>rm</c>) after leading <c>VAR=value</c>
/// assignments and wrapper prefixes (<c>sudo</c>, <c>env</c>, <c>nohup</c>, ...) are removed;
/// empty when the segment runs no program (for example a bare assignment). A program named by an expansion
/// (<c>$x</c>, <c>$(which rm)</c>) is the word as written, <c>$</c> and all.
/// </param>
/// <param name="Subcommand">The first non-option argument, or empty when there is none.</param>
/// <param name="Args">
/// The program's arguments with quotes removed, redirections dropped and combined short flags split
/// (<c>-rf</c> gives <c>-r</c>, <c>-f</c>).
/// </param>
/// <param name="Line">The segment's text exactly as typed, without surrounding whitespace, operators or comments.</param>
/// <param name="PipesTo">
/// The <see cref="Command"/> of the segment this one pipes into with <c>|</c>, or empty when it is not piped.
/// </param>
/// <param name="Elevated"><see langword="true"/> when the program runs through <c>sudo</c> or <c>doas</c>.</param>
public sealed record ShellCommand(string Command, string Subcommand, string[] Args, string Line, string PipesTo, bool Elevated)
{
    /// <summary>
    /// What runs this command, outermost first (<c>bash -c › $( )</c>); empty for a command of the line itself.
    /// Set by <see cref="ShellCommandParser.Unwrap"/>.
    /// </summary>
    public string Via { get; init; } = "";
}

/// <summary>
/// Splits a POSIX-shell-like command line into <see cref="ShellCommand"/>s.
/// </summary>
/// <remarks>
/// <para>
/// Words are tokenized as a POSIX shell does: blanks separate words; single quotes are literal; double quotes
/// honour backslash before <c>"</c>, <c>\</c>, <c>$</c>, <c>`</c> and newline; a backslash outside quotes escapes
/// the next character (before a newline it continues the line); quotes are removed from words; a <c>#</c> at the
/// start of a word comments out the rest of the line. Redirections (<c>&gt;</c>, <c>2&gt;&amp;1</c>, <c>&amp;&gt;</c>,
/// <c>&lt;&lt;</c>, ...) and their targets are left out of <see cref="ShellCommand.Args"/> but stay in
/// <see cref="ShellCommand.Line"/>.
/// </para>
/// <para>
/// Outside quotes, <c>|</c>, <c>|&amp;</c>, <c>||</c>, <c>&amp;&amp;</c>, <c>;</c>, <c>&amp;</c> and newline end a
/// segment. Empty segments are dropped; a piped segment's <see cref="ShellCommand.PipesTo"/> is the program of the
/// next segment, so a pipe continues across a line break.
/// </para>
/// <para>
/// <see cref="ShellCommand.Subcommand"/> is the first argument that is not an option: options start with
/// <c>-</c> (a lone <c>-</c> is an operand) and everything after <c>--</c> is an operand. The parser does not know
/// which options of a program take a value, so for <c>git -C repo push</c> the subcommand is <c>repo</c>.
/// Short-flag splitting stops at <c>--</c>, and applies only to words whose characters after the dash are all
/// ASCII letters, so <c>-9</c>, <c>-n5</c> and <c>-o/dev/x</c> stay whole (while a single-dash long option such as
/// <c>find -name</c> is split like any other cluster).
/// </para>
/// <para>
/// Outside quotes, <c>(</c> and <c>)</c> also end a segment (subshells, function definitions, case patterns), and
/// reserved words before a program (<c>if</c>, <c>then</c>, <c>do</c>, <c>!</c>, <c>{</c>, ...) are skipped; a
/// <c>for</c>, <c>select</c> or <c>case</c> heading runs no program. <c>$'...'</c> is decoded as bash decodes it.
/// </para>
/// <para>
/// Not interpreted here: parameter expansion and globs (their text stays in the words), and here-document bodies
/// (their lines are parsed as commands). Command and process substitutions stay in the words as written;
/// <see cref="Unwrap"/> parses what is inside them, and what wrappers such as <c>bash -c</c> or <c>xargs</c> run.
/// </para>
/// <para>
/// The parser is lenient: an unterminated quote runs to the end of the input and no input makes it throw.
/// It runs in time linear in the input length.
/// </para>
/// </remarks>
public static partial class ShellCommandParser
{
    // Index into a word's text where quoting first applies, for words with no quoted part.
    private const int NotQuoted = int.MaxValue;

    // Wrapper programs that run the command given after their own options. Matching is on the basename,
    // so /usr/bin/sudo is recognised too. Only options that take a separate value need listing.
    private static readonly Dictionary<string, Prefix> Prefixes = new(StringComparer.Ordinal)
    {
        ["sudo"] = new(Elevates: true, ValueOptions: "ughpCDrtUT",
            LongValueOptions: ["user", "group", "host", "prompt", "close-from", "chdir", "role", "type", "other-user", "command-timeout"],
            TakesAssignments: true),
        ["doas"] = new(Elevates: true, ValueOptions: "uC", LongValueOptions: []),
        // `env -` is the historical spelling of `env -i`, so a lone dash is one of env's options.
        ["env"] = new(Elevates: false, ValueOptions: "uCS", LongValueOptions: ["unset", "chdir", "split-string"],
            TakesAssignments: true, DashIsOption: true, ShellOptions: ["S", "split-string"]),
        ["nice"] = new(Elevates: false, ValueOptions: "n", LongValueOptions: ["adjustment"]),
        ["nohup"] = new(Elevates: false, ValueOptions: "", LongValueOptions: []),
        ["time"] = new(Elevates: false, ValueOptions: "fo", LongValueOptions: ["format", "output"]),
        ["command"] = new(Elevates: false, ValueOptions: "", LongValueOptions: []),
        ["exec"] = new(Elevates: false, ValueOptions: "a", LongValueOptions: []),
        ["builtin"] = new(Elevates: false, ValueOptions: "", LongValueOptions: []),
        // timeout DURATION CMD, chroot DIR CMD: one operand of their own before the command.
        ["timeout"] = new(Elevates: false, ValueOptions: "sk", LongValueOptions: ["signal", "kill-after"], Operands: 1),
        ["chroot"] = new(Elevates: false, ValueOptions: "", LongValueOptions: ["userspec", "groups"], Operands: 1),
        ["stdbuf"] = new(Elevates: false, ValueOptions: "ioe", LongValueOptions: ["input", "output", "error"]),
        ["setsid"] = new(Elevates: false, ValueOptions: "", LongValueOptions: []),
        ["ionice"] = new(Elevates: false, ValueOptions: "cn", LongValueOptions: ["class", "classdata"]),
        ["busybox"] = new(Elevates: false, ValueOptions: "", LongValueOptions: []),
    };

    // "-a".."-z" and "-A".."-Z", indexed by the letter, so splitting flag clusters allocates no strings.
    private static readonly string[] ShortFlags = CreateShortFlags();

    /// <summary>
    /// Splits <paramref name="commandLine"/> into pipeline and list segments and parses each into a
    /// <see cref="ShellCommand"/>.
    /// </summary>
    /// <param name="commandLine">The command line as typed; may span several lines. <see langword="null"/> reads as empty.</param>
    /// <returns>
    /// One command per non-empty segment, in input order; for an empty, blank or comment-only line, a single
    /// command whose strings are all empty and whose <see cref="ShellCommand.Args"/> is empty.
    /// </returns>
    public static IReadOnlyList<ShellCommand> Parse(string commandLine)
    {
        var level = ParseLevel(commandLine ?? string.Empty);
        return level.Commands.Length == 0 ? [new ShellCommand("", "", [], "", "", false)] : level.Commands;
    }

    /// <summary>
    /// The simple commands of one level of <paramref name="text"/>, each with what it runs in turn
    /// (<see cref="Invocation.Inner"/>), and the texts of the substitutions written in it.
    /// </summary>
    private static Level ParseLevel(string text)
    {
        var tokenizer = new Tokenizer(text);
        var segments = SplitSegments(text, tokenizer.Run());

        // Resolve every segment before building results: a piped segment needs the program of the next one.
        var invocations = new Invocation[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            invocations[i] = Resolve(segments[i].Words, segments[i].HereString);
        }

        var commands = new ShellCommand[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            var pipesTo = segments[i].IsPiped && i + 1 < segments.Count ? invocations[i + 1].Command : "";
            var invocation = invocations[i];
            commands[i] = new ShellCommand(
                invocation.Command, invocation.Subcommand, invocation.Args, segments[i].Line, pipesTo, invocation.Elevated);
        }

        return new Level(commands, invocations, segments, tokenizer.Substitutions);
    }

    /// <summary>Groups tokens into segments at operators, dropping redirections and their targets from the words.</summary>
    private static List<Segment> SplitSegments(string text, List<Token> tokens)
    {
        var segments = new List<Segment>();
        var words = new List<Token>();
        int start = -1, end = -1;
        var skipRedirectTarget = false;
        var hereStringNext = false;
        string? hereString = null;

        foreach (var token in tokens)
        {
            if (token.Kind is TokenKind.Word or TokenKind.Redirect)
            {
                if (start < 0)
                {
                    start = token.Start;
                }

                end = token.End;
                if (token.Kind == TokenKind.Redirect)
                {
                    skipRedirectTarget = true;
                    hereStringNext = token.Text == "<<<";
                }
                else if (skipRedirectTarget)
                {
                    // `bash <<< "rm -rf /"`: a shell runs its here-string.
                    hereString = hereStringNext ? token.Text : hereString;
                    skipRedirectTarget = false;
                }
                else
                {
                    words.Add(token);
                }

                continue;
            }

            if (start >= 0)
            {
                segments.Add(new Segment(text[start..end], words, IsPiped: token.Kind == TokenKind.Pipe, hereString));
                words = [];
                start = -1;
                hereString = null;
            }

            skipRedirectTarget = false;
        }

        if (start >= 0)
        {
            segments.Add(new Segment(text[start..end], words, IsPiped: false, hereString));
        }

        return segments;
    }

    /// <summary>Finds the program of one segment and normalizes its arguments.</summary>
    private static Invocation Resolve(List<Token> words, string? hereString = null)
    {
        var index = SkipReservedWords(words);
        if (index < 0)
        {
            return new Invocation("", "", [], false); // `for x in ...`, `case ... in`: no program runs here
        }

        while (index < words.Count && IsShellAssignment(words[index]))
        {
            index++;
        }

        var elevated = false;
        InnerRun? shell = null;
        while (index < words.Count && Prefixes.TryGetValue(BaseName(words[index].Text), out var prefix))
        {
            elevated |= prefix.Elevates;
            var next = prefix.SkipOwnArguments(words, index + 1, BaseName(words[index].Text), out shell);
            if (next >= words.Count || shell is not null)
            {
                // Nothing is wrapped (`sudo -i`, `env`, `exec 3>log`): the prefix itself is the command. With
                // `env -S STRING`, the wrapped command is split from a string: the prefix is the command, and the
                // command line it splits runs inside it.
                break;
            }

            index = next;
        }

        if (index >= words.Count)
        {
            return new Invocation("", "", [], elevated);
        }

        var args = new List<string>(words.Count - index - 1);
        string? subcommand = null;
        var operandsOnly = false;
        for (var i = index + 1; i < words.Count; i++)
        {
            var word = words[i].Text;
            if (operandsOnly)
            {
                args.Add(word);
                subcommand ??= word;
            }
            else if (word == "--")
            {
                args.Add(word);
                operandsOnly = true;
            }
            else if (IsShortFlagCluster(word))
            {
                for (var k = 1; k < word.Length; k++)
                {
                    args.Add(ShortFlags[word[k]]);
                }
            }
            else
            {
                args.Add(word);
                if (!IsOption(word))
                {
                    subcommand ??= word;
                }
            }
        }

        // A program named by an expansion (`$x`, `$(which rm)`) is kept whole: what runs is only known when it runs.
        var program = words[index].Text;
        var command = program.Contains('$', StringComparison.Ordinal) || program.Contains('`', StringComparison.Ordinal) ? program : BaseName(program);
        var readsStdin = false;
        var inner = shell is not null ? [shell] : Runs(command, words, index, hereString, out readsStdin);
        return new Invocation(command, subcommand ?? "", [.. args], elevated) { Inner = inner, ReadsStdin = readsStdin };
    }

    private static bool IsOption(string word) => word.Length > 1 && word[0] == '-';

    /// <summary><c>-rf</c> style: a dash followed only by ASCII letters.</summary>
    private static bool IsShortFlagCluster(string word)
    {
        if (word.Length < 2 || word[0] != '-')
        {
            return false;
        }

        for (var i = 1; i < word.Length; i++)
        {
            if (!char.IsAsciiLetter(word[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A shell-level <c>NAME=value</c> word. The name and the <c>=</c> must be unquoted: <c>'A=1' ls</c> and
    /// <c>A\=1 ls</c> run a program named <c>A=1</c>.
    /// </summary>
    private static bool IsShellAssignment(Token word)
    {
        var equals = AssignmentEqualsIndex(word.Text);
        return equals > 0 && equals < word.QuotedFrom;
    }

    /// <summary>Index of the <c>=</c> when <paramref name="word"/> starts with a valid variable name and <c>=</c>; otherwise -1.</summary>
    private static int AssignmentEqualsIndex(string word)
    {
        if (word.Length == 0 || !(char.IsAsciiLetter(word[0]) || word[0] == '_'))
        {
            return -1;
        }

        for (var i = 1; i < word.Length; i++)
        {
            var c = word[i];
            if (c == '=')
            {
                return i;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The last path component: <c>/usr/bin/rm</c> gives <c>rm</c>.</summary>
    private static string BaseName(string word)
    {
        var trimmed = word.AsSpan().TrimEnd('/');
        if (trimmed.IsEmpty)
        {
            return word; // "", "/" or "//": there is no better name to offer.
        }

        var slash = trimmed.LastIndexOf('/');
        return slash < 0 && trimmed.Length == word.Length ? word : trimmed[(slash + 1)..].ToString();
    }

    private static string[] CreateShortFlags()
    {
        var flags = new string[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            flags[c] = "-" + c;
            flags[char.ToUpperInvariant(c)] = "-" + char.ToUpperInvariant(c);
        }

        return flags;
    }

    private enum TokenKind
    {
        Word,
        Redirect,
        Pipe,
        Separator,
    }

    // A lexical token. Start and End delimit its raw text in the input; for words, Text has the quotes removed
    // and QuotedFrom is the index in Text where quoting first applies.
    private readonly record struct Token(TokenKind Kind, int Start, int End, string Text, int QuotedFrom);

    private readonly record struct Segment(string Line, List<Token> Words, bool IsPiped, string? HereString);

    /// <summary>One simple command's program, and what it runs in turn (<c>bash -c STRING</c>, <c>xargs CMD</c>, ...).</summary>
    private readonly record struct Invocation(string Command, string Subcommand, string[] Args, bool Elevated)
    {
        public IReadOnlyList<InnerRun> Inner { get; init; } = [];

        /// <summary>A shell with no command string and no script: it runs what its standard input says.</summary>
        public bool ReadsStdin { get; init; }
    }

    /// <summary>How a wrapper program's own arguments look, so they can be skipped to reach the wrapped command.</summary>
    /// <param name="Elevates">Whether the wrapper runs the command with elevated privileges.</param>
    /// <param name="ValueOptions">Short options that take a value, attached (<c>-uroot</c>) or as the next word.</param>
    /// <param name="LongValueOptions">Long options (without <c>--</c>) that take the next word as value unless written with <c>=</c>.</param>
    /// <param name="TakesAssignments">Whether <c>NAME=value</c> words may follow the options (<c>env</c>, <c>sudo</c>).</param>
    /// <param name="DashIsOption">Whether a lone <c>-</c> is an option rather than the command.</param>
    /// <param name="Operands">Operands of the wrapper's own before the command (<c>timeout DURATION</c>).</param>
    /// <param name="ShellOptions">
    /// Options that make the wrapper run a command line through a shell: <c>env -S STRING</c> (the string, split,
    /// then the words after it). (<c>sudo -s CMD</c> escapes the words it hands the shell: they run as words.)
    /// </param>
    private sealed record Prefix(
        bool Elevates, string ValueOptions, string[] LongValueOptions, bool TakesAssignments = false, bool DashIsOption = false, int Operands = 0, string[]? ShellOptions = null)
    {
        /// <summary>
        /// Returns the index of the first word after this prefix's options, assignments and operands;
        /// <paramref name="shell"/> is the command line it hands a shell, if one of <see cref="ShellOptions"/> is given.
        /// </summary>
        public int SkipOwnArguments(List<Token> words, int index, string program, out InnerRun? shell)
        {
            var values = new List<OptionValue>();
            index = SkipOptions(words, index, ValueOptions, LongValueOptions, DashIsOption, values);

            // These are the wrapper's argv, not shell syntax, so quoting does not matter here.
            while (TakesAssignments && index < words.Count && AssignmentEqualsIndex(words[index].Text) > 0)
            {
                index++;
            }

            var next = Math.Min(index + Operands, words.Count);
            shell = null;
            foreach (var value in values)
            {
                if (ShellOptions is not null && Array.IndexOf(ShellOptions, value.Name) >= 0)
                {
                    var rest = string.Join(' ', Words(words, next).Select(Quote));
                    var text = value.Value.Length == 0 ? rest : rest.Length == 0 ? value.Value : value.Value + " " + rest;
                    shell = text.Length == 0 ? shell : InnerRun.Shell(program + (value.Name.Length == 1 ? " -" : " --") + value.Name, text);
                }
            }

            return next;
        }
    }

    /// <summary>An option a program was given a value for: <c>-c CMD</c> gives ("c", "CMD"), <c>--command=CMD</c> ("command", "CMD").</summary>
    private readonly record struct OptionValue(string Name, string Value);

    /// <summary>
    /// Skips a program's options from <paramref name="index"/>: returns the index of its first operand (after <c>--</c>),
    /// adding the options that take a value to <paramref name="values"/>, and the other short options as value-less
    /// entries (flags) so that callers can ask for <c>-c</c> in <c>-lc</c>.
    /// </summary>
    /// <param name="words">The words.</param>
    /// <param name="index">The first word after the program's name.</param>
    /// <param name="valueOptions">Short options that take a value, attached (<c>-uroot</c>) or as the next word.</param>
    /// <param name="longValueOptions">Long options (without <c>--</c>) that take the next word as value unless written with <c>=</c>.</param>
    /// <param name="dashIsOption">Whether a lone <c>-</c> is an option (<c>env -</c>) rather than an operand.</param>
    /// <param name="values">Where the options seen go, or null.</param>
    private static int SkipOptions(List<Token> words, int index, string valueOptions, string[] longValueOptions, bool dashIsOption, List<OptionValue>? values)
    {
        while (index < words.Count)
        {
            var word = words[index].Text;
            if (word == "--")
            {
                return index + 1;
            }

            if (word == "-" && dashIsOption)
            {
                index++;
                continue;
            }

            if (!IsOption(word))
            {
                return index;
            }

            index++;
            if (word[1] == '-')
            {
                var name = word[2..];
                var equals = name.IndexOf('=');
                if (equals >= 0)
                {
                    values?.Add(new(name[..equals], name[(equals + 1)..]));
                }
                else if (Array.IndexOf(longValueOptions, name) >= 0)
                {
                    values?.Add(new(name, index < words.Count ? words[index].Text : ""));
                    index++;
                }
                else
                {
                    values?.Add(new(name, ""));
                }

                continue;
            }

            // A cluster such as -Eu: the first value-taking option consumes the rest of the word, or the next word.
            for (var i = 1; i < word.Length; i++)
            {
                if (valueOptions.Contains(word[i], StringComparison.Ordinal))
                {
                    var attached = i < word.Length - 1;
                    values?.Add(new(word[i].ToString(), attached ? word[(i + 1)..] : index < words.Count ? words[index].Text : ""));
                    if (!attached)
                    {
                        index++;
                    }

                    break;
                }

                values?.Add(new(word[i].ToString(), ""));
            }
        }

        return index;
    }

    /// <summary>Single-pass lexer producing words (quotes removed), redirections and operators.</summary>
    private sealed class Tokenizer(string text)
    {
        private readonly List<Token> _tokens = [];

        /// <summary>The texts of <c>$( )</c>, backquotes, <c>&lt;( )</c>, <c>&gt;( )</c> and <c>$(( ))</c> written in the input, in order.</summary>
        public List<Substitution> Substitutions { get; } = [];
        private readonly StringBuilder _word = new();
        private int _pos;

        // A word can be in progress yet empty (after ''), so "in a word" is tracked apart from the buffer.
        private bool _inWord;
        private int _wordStart;
        private int _quotedFrom = NotQuoted;
        private bool _digitsOnly;

        public List<Token> Run()
        {
            while (_pos < text.Length)
            {
                var c = text[_pos];
                switch (c)
                {
                    case ' ' or '\t' or '\r' or '\f' or '\v':
                        // '\r' counts as a blank so CRLF input parses like LF input.
                        EndWord();
                        _pos++;
                        break;
                    case '\n' or ';':
                        EndWord();
                        AddOperator(TokenKind.Separator, 1);
                        break;
                    case '|':
                        EndWord();
                        if (Peek(1) == '|')
                        {
                            AddOperator(TokenKind.Separator, 2);
                        }
                        else
                        {
                            AddOperator(TokenKind.Pipe, Peek(1) == '&' ? 2 : 1); // bash `|&` pipes stderr too
                        }

                        break;
                    case '&':
                        EndWord();
                        if (Peek(1) == '&')
                        {
                            AddOperator(TokenKind.Separator, 2);
                        }
                        else if (Peek(1) == '>')
                        {
                            AddOperator(TokenKind.Redirect, Peek(2) == '>' ? 3 : 2); // bash `&>file`, `&>>file`
                        }
                        else
                        {
                            AddOperator(TokenKind.Separator, 1);
                        }

                        break;
                    case '<' or '>' when Peek(1) == '(' && !(_inWord && _digitsOnly):
                        ReadSubstitution(c == '<' ? SubstitutionKind.ProcessInput : SubstitutionKind.ProcessOutput, 2);
                        break;
                    case '<' or '>':
                        ReadRedirect();
                        break;
                    case '(' or ')':
                        // A subshell `( )`, a function's `()` or a case pattern's `)`: each ends a simple command.
                        EndWord();
                        AddOperator(TokenKind.Separator, 1);
                        break;
                    case '$' when Peek(1) == '(':
                        ReadSubstitution(Peek(2) == '(' ? SubstitutionKind.Arithmetic : SubstitutionKind.Command, 2);
                        break;
                    case '$' when Peek(1) == '\'':
                        ReadAnsiCQuoted();
                        break;
                    case '$' when Peek(1) == '"':
                        _pos++; // $"..." is a double-quoted string translated by the locale
                        ReadDoubleQuoted();
                        break;
                    case '`':
                        ReadBackquoted();
                        break;
                    case '\'':
                        ReadSingleQuoted();
                        break;
                    case '"':
                        ReadDoubleQuoted();
                        break;
                    case '\\':
                        ReadEscape();
                        break;
                    case '#' when !_inWord:
                        var newline = text.IndexOf('\n', _pos);
                        _pos = newline < 0 ? text.Length : newline;
                        break;
                    default:
                        Append(c);
                        _pos++;
                        break;
                }
            }

            EndWord();
            return _tokens;
        }

        private char Peek(int offset) => _pos + offset < text.Length ? text[_pos + offset] : '\0';

        private void BeginWord()
        {
            if (!_inWord)
            {
                _inWord = true;
                _wordStart = _pos;
                _quotedFrom = NotQuoted;
                _digitsOnly = true;
            }
        }

        private void Append(char c)
        {
            BeginWord();
            _word.Append(c);
            _digitsOnly &= char.IsAsciiDigit(c);
        }

        private void MarkQuoted()
        {
            BeginWord();
            if (_quotedFrom == NotQuoted)
            {
                _quotedFrom = _word.Length;
            }

            _digitsOnly = false;
        }

        private void EndWord()
        {
            if (_inWord)
            {
                _tokens.Add(new Token(TokenKind.Word, _wordStart, _pos, _word.ToString(), _quotedFrom));
                _word.Clear();
                _inWord = false;
            }
        }

        private void AddOperator(TokenKind kind, int length)
        {
            _tokens.Add(new Token(kind, _pos, _pos + length, "", NotQuoted));
            _pos += length;
        }

        private void ReadRedirect()
        {
            var start = _pos;
            if (_inWord && _digitsOnly && _word.Length > 0)
            {
                // The digits of `2>` name a file descriptor; they belong to the redirection, not the arguments.
                start = _wordStart;
                _word.Clear();
                _inWord = false;
            }
            else
            {
                EndWord();
            }

            var length = (text[_pos], Peek(1)) switch
            {
                ('>', '>' or '|' or '&') => 2,
                ('<', '<') => Peek(2) is '<' or '-' ? 3 : 2,
                ('<', '&' or '>') => 2,
                _ => 1,
            };
            _tokens.Add(new Token(TokenKind.Redirect, start, _pos + length, text.Substring(_pos, length), NotQuoted));
            _pos += length;
        }

        /// <summary>
        /// <c>$( )</c>, <c>$(( ))</c>, <c>&lt;( )</c> or <c>&gt;( )</c> from <see cref="_pos"/>: its text stays in the word as
        /// written, and what is inside is a command line of its own (<see cref="Substitutions"/>).
        /// </summary>
        private void ReadSubstitution(SubstitutionKind kind, int open)
        {
            BeginWord();
            _digitsOnly = false;
            var inner = _pos + open;
            var close = CloseOf(text, inner);
            Substitutions.Add(new Substitution(kind, text[inner..close]));
            var end = Math.Min(close + 1, text.Length);
            _word.Append(text, _pos, end - _pos);
            _pos = end;
        }

        /// <summary>`...`: the text stays in the word; inside, <c>\\</c>, <c>\`</c> and <c>\$</c> stand for the character.</summary>
        private void ReadBackquoted()
        {
            BeginWord();
            _digitsOnly = false;
            var inner = new StringBuilder();
            var i = _pos + 1;
            while (i < text.Length && text[i] != '`')
            {
                if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '\\' or '`' or '$')
                {
                    i++;
                }

                inner.Append(text[i]);
                i++;
            }

            Substitutions.Add(new Substitution(SubstitutionKind.Backquoted, inner.ToString()));
            var end = Math.Min(i + 1, text.Length);
            _word.Append(text, _pos, end - _pos);
            _pos = end;
        }

        /// <summary><c>$'...'</c>: bash's ANSI-C quoting, whose backslash escapes stand for characters (<c>$'\x72m'</c> is <c>rm</c>).</summary>
        private void ReadAnsiCQuoted()
        {
            MarkQuoted();
            _pos += 2;
            while (_pos < text.Length && text[_pos] != '\'')
            {
                if (text[_pos] != '\\' || _pos + 1 >= text.Length)
                {
                    _word.Append(text[_pos++]);
                    continue;
                }

                var escape = text[_pos + 1];
                _pos += 2;
                switch (escape)
                {
                    case 'n': _word.Append('\n'); break;
                    case 't': _word.Append('\t'); break;
                    case 'r': _word.Append('\r'); break;
                    case 'a': _word.Append('\a'); break;
                    case 'b': _word.Append('\b'); break;
                    case 'e' or 'E': _word.Append('\u001b'); break;
                    case 'f': _word.Append('\f'); break;
                    case 'v': _word.Append('\v'); break;
                    case 'x': _word.Append((char)Digits(16, 2)); break;
                    case 'u': _word.Append((char)Digits(16, 4)); break;
                    case 'U':
                        var code = Digits(16, 8);
                        _word.Append(code is > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? "\uFFFD" : char.ConvertFromUtf32(code));
                        break;
                    case >= '0' and <= '7': _pos--; _word.Append((char)(Digits(8, 3) & 0xFF)); break;
                    default: _word.Append(escape); break; // \\, \', \" and any other character stand for themselves
                }
            }

            _pos = Math.Min(_pos + 1, text.Length);
        }

        /// <summary>Up to <paramref name="count"/> digits of <paramref name="radix"/> from <see cref="_pos"/>, as one number.</summary>
        private int Digits(int radix, int count)
        {
            var value = 0;
            for (var i = 0; i < count && _pos < text.Length && Uri.IsHexDigit(text[_pos]) && Convert.ToInt32(text[_pos].ToString(), 16) < radix; i++)
            {
                value = (value * radix) + Convert.ToInt32(text[_pos++].ToString(), 16);
            }

            return value;
        }

        private void ReadSingleQuoted()
        {
            MarkQuoted();
            var close = text.IndexOf('\'', _pos + 1);
            var end = close < 0 ? text.Length : close; // unterminated: the rest of the input is quoted
            _word.Append(text, _pos + 1, end - _pos - 1);
            _pos = close < 0 ? text.Length : close + 1;
        }

        private void ReadDoubleQuoted()
        {
            MarkQuoted();
            _pos++;
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return;
                }

                if (c == '$' && Peek(1) == '(')
                {
                    ReadSubstitution(Peek(2) == '(' ? SubstitutionKind.Arithmetic : SubstitutionKind.Command, 2);
                    continue;
                }

                if (c == '`')
                {
                    ReadBackquoted();
                    continue;
                }

                if (c == '\\')
                {
                    var next = Peek(1);
                    if (next is '"' or '\\' or '$' or '`')
                    {
                        _word.Append(next);
                        _pos += 2;
                        continue;
                    }

                    if (next == '\n')
                    {
                        _pos += 2; // line continuation
                        continue;
                    }
                }

                // Any other backslash is literal inside double quotes.
                _word.Append(c);
                _pos++;
            }
        }

        private void ReadEscape()
        {
            var next = Peek(1);
            if (next == '\n' || (next == '\r' && Peek(2) == '\n'))
            {
                // Line continuation: backslash and line break vanish, even in the middle of a word.
                _pos += next == '\n' ? 2 : 3;
                return;
            }

            if (_pos + 1 >= text.Length)
            {
                Append('\\'); // lenient: a trailing backslash stays literal
                _pos++;
                return;
            }

            MarkQuoted();
            _word.Append(next);
            _pos += 2;
        }
    }
}
