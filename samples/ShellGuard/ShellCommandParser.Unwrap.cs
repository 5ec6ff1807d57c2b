using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleCompiler.Samples.CommandLine;

/// <summary>Every command a command line runs, nested ones included, or why the line was not looked into completely.</summary>
/// <param name="Commands">The commands, outermost first; each nested one names what it runs inside (<see cref="ShellCommand.Via"/>).</param>
/// <param name="Refusal">Null when every command was found; otherwise which limit the line went past, in words for its user.</param>
public sealed record UnwrappedCommandLine(IReadOnlyList<ShellCommand> Commands, string? Refusal);

/// <summary>How far <see cref="ShellCommandParser.Unwrap"/> looks before it refuses a line.</summary>
/// <param name="MaxDepth">Commands inside commands (<c>bash -c "echo $(...)"</c> is two levels).</param>
/// <param name="MaxLength">Characters of the whole line.</param>
/// <param name="MaxCommands">Commands found, nested ones included.</param>
public sealed record UnwrapLimits(int MaxDepth = 16, int MaxLength = 256 * 1024, int MaxCommands = 4096)
{
    /// <summary>16 levels, 256 K characters, 4,096 commands: far past what people and agents type.</summary>
    public static UnwrapLimits Default { get; } = new();
}

public static partial class ShellCommandParser
{
    // Shells that run a command string given with -c (`bash -lc "..."`), or their standard input given no operand.
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal)
    {
        "sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "yash", "posh", "rbash", "fish",
    };

    // Words that may stand before a command and are not themselves one: `if rm ...`, `! rm ...`, `{ rm ...; }`.
    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "!", "{", "}", "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "esac", "coproc",
    };

    /// <summary>
    /// Every command <paramref name="commandLine"/> runs, as a shell would run it: the simple commands of
    /// <see cref="Parse"/>, and inside them what they run in turn, to any depth within <paramref name="limits"/>:
    /// command and process substitution (<c>$( )</c>, backquotes, <c>&lt;( )</c>, <c>&gt;( )</c>, and <c>$(( ))</c>
    /// read as commands too), subshells and groups, the command string of <c>sh|bash|zsh|dash|ksh|fish -c</c> (also
    /// <c>-lc</c>, <c>-ec</c>, ...), a shell's here-string, <c>echo|printf ... | sh</c>, <c>su -c</c>, <c>eval</c>,
    /// <c>xargs</c>, <c>find -exec|-execdir|-ok|-okdir</c> (<c>{}</c> read as find's starting points), <c>env -S</c>,
    /// <c>watch</c>, and the remote command of <c>ssh HOST CMD</c>; <c>sudo</c>, <c>doas</c>, <c>env</c>, <c>nohup</c>,
    /// <c>timeout</c>, <c>nice</c>, <c>time</c>, <c>command</c>, <c>builtin</c>, <c>exec</c>, <c>stdbuf</c>,
    /// <c>setsid</c>, <c>ionice</c>, <c>chroot</c> and <c>busybox</c> are seen through, as <see cref="Parse"/> does.
    /// </summary>
    /// <param name="commandLine">The command line as typed. <see langword="null"/> reads as empty.</param>
    /// <param name="limits">How deep and how much to look; <see cref="UnwrapLimits.Default"/> when null.</param>
    /// <returns>
    /// The commands (at least one, as <see cref="Parse"/>), or a <see cref="UnwrappedCommandLine.Refusal"/> saying which
    /// limit the line went past: a caller that must not let through what it did not see treats that as a deny.
    /// </returns>
    public static UnwrappedCommandLine Unwrap(string commandLine, UnwrapLimits? limits = null)
    {
        var unwrapping = new Unwrapping(limits ?? UnwrapLimits.Default);
        unwrapping.Line(commandLine ?? string.Empty);
        var commands = unwrapping.Commands.Count == 0 && unwrapping.Refusal is null
            ? [new ShellCommand("", "", [], "", "", false)]
            : unwrapping.Commands;
        return new UnwrappedCommandLine(commands, unwrapping.Refusal);
    }

    /// <summary>
    /// Where a command's own program is, past reserved words (<c>if</c>, <c>!</c>, <c>{</c>, <c>do</c>, ...) and a
    /// <c>function NAME</c> heading; -1 for a heading that runs nothing (<c>for</c>, <c>select</c>, <c>case</c>).
    /// Only unquoted words are reserved: <c>'if'</c> is a program.
    /// </summary>
    private static int SkipReservedWords(List<Token> words)
    {
        var index = 0;
        while (index < words.Count && words[index].QuotedFrom == NotQuoted)
        {
            var word = words[index].Text;
            if (word is "for" or "select" or "case")
            {
                return -1;
            }

            if (word == "function")
            {
                index += 2;
            }
            else if (ReservedWords.Contains(word))
            {
                index++;
            }
            else
            {
                break;
            }
        }

        return index;
    }

    /// <summary>A shell's options: <c>-</c> and <c>+</c> clusters (<c>-o</c>, <c>+o</c>, <c>-O</c> take a value), long options.</summary>
    private static int SkipShellOptions(List<Token> words, int index, List<OptionValue> options)
    {
        while (true)
        {
            index = SkipOptions(words, index, "oO", ["rcfile", "init-file"], dashIsOption: false, options);
            if (index >= words.Count || words[index - 1].Text == "--" || words[index].Text is not { Length: > 1 } word || word[0] != '+')
            {
                return index;
            }

            // +o NAME, +x: the same options, turned off; -c can follow them.
            index += word.AsSpan(1).IndexOfAny('o', 'O') >= 0 && word.Length == 2 ? 2 : 1;
        }
    }

    /// <summary>
    /// What the program at <paramref name="index"/> runs in turn, from its own arguments; <paramref name="readsStdin"/>:
    /// it is a shell given no command string and no script, which runs what its standard input says.
    /// </summary>
    private static IReadOnlyList<InnerRun> Runs(string program, List<Token> words, int index, string? hereString, out bool readsStdin)
    {
        var first = index + 1;
        readsStdin = false;
        if (Shells.Contains(program))
        {
            // Options first (`+o`, `+x` too); with -c (alone or in a cluster), the first operand is the command string;
            // fish also takes it as --command=STRING.
            var options = new List<OptionValue>();
            var operand = SkipShellOptions(words, first, options);
            if (options.FirstOrDefault(option => option.Name == "command" && option.Value.Length > 0) is { Name: not null } command)
            {
                return [InnerRun.Shell(program + " --command", command.Value)];
            }

            if (options.Any(option => option.Name is "c" or "command"))
            {
                return operand < words.Count ? [InnerRun.Shell(program + " -c", words[operand].Text)] : [];
            }

            readsStdin = operand >= words.Count;
            return readsStdin && hereString is not null ? [InnerRun.Shell(program + " <<<", hereString)] : [];
        }

        switch (program)
        {
            case "su" or "runuser":
            {
                // Options may follow the user's name (`su root -c CMD`): read them past each operand.
                var options = new List<OptionValue>();
                for (var next = first; next < words.Count; next++)
                {
                    next = SkipOptions(words, next, "cgGsw", ["command", "session-command", "group", "supp-group", "shell", "whitelist-environment"], dashIsOption: true, options);
                }

                return options.Where(option => option.Name is "c" or "command" or "session-command")
                    .Select(option => InnerRun.Shell(program + " -c", option.Value) with { Elevates = true })
                    .ToArray();
            }

            case "eval":
                return first < words.Count ? [InnerRun.Shell("eval", Joined(words, first))] : [];
            case "watch":
            {
                var options = new List<OptionValue>();
                var command = SkipOptions(words, first, "n", ["interval"], dashIsOption: false, options);
                if (command >= words.Count)
                {
                    return [];
                }

                // watch hands its arguments, joined by spaces, to `sh -c`; with -x (--exec) it runs them as they are.
                return options.Any(option => option.Name is "x" or "exec")
                    ? [InnerRun.Program("watch -x", Words(words, command))]
                    : [InnerRun.Shell("watch", Joined(words, command))];
            }

            case "ssh":
            {
                // ssh reads options after the host too (`ssh host -p 22 CMD`), up to the remote command.
                const string values = "BbcDEeFIiJLlmOoPpQRSWw";
                var host = SkipOptions(words, first, values, [], dashIsOption: false, null);
                var command = host < words.Count ? SkipOptions(words, host + 1, values, [], dashIsOption: false, null) : words.Count;
                return command < words.Count ? [InnerRun.Shell("ssh " + words[host].Text, Joined(words, command)) with { Remote = true }] : [];
            }

            case "xargs":
            {
                // -e, -i and -l take their value attached only (GNU), so they are not value options here.
                var command = SkipOptions(words, first, "adEILnPs", ["arg-file", "delimiter", "max-args", "max-procs", "max-chars", "process-slot-var"], dashIsOption: false, null);
                return command < words.Count ? [InnerRun.Program("xargs", Words(words, command))] : [];
            }

            case "find":
                return FindExecs(words, first);
            default:
                return [];
        }
    }

    /// <summary>
    /// The commands of <c>find</c>'s <c>-exec</c>, <c>-execdir</c>, <c>-ok</c> and <c>-okdir</c> actions: their words up to
    /// <c>;</c> or <c>+</c>, with <c>{}</c> read as find's starting points (what find names is them or below them).
    /// </summary>
    private static InnerRun[] FindExecs(List<Token> words, int first)
    {
        var index = first;
        // find's own options before its starting points: -H, -L, -P, -Olevel, -D debugopts.
        while (index < words.Count && (words[index].Text is "-H" or "-L" or "-P" || words[index].Text.StartsWith("-O", StringComparison.Ordinal)))
        {
            index++;
        }

        if (index < words.Count && words[index].Text == "-D")
        {
            index += 2;
        }

        var starts = new List<string>();
        while (index < words.Count && words[index].Text is var word && word.Length > 0 && word[0] is not ('-' or '(' or '!' or ')' or ','))
        {
            starts.Add(word);
            index++;
        }

        if (starts.Count == 0)
        {
            starts.Add(".");
        }

        var runs = new List<InnerRun>();
        for (; index < words.Count; index++)
        {
            if (words[index].Text is not ("-exec" or "-execdir" or "-ok" or "-okdir"))
            {
                continue;
            }

            var action = words[index].Text;
            var argv = new List<string>();
            for (index++; index < words.Count && words[index].Text is not (";" or "+"); index++)
            {
                if (words[index].Text == "{}")
                {
                    argv.AddRange(starts);
                }
                else
                {
                    argv.Add(words[index].Text);
                }
            }

            if (argv.Count > 0)
            {
                runs.Add(InnerRun.Program("find " + action, [.. argv]));
            }
        }

        return [.. runs];
    }

    /// <summary>The words from <paramref name="first"/> on, joined by spaces: what <c>eval</c>, <c>watch</c> and <c>ssh</c> hand a shell.</summary>
    private static string Joined(List<Token> words, int first) => string.Join(' ', Words(words, first));

    private static string[] Words(List<Token> words, int first) => words.Skip(first).Select(word => word.Text).ToArray();

    /// <summary>A word quoted for a POSIX shell, unless it needs no quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%^".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>
    /// The index of the <c>)</c> that closes a <c>$(</c>, <c>&lt;(</c> or <c>(</c> whose text starts at
    /// <paramref name="start"/>, or the input's length when none does (lenient, as the tokenizer is): quotes,
    /// backslashes, backquotes, comments and nested parentheses are skipped, and a <c>)</c> that ends a pattern of a
    /// <c>case</c> inside does not close.
    /// </summary>
    private static int CloseOf(string text, int start)
    {
        var depth = 1;
        var cases = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            var wordStart = i == start || text[i - 1] is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(';
            switch (c)
            {
                case '\\':
                    i++;
                    break;
                case '\'':
                    i = text.IndexOf('\'', i + 1) is var quote && quote < 0 ? text.Length : quote;
                    break;
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                    {
                        if (text[i] == '\\')
                        {
                            i++;
                        }
                        else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(')
                        {
                            i = CloseOf(text, i + 2);
                        }
                    }

                    break;
                case '`':
                    for (i++; i < text.Length && text[i] != '`'; i++)
                    {
                        if (text[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '#' when wordStart:
                    i = text.IndexOf('\n', i) is var newline && newline < 0 ? text.Length : newline;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when cases > 0 && depth == 1:
                    break; // a case pattern's end
                case ')':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
                case 'c' when wordStart && IsWord(text, i, "case"):
                    cases++;
                    break;
                case 'e' when wordStart && cases > 0 && IsWord(text, i, "esac"):
                    cases--;
                    break;
            }
        }

        return text.Length;
    }

    private static bool IsWord(string text, int at, string word) =>
        string.CompareOrdinal(text, at, word, 0, word.Length) == 0
        && (at + word.Length == text.Length || text[at + word.Length] is ' ' or '\t' or '\n' or ';' or ')');

    /// <summary>Which construct a substitution is written with.</summary>
    private enum SubstitutionKind
    {
        Command,
        Backquoted,
        ProcessInput,
        ProcessOutput,
        Arithmetic,
    }

    /// <summary>A command line written inside another: <c>$(...)</c>'s text, an arithmetic expansion's, a process substitution's.</summary>
    private readonly record struct Substitution(SubstitutionKind Kind, string Text)
    {
        public string Via => Kind switch
        {
            SubstitutionKind.Command => "$( )",
            SubstitutionKind.Backquoted => "` `",
            SubstitutionKind.ProcessInput => "<( )",
            SubstitutionKind.ProcessOutput => ">( )",
            SubstitutionKind.Arithmetic => "$(( ))",
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "no such substitution"),
        };
    }

    /// <summary>
    /// A command one program runs: a command line a shell parses (<see cref="Text"/>), or a program's words as they are
    /// (<see cref="Argv"/>, for <c>xargs</c> and <c>find -exec</c>, which run no shell).
    /// </summary>
    private sealed record InnerRun(string Via, string? Text, string[]? Argv)
    {
        /// <summary>The run is elevated whatever its caller was (<c>su -c</c>).</summary>
        public bool Elevates { get; init; }

        /// <summary>The run is on another machine (<c>ssh</c>): the caller's sudo does not carry over.</summary>
        public bool Remote { get; init; }

        public static InnerRun Shell(string via, string text) => new(via, text, null);

        public static InnerRun Program(string via, string[] argv) => new(via, null, argv);
    }

    /// <summary>One level's simple commands, what each runs (<see cref="Invocation.Inner"/>), and the level's substitutions.</summary>
    private sealed record Level(ShellCommand[] Commands, Invocation[] Invocations, List<Segment> Segments, List<Substitution> Substitutions);

    /// <summary>One call of <see cref="Unwrap"/>: the commands found so far and the limits.</summary>
    private sealed class Unwrapping(UnwrapLimits limits)
    {
        public List<ShellCommand> Commands { get; } = [];

        public string? Refusal { get; private set; }

        public void Line(string text)
        {
            if (text.Length > limits.MaxLength)
            {
                Refusal = $"the command line is {text.Length:N0} characters long; shellguard looks into at most {limits.MaxLength:N0}";
                return;
            }

            Text(text, via: "", depth: 0, elevated: false);
        }

        private void Text(string text, string via, int depth, bool elevated)
        {
            if (Refusal is not null)
            {
                return;
            }

            if (depth > limits.MaxDepth)
            {
                Refusal = TooDeep(via);
                return;
            }

            var level = ParseLevel(text);
            for (var i = 0; i < level.Commands.Length; i++)
            {
                var command = level.Commands[i];
                Add(command with { Elevated = command.Elevated || elevated, Via = via }, level.Invocations[i], depth);

                // `echo 'rm -rf /' | sh`: a shell that reads its standard input runs what echo or printf writes.
                if (level.Segments[i].IsPiped && i + 1 < level.Commands.Length && level.Invocations[i + 1] is { ReadsStdin: true } shell
                    && command.Command is "echo" or "printf")
                {
                    var written = string.Join(' ', command.Args.Where(arg => !IsOption(arg)));
                    Text(command.Command == "printf" ? written.Replace("\\n", "\n", StringComparison.Ordinal) : written, Chain(via, command.Command + " | " + shell.Command), depth + 1, elevated || shell.Elevated);
                }
            }

            // An arithmetic expansion's text is read as commands too: `$((` followed by a subshell is a command
            // substitution to some shells, and what is arithmetic runs no program (`1+2` decides as the default).
            foreach (var substitution in level.Substitutions)
            {
                Text(substitution.Text, Chain(via, substitution.Via), depth + 1, elevated);
            }
        }

        private void Add(ShellCommand command, Invocation invocation, int depth)
        {
            if (Refusal is not null)
            {
                return;
            }

            if (Commands.Count >= limits.MaxCommands)
            {
                Refusal = $"the command line runs more than {limits.MaxCommands:N0} commands; shellguard does not look further";
                return;
            }

            Commands.Add(command);
            foreach (var run in invocation.Inner)
            {
                var elevated = (command.Elevated && !run.Remote) || run.Elevates;
                var via = Chain(command.Via, run.Via);
                if (run.Text is { } text)
                {
                    Text(text, via, depth + 1, elevated);
                }
                else if (depth + 1 > limits.MaxDepth)
                {
                    Refusal = TooDeep(via);
                }
                else
                {
                    // A program's words, run without a shell: no quoting, assignments or operators apply.
                    var words = run.Argv!.Select(word => new Token(TokenKind.Word, 0, 0, word, QuotedFrom: 0)).ToList();
                    var inner = Resolve(words);
                    var line = string.Join(' ', run.Argv!.Select(Quote));
                    Add(new ShellCommand(inner.Command, inner.Subcommand, inner.Args, line, "", inner.Elevated || elevated) { Via = via }, inner, depth + 1);
                }
            }
        }

        private string TooDeep(string via) => $"commands are nested more than {limits.MaxDepth} levels deep ({via}); shellguard does not look further";

        private static string Chain(string outer, string inner) => outer.Length == 0 ? inner : outer + " › " + inner;
    }
}
