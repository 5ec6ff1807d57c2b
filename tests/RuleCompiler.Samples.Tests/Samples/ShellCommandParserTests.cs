using System;
using System.Linq;
using System.Text;
using RuleCompiler.Samples.CommandLine;
using Xunit;

namespace RuleCompiler.Samples.Tests;

public sealed class ShellCommandParserTests
{
    private static ShellCommand Single(string line)
    {
        var commands = ShellCommandParser.Parse(line);
        return Assert.Single(commands);
    }

    // ---- empty input -------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t\r\n \n")]
    [InlineData("# only a comment")]
    [InlineData(" ; && | ;")]
    public void Empty_blank_or_operator_only_line_returns_one_empty_command(string line)
    {
        var command = Single(line);

        Assert.Equal("", command.Command);
        Assert.Equal("", command.Subcommand);
        Assert.Empty(command.Args);
        Assert.Equal("", command.Line);
        Assert.Equal("", command.PipesTo);
        Assert.False(command.Elevated);
    }

    [Fact]
    public void Null_line_is_treated_as_empty()
    {
        var command = Single(null!);

        Assert.Equal("", command.Command);
        Assert.Empty(command.Args);
    }

    // ---- words and quoting -------------------------------------------------------------------

    [Fact]
    public void Simple_command_yields_program_args_and_line()
    {
        var command = Single("ls  -l\t/tmp");

        Assert.Equal("ls", command.Command);
        Assert.Equal(["-l", "/tmp"], command.Args);
        Assert.Equal("/tmp", command.Subcommand);
        Assert.Equal("ls  -l\t/tmp", command.Line);
        Assert.Equal("", command.PipesTo);
        Assert.False(command.Elevated);
    }

    [Fact]
    public void Single_quoted_text_is_one_literal_word()
    {
        var command = Single(@"echo 'a  b' '$HOME \n ""x""'");

        Assert.Equal(["a  b", @"$HOME \n ""x"""], command.Args);
    }

