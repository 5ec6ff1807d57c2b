using RuleCompiler.Cli.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("test")]
    [InlineData("eval")]
    [InlineData("explain")]
    [InlineData("diff")]
    [InlineData("show")]
    public void Every_command_has_help_that_states_the_exit_codes(string command)
    {
        var run = Tool.InProcess(command, "--help");
        run.ExitCode.ShouldBe(0);
        run.Output.ShouldContain($"rulec {command}");
        run.Output.ShouldContain("Exit codes: 0 ok; 1 findings");
    }

    [Fact]
    public void A_wrong_command_line_is_exit_code_2_with_the_error_and_no_stack_trace()
    {
        var run = Tool.Process(null, "check", "--format", "xml", "rules/task-router.rules.yaml");
        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldContain("xml");
        run.Errors.ShouldContain("Run 'rulec check --help' for usage.");
        run.Errors.ShouldNotContain("   at ");
    }
}
