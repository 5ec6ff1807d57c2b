namespace RuleCompiler.Cli;

/// <summary>rulec's exit codes (docs/rulec.md, and every command's --help).</summary>
internal static class ExitCodes
{
    /// <summary>Done, nothing to report: no errors, every test passed, no behaviour change (proven).</summary>
    public const int Ok = 0;

    /// <summary>
    /// Findings: check found errors (or warnings with --warnings-as-errors); a test failed or a file's tests could not
    /// run; diff --fail-on-change found a behaviour change or could not prove there is none.
    /// </summary>
    public const int Findings = 1;

    /// <summary>The command line is wrong (an unknown option, a missing argument), or an input is not valid JSON or does not fit the rule set.</summary>
    public const int Usage = 2;

    /// <summary>A rule file cannot be used: it cannot be read, or it has errors where the command needs its rule set (eval, explain, diff, show), or diff's two files declare different inputs or outputs.</summary>
    public const int Unusable = 3;

    /// <summary>A bug in rulec: said in one line on standard error, never a stack trace.</summary>
    public const int Internal = 4;

    /// <summary>The text every --help ends with.</summary>
    public const string Help = "Exit codes: 0 ok; 1 findings (errors, failing tests, a behaviour change with --fail-on-change); 2 usage error or bad input; 3 a rule file cannot be read or has errors; 4 internal error.";
}