    [Fact]
    public void Double_quotes_unescape_only_quote_backslash_dollar_and_backtick()
    {
        var command = Single(@"echo ""q\"" b\\ d\$ t\` n\n""");

        Assert.Equal([@"q"" b\ d$ t` n\n"], command.Args);
    }

    [Fact]
    public void Backslash_outside_quotes_escapes_the_next_character()
    {
        var command = Single(@"echo a\ b \| c\;d \'e");

        Assert.Equal(["a b", "|", "c;d", "'e"], command.Args);
    }

    [Fact]
    public void Adjacent_quoted_and_unquoted_parts_form_one_word()
    {
        var command = Single(@"echo foo'bar'""baz""qux");

        Assert.Equal(["foobarbazqux"], command.Args);
    }

    [Fact]
    public void Empty_quotes_produce_an_empty_argument()
    {
        var command = Single("rm '' \"\"");

        Assert.Equal(["", ""], command.Args);
    }

    [Fact]
    public void Operators_inside_quotes_do_not_split_segments()
    {
        var command = Single("echo \"a | b && c; d & e > f\" 'g || h'");

        Assert.Equal("echo", command.Command);
        Assert.Equal(["a | b && c; d & e > f", "g || h"], command.Args);
    }

    [Fact]
    public void Backslash_newline_continues_the_line_inside_a_word()
    {
        var command = Single("echo ab\\\ncd \"ef\\\ngh\"");

        Assert.Equal(["abcd", "efgh"], command.Args);
    }

    [Fact]
    public void Comment_at_word_start_is_ignored_but_hash_inside_a_word_is_kept()
    {
        var command = Single("echo a#b '#c' # rm -rf /");

        Assert.Equal(["a#b", "#c"], command.Args);
        Assert.Equal("echo a#b '#c'", command.Line);
    }

    // ---- flags -------------------------------------------------------------------------------

    [Fact]
    public void Combined_short_flags_are_split()
    {
        var command = Single("rm -rf /");

        Assert.Equal("rm", command.Command);
        Assert.Equal(["-r", "-f", "/"], command.Args);
        Assert.Equal("/", command.Subcommand);
        Assert.Equal("rm -rf /", command.Line);
    }

    [Fact]
    public void Quoted_flag_cluster_is_split_like_an_unquoted_one()
    {
        var command = Single("rm '-Rf' x");

        Assert.Equal(["-R", "-f", "x"], command.Args);
    }

    [Fact]
    public void Long_flags_are_kept_whole()
    {
        var command = Single("git push --force-with-lease=main --force origin");

        Assert.Equal(["push", "--force-with-lease=main", "--force", "origin"], command.Args);
    }

    [Theory]
    [InlineData("-9")]
    [InlineData("-n5")]
    [InlineData("-o/dev/x")]
    [InlineData("-a-b")]
    public void Short_flag_with_non_letters_is_kept_whole(string flag)
    {
        var command = Single("tool " + flag + " x");

        Assert.Equal([flag, "x"], command.Args);
        Assert.Equal("x", command.Subcommand);
    }

    [Fact]
    public void Lone_dash_is_kept_and_counts_as_an_operand()
    {
        var command = Single("cat - file");

        Assert.Equal(["-", "file"], command.Args);
        Assert.Equal("-", command.Subcommand);
    }

    [Fact]
    public void Words_after_double_dash_are_operands_and_not_split()
    {
        var command = Single("rm -- -rf");

        Assert.Equal(["--", "-rf"], command.Args);
        Assert.Equal("-rf", command.Subcommand);
    }

    [Fact]
    public void Git_push_force_has_push_as_subcommand()
    {
        var command = Single("git push --force origin main");

        Assert.Equal("git", command.Command);
        Assert.Equal("push", command.Subcommand);
        Assert.Equal(["push", "--force", "origin", "main"], command.Args);
    }

    [Fact]
    public void Subcommand_skips_leading_options()
    {
        var command = Single("kubectl --context prod delete ns x");

        Assert.Equal("prod", command.Subcommand); // documented: option values are not known to the parser

        Assert.Equal("delete", Single("kubectl -v delete ns").Subcommand);
    }

    [Fact]
    public void Command_without_operands_has_empty_subcommand()
    {
        var command = Single("ls -la --color");

        Assert.Equal("", command.Subcommand);
        Assert.Equal(["-l", "-a", "--color"], command.Args);
    }

    // ---- program name, assignments, prefixes ---------------------------------------------------

    [Theory]
    [InlineData("/usr/bin/rm -rf /tmp/x", "rm")]
    [InlineData("./scripts/deploy.sh prod", "deploy.sh")]
    [InlineData("'/opt/my tools/run' x", "run")]
    [InlineData("/ x", "/")]
    public void Program_path_is_reduced_to_its_basename(string line, string expected)
    {
        Assert.Equal(expected, Single(line).Command);
    }

    [Fact]
    public void Leading_assignments_are_skipped()
    {
        var command = Single("FOO=1 BAR=\"a b\" _X= make install");

        Assert.Equal("make", command.Command);
        Assert.Equal("install", command.Subcommand);
        Assert.Equal(["install"], command.Args);
        Assert.Equal("FOO=1 BAR=\"a b\" _X= make install", command.Line);
    }

    [Theory]
    [InlineData("'FOO=1' ls", "FOO=1")]
    [InlineData("FOO\\=1 ls", "FOO=1")]
    [InlineData("1X=2 ls", "1X=2")]
    public void Quoted_or_invalid_assignment_is_the_program_name(string line, string expected)
    {
        Assert.Equal(expected, Single(line).Command);
    }

    [Fact]
    public void Assignment_only_segment_has_empty_command_but_keeps_its_line()
    {
        var command = Single("FOO=bar");

        Assert.Equal("", command.Command);
        Assert.Empty(command.Args);
        Assert.Equal("FOO=bar", command.Line);
    }

    [Fact]
    public void Sudo_is_stripped_and_marks_the_command_elevated()
    {
        var command = Single("sudo rm -rf /");

        Assert.Equal("rm", command.Command);
        Assert.Equal(["-r", "-f", "/"], command.Args);
        Assert.True(command.Elevated);
        Assert.Equal("sudo rm -rf /", command.Line);
    }

    [Theory]
    [InlineData("sudo -u root -E -H -- rm -rf /var")]
    [InlineData("sudo -Eu root rm x")]
    [InlineData("sudo -uroot rm x")]
    [InlineData("sudo --user=root rm x")]
    [InlineData("sudo --user root --preserve-env rm x")]
    [InlineData("sudo -g wheel -h host -p pw -C 3 -D /tmp -r role -t type -U bob rm x")]
    [InlineData("sudo HOME=/root rm x")]
    [InlineData("/usr/bin/sudo -n rm x")]
    public void Sudo_options_and_their_values_are_skipped(string line)
    {
        var command = Single(line);

        Assert.Equal("rm", command.Command);
        Assert.True(command.Elevated);
    }

    [Fact]
    public void Sudo_without_a_wrapped_command_is_itself_the_command()
    {
        var command = Single("sudo -i");

        Assert.Equal("sudo", command.Command);
        Assert.Equal(["-i"], command.Args);
        Assert.True(command.Elevated);
    }

    [Fact]
    public void Doas_with_user_is_stripped_and_marks_the_command_elevated()
    {
        var command = Single("doas -u admin systemctl restart nginx");

        Assert.Equal("systemctl", command.Command);
        Assert.Equal("restart", command.Subcommand);
        Assert.Equal(["restart", "nginx"], command.Args);
        Assert.True(command.Elevated);
    }

    [Fact]
    public void Env_options_and_assignments_are_skipped_without_elevating()
    {
        var command = Single("env -i -u HOME PATH=/bin 'FOO=x y' bash -c 'echo hi'");

        Assert.Equal("bash", command.Command);
        Assert.Equal(["-c", "echo hi"], command.Args);
        Assert.Equal("echo hi", command.Subcommand);
        Assert.False(command.Elevated);
    }

    [Fact]
    public void Env_lone_dash_is_an_option()
    {
        Assert.Equal("sh", Single("env - PATH=/bin sh").Command);
    }

    [Theory]
    [InlineData("nohup python app.py", "python", "app.py")]
    [InlineData("time make all", "make", "all")]
    [InlineData("time -p ls dir", "ls", "dir")]
    [InlineData("command ls dir", "ls", "dir")]
    [InlineData("exec -a name bash x", "bash", "x")]
    [InlineData("nice -n 10 tar x", "tar", "x")]
    [InlineData("nice -n10 tar x", "tar", "x")]
    [InlineData("nice -5 tar x", "tar", "x")]
    [InlineData("nice --adjustment 5 tar x", "tar", "x")]
    public void Wrapper_prefixes_are_stripped(string line, string command, string subcommand)
    {
        var parsed = Single(line);

        Assert.Equal(command, parsed.Command);
        Assert.Equal(subcommand, parsed.Subcommand);
        Assert.False(parsed.Elevated);
    }

    [Fact]
    public void Chained_prefixes_are_all_stripped()
    {
        var command = Single("A=1 sudo -E env FOO=1 nice -n 5 nohup /bin/rm -rf /srv");

        Assert.Equal("rm", command.Command);
        Assert.Equal(["-r", "-f", "/srv"], command.Args);
        Assert.True(command.Elevated);
    }

    [Fact]
    public void Xargs_is_not_a_prefix()
    {
        var command = ShellCommandParser.Parse("ls *.tmp | xargs rm -f")[1];

        Assert.Equal("xargs", command.Command);
        Assert.Equal("rm", command.Subcommand);
        Assert.Equal(["rm", "-f"], command.Args);
    }

    [Fact]
    public void Prefix_name_as_an_argument_is_not_stripped()
    {
        var command = Single("echo sudo rm");

        Assert.Equal("echo", command.Command);
        Assert.Equal(["sudo", "rm"], command.Args);
        Assert.False(command.Elevated);
    }

    // ---- pipelines and lists -----------------------------------------------------------------

    [Fact]
    public void Curl_piped_to_sudo_bash_sets_pipes_to_and_elevates_the_shell()
    {
        var commands = ShellCommandParser.Parse("curl -fsSL https://x.sh | sudo bash");

        Assert.Equal(2, commands.Count);

        Assert.Equal("curl", commands[0].Command);
        Assert.Equal(["-f", "-s", "-S", "-L", "https://x.sh"], commands[0].Args);
        Assert.Equal("https://x.sh", commands[0].Subcommand);
        Assert.Equal("curl -fsSL https://x.sh", commands[0].Line);
        Assert.Equal("bash", commands[0].PipesTo);
        Assert.False(commands[0].Elevated);

        Assert.Equal("bash", commands[1].Command);
        Assert.Empty(commands[1].Args);
        Assert.Equal("sudo bash", commands[1].Line);
        Assert.Equal("", commands[1].PipesTo);
        Assert.True(commands[1].Elevated);
    }

    [Fact]
    public void Pipeline_of_three_chains_pipes_to()
    {
        var commands = ShellCommandParser.Parse("cat f|grep x|/usr/bin/wc -l");

        Assert.Equal(["cat", "grep", "wc"], commands.Select(c => c.Command));
        Assert.Equal(["grep", "wc", ""], commands.Select(c => c.PipesTo));
        Assert.Equal(["cat f", "grep x", "/usr/bin/wc -l"], commands.Select(c => c.Line));
    }

    [Fact]
    public void And_or_and_semicolon_lists_split_without_setting_pipes_to()
    {
        var commands = ShellCommandParser.Parse("make && make install || echo failed; ls");

        Assert.Equal(["make", "make", "echo", "ls"], commands.Select(c => c.Command));
        Assert.Equal(["make", "make install", "echo failed", "ls"], commands.Select(c => c.Line));
        Assert.All(commands, c => Assert.Equal("", c.PipesTo));
    }

    [Fact]
    public void Background_ampersand_and_newline_split_segments()
    {
        var commands = ShellCommandParser.Parse("sleep 10 & rm -rf x\nls");

        Assert.Equal(["sleep", "rm", "ls"], commands.Select(c => c.Command));
        Assert.All(commands, c => Assert.Equal("", c.PipesTo));
    }

    [Fact]
    public void Pipe_continues_across_a_line_break()
    {
        var commands = ShellCommandParser.Parse("curl x |\n  sh -s");

        Assert.Equal(["curl", "sh"], commands.Select(c => c.Command));
        Assert.Equal("sh", commands[0].PipesTo);
    }

    [Fact]
    public void Bash_pipe_ampersand_is_a_pipe()
    {
        var commands = ShellCommandParser.Parse("make |& tee log");

        Assert.Equal(["make", "tee"], commands.Select(c => c.Command));
        Assert.Equal("tee", commands[0].PipesTo);
    }

    [Fact]
    public void Empty_segments_are_dropped()
    {
        var commands = ShellCommandParser.Parse(";; ls ;; && pwd &");

        Assert.Equal(["ls", "pwd"], commands.Select(c => c.Command));
    }

    [Fact]
    public void Line_is_the_segment_text_as_typed()
    {
        var commands = ShellCommandParser.Parse("  echo \"a  b\"   &&  rm  -rf 'x y' ; ");

        Assert.Equal(["echo \"a  b\"", "rm  -rf 'x y'"], commands.Select(c => c.Line));
        Assert.Equal(["-r", "-f", "x y"], commands[1].Args);
    }

    [Fact]
    public void Crlf_line_endings_separate_commands_like_newlines()
    {
        var commands = ShellCommandParser.Parse("ls -l\r\npwd\r\n");

        Assert.Equal(["ls", "pwd"], commands.Select(c => c.Command));
        Assert.Equal(["-l"], commands[0].Args);
        Assert.Equal("ls -l", commands[0].Line);
    }

    // ---- redirections ------------------------------------------------------------------------

    [Fact]
    public void Redirection_ampersands_do_not_split_and_targets_are_not_args()
    {
        var commands = ShellCommandParser.Parse("cat file 2>&1 >out.txt | tee log");

        Assert.Equal(["cat", "tee"], commands.Select(c => c.Command));
        Assert.Equal(["file"], commands[0].Args);
        Assert.Equal("tee", commands[0].PipesTo);
        Assert.Equal("cat file 2>&1 >out.txt", commands[0].Line);
    }

    [Theory]
    [InlineData("echo hi>/tmp/x", new[] { "hi" })]
    [InlineData("echo hi >> /tmp/x 2>/dev/null", new[] { "hi" })]
    [InlineData("ls &> /dev/null", new string[0])]
    [InlineData("ls &>>log -a", new[] { "-a" })]
    [InlineData("echo x >| f y", new[] { "x", "y" })]
    [InlineData("<in sort -u", new[] { "-u" })]
    [InlineData("cat <<EOF a", new[] { "a" })]
    [InlineData("echo 12>f 'x'>g", new[] { "x" })]
    public void Redirections_and_their_targets_are_left_out_of_args(string line, string[] args)
    {
        var command = Single(line);

        Assert.Equal(args, command.Args);
        Assert.Equal(line, command.Line);
    }

    [Fact]
    public void Redirection_only_wrapper_is_itself_the_command()
    {
        var command = Single("exec 3>log");

        Assert.Equal("exec", command.Command);
        Assert.Empty(command.Args);
    }

    // ---- leniency ----------------------------------------------------------------------------

    [Fact]
    public void Unterminated_single_quote_runs_to_the_end_of_the_line()
    {
        var command = Single("echo 'abc | rm -rf /");

        Assert.Equal("echo", command.Command);
        Assert.Equal(["abc | rm -rf /"], command.Args);
        Assert.Equal("echo 'abc | rm -rf /", command.Line);
    }

    [Fact]
    public void Unterminated_double_quote_runs_to_the_end_of_the_line()
    {
        var command = Single("ls \"abc ; rm x\\");

        Assert.Equal(["abc ; rm x\\"], command.Args);
    }

    [Fact]
    public void Trailing_backslash_is_kept_literally()
    {
        Assert.Equal(["abc\\"], Single("echo abc\\").Args);
    }

    [Theory]
    [InlineData("'\"\\|&;<>#\n\\")]
    [InlineData("\"")]
    [InlineData("'")]
    [InlineData("\\")]
    [InlineData(">")]
    [InlineData("2>&")]
    [InlineData("<<<<<<-")]
    [InlineData("sudo -u")]
    [InlineData("env --unset")]
    [InlineData("-")]
    [InlineData("--")]
    [InlineData("=")]
    [InlineData("\0\u00a0\ud800\uffff")]
    [InlineData("| | && || ;; & > < 2>&1")]
    public void Garbage_input_never_throws(string line)
    {
        var commands = ShellCommandParser.Parse(line);

        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Contains(c.Line, line, StringComparison.Ordinal));
    }

