namespace RuleCompiler.Samples.CommandLine;

/// <summary>How a parsed command becomes the shell-guard rule set's input.</summary>
public static class ShellGuardInputs
{
    /// <summary>The rule set's input for one simple command run by <paramref name="actor"/>.</summary>
    public static ShellGuardInput From(ShellCommand command, ShellGuardActor actor) => new()
    {
        Command = command.Command,
        Subcommand = command.Subcommand,
        Args = command.Args,
        Line = command.Line,
        PipesTo = command.PipesTo,
        Actor = actor,
        Elevated = command.Elevated,
    };
}