    [Fact]
    public void Random_input_never_throws_and_lines_come_from_the_input()
    {
        const string alphabet = " \t\r\n'\"\\|&;<>#=-$`()/aZ09";
        var random = new Random(12345);
        var builder = new StringBuilder();
        for (var run = 0; run < 2000; run++)
        {
            builder.Clear();
            var length = random.Next(0, 40);
            for (var i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var line = builder.ToString();
            var commands = ShellCommandParser.Parse(line);

            Assert.NotEmpty(commands);
            foreach (var command in commands)
            {
                Assert.Contains(command.Line, line, StringComparison.Ordinal);
                Assert.All(command.Args, a => Assert.NotNull(a));
            }
        }
    }

    [Fact]
    public void Long_pipeline_is_parsed_completely()
    {
        const int count = 20_000;
        var line = string.Concat(Enumerable.Repeat("a -xy | ", count)) + "b";

        var commands = ShellCommandParser.Parse(line);

        Assert.Equal(count + 1, commands.Count);
        Assert.All(commands.Take(count - 1), c => Assert.Equal("a", c.PipesTo));
        Assert.Equal("b", commands[count - 1].PipesTo);
        Assert.Equal(["-x", "-y"], commands[0].Args);
        Assert.Equal("", commands[count].PipesTo);
    }

    [Fact]
    public void Huge_flag_cluster_is_split_into_one_flag_per_letter()
    {
        var line = "tool -" + new string('v', 100_000);

        var args = Single(line).Args;

        Assert.Equal(100_000, args.Length);
        Assert.All(args, a => Assert.Equal("-v", a));
    }
}
