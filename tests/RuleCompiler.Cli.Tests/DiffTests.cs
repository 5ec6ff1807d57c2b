using System.IO;
using System.Linq;
using System.Text.Json;
using RuleCompiler.Cli.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Cli.Tests;

/// <summary>
/// <c>rulec diff</c> on sample rule files edited to change behaviour (each must be found, with an input both loaded
/// rule sets decide differently) and edited without changing it (each must be proven unchanged).
/// </summary>
public sealed class DiffTests
{
    private const string ShortText = """
          - id: short-text
            description: "Short texts derived from a diff: small fast model, tight budget."
            when: { task_type: [commit-message, pr-description, release-notes, changelog] }
            then: { agent: writer-small, queue: fast-pool, max_tokens: 4000, timeout_seconds: 120 }
        """ + "\n";

    private const string LintNode = """
          - id: lint-fix.node
            description: "eslint / prettier fixes."
            when: { task_type: [lint-fix, format-fix], capability: [typescript, javascript] }
            then: { agent: formatter-node, queue: node-pool, max_tokens: 8000, timeout_seconds: 300 }
        """ + "\n";

    private const string LintPython = """
          - id: lint-fix.python
            description: "ruff / black fixes."
            when: { task_type: [lint-fix, format-fix], capability: python }
            then: { agent: formatter-python, queue: python-pool, max_tokens: 8000, timeout_seconds: 300 }
        """ + "\n";

    private const string TriageUrgent = """
          - id: incident-triage.urgent
            description: "Urgent incidents page the incident-commander profile, whatever the stack."
            when: { task_type: incident-triage, priority: urgent }
            then: { agent: incident-commander, queue: pager-pool, max_tokens: 32000, timeout_seconds: 300 }
        """ + "\n";

    private const string Triage = """
          - id: incident-triage
            description: "Non-urgent incident follow-ups (timelines, post-mortem drafts)."
            when: { task_type: incident-triage }
            then: { agent: incident-analyst, queue: oncall-pool, max_tokens: 32000, timeout_seconds: 900 }
        """ + "\n";

    private const string Summarization = """
          - id: summarization
            description: "Summaries of threads, tickets and logs."
            when: { task_type: summarization }
            then: { agent: summarizer, queue: fast-pool, max_tokens: 8000, timeout_seconds: 300 }
        """ + "\n";

    /// <summary>
    /// A regex rule with one test case. Inline options keep the pattern from the automata (it is left to .NET's engine),
    /// so neither the solver nor the guesses diff reads off automata decide it.
    /// </summary>
    private const string Paths = """
        ruleset: Paths
        hit: first
        inputs:
          path: string
        outputs:
          allowed: bool
        default: { allowed: true }
        rules:
          - id: secrets
            when: { path: { regex: "(?i)^/(secret|secrets)/" } }
            then: { allowed: false }
        tests:
          - input: { path: /secrets/db.key }
            expect: { allowed: false }
        """;

    /// <summary>Edits that change behaviour: the sample, the text replaced, its replacement, and a pair of deciding rules (old → new; "" for none) the diff must show.</summary>
    public static TheoryData<string, string, string, string, string> Changes => new()
    {
        // A changed literal: powershell reviews lose their specialist.
        { "task-router", "capability: [bash, zsh, powershell] }", "capability: [bash, zsh, fish] }", "code-review.scripts", "code-review.any" },
        // A removed rule: summaries go to the generalist (the default).
        { "task-router", Summarization, string.Empty, "summarization", string.Empty },
        // Two overlapping first-hit rules reordered: urgent incidents lose the incident commander.
        { "task-router", TriageUrgent + Triage, Triage + TriageUrgent, "incident-triage.urgent", "incident-triage" },
        // A changed output: a price.
        { "model-pricing", "- [gpt-4o,           standard, input,  \"-\",         0.0025,", "- [gpt-4o,           standard, input,  \"-\",         0.003,", "gpt-4o.standard.input", "gpt-4o.standard.input" },
        // A new rule that shadows others: low-priority work goes to the generalist first.
        { "task-router", "rules:\n", "rules:\n  - id: low-priority-to-generalist\n    when: { priority: low }\n    then: { agent: generalist, queue: general-pool, max_tokens: 16000, timeout_seconds: 900 }\n", "incident-triage", "low-priority-to-generalist" },
        // A changed default.
        { "task-router", "default: { agent: generalist,", "default: { agent: generalist-v2,", string.Empty, string.Empty },
        // A regex rule with no test case: the witness is a text its automaton matches ("rm -r /").
        { "safeshell-defaults", "then: { decision: deny, message: \"BLOCKED: Recursive delete of root filesystem (/) is catastrophic and prohibited.\" }", "then: { decision: require-approval, message: \"BLOCKED: Recursive delete of root filesystem (/) is catastrophic and prohibited.\" }", "deny-rm-rf-root", "deny-rm-rf-root" },
        // output-priority: a deny becomes an ask, so other rules decide some inputs now.
        { "shell-guard", "then: { decision: deny, message: { template: \"BLOCKED: `{line}`: rm --no-preserve-root is never allowed.\" } }", "then: { decision: ask, message: { template: \"BLOCKED: `{line}`: rm --no-preserve-root is never allowed.\" } }", "deny-rm-no-preserve-root", "deny-rm-no-preserve-root" },
    };

    /// <summary>Edits that keep behaviour: the sample, the text replaced, its replacement.</summary>
    public static TheoryData<string, string, string> Refactorings => new()
    {
        // Two first-hit rules that never hold together, reordered.
        { "task-router", LintNode + LintPython, LintPython + LintNode },
        // A rule renamed.
        { "task-router", "  - id: summarization\n", "  - id: summaries\n" },
        // An 'in' list split into two rules with the same outputs.
        { "task-router", ShortText, ShortText.Replace("commit-message, pr-description, release-notes, changelog", "commit-message, pr-description") + ShortText.Replace("- id: short-text", "- id: short-text.release").Replace("commit-message, pr-description, release-notes, changelog", "release-notes, changelog") },
        // An equivalent range: > 200000 is >= 200001 for an int.
        { "model-pricing", "- [claude-sonnet-4,  standard, input,  \"> 200000\",", "- [claude-sonnet-4,  standard, input,  \">= 200001\"," },
        // eq written as a one-value list.
        { "task-router", "when: { task_type: summarization }", "when: { task_type: [summarization] }" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_in_behaviour_is_found_with_an_input_both_rule_sets_decide_differently(string sample, string find, string replace, string oldRule, string newRule)
    {
        using var temp = new TempFolder();
        var (old, edited) = Edit(temp, sample, find, replace);
        var run = Tool.InProcess("diff", old, edited, "--format", "json", "--fail-on-change");

        run.ExitCode.ShouldBe(1, run.Output + run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("behaviour").GetString().ShouldBe("changed");
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().ToList();
        changes.ShouldNotBeEmpty();
        changes.Select(change => (Rule(change, "old"), Rule(change, "new"))).ShouldContain((oldRule, newRule));

        // Every witness, evaluated by both loaded rule sets (what compiled code decides), gets different outputs.
        var before = RuleSetLoader.LoadFile(old).RuleSet!;
        var after = Loaded(edited);
        foreach (var change in changes)
        {
            var input = RuleSetInput.From(change.GetProperty("input"));
            before.Evaluate(input).Output.ShouldNotBe(after.Evaluate(input).Output, change.GetProperty("input").ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Refactorings))]
    public void A_refactoring_is_proven_to_keep_behaviour(string sample, string find, string replace)
    {
        using var temp = new TempFolder();
        var (old, edited) = Edit(temp, sample, find, replace);
        var run = Tool.InProcess("diff", old, edited, "--fail-on-change");

        run.ExitCode.ShouldBe(0, run.Output + run.Errors);
        run.Output.ShouldContain("behaviour: no change (proven");
    }

    [Fact]
    public void Files_with_different_inputs_cannot_be_compared_and_exit_3()
    {
        using var temp = new TempFolder();
        var (old, edited) = Edit(temp, "task-router", "priority: { enum: [low, normal, high, urgent]", "priority: { enum: [low, normal, high, urgent, critical]");
        var run = Tool.InProcess("diff", old, edited);

        run.ExitCode.ShouldBe(3);
        run.Errors.ShouldContain("different inputs");
    }

    [Fact]
    public void Equal_behaviour_the_solver_cannot_prove_is_not_proven_and_fails_the_gate()
    {
        // Two spellings of one regex: equal, but the solver does not decide regexes, so it cannot say so.
        using var temp = new TempFolder();
        var (old, edited) = EditPaths(temp, "(?i)^/secrets?/");
        var run = Tool.InProcess("diff", old, edited, "--fail-on-change");

        run.ExitCode.ShouldBe(1, run.Output + run.Errors);
        run.Output.ShouldContain("behaviour: no change found, but not proven", Case.Sensitive);
        run.Output.ShouldContain("not proven: old rule 'secrets' and new no rule: the analysis cannot decide 'regex' on 'path'", Case.Sensitive);
        Tool.InProcess("diff", old, edited).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void A_change_the_solver_cannot_decide_is_found_through_the_files_own_tests()
    {
        using var temp = new TempFolder();
        var (old, edited) = EditPaths(temp, "(?i)^/secret/");
        var run = Tool.InProcess("diff", old, edited, "--fail-on-change");

        run.ExitCode.ShouldBe(1, run.Output + run.Errors);
        var lines = run.Output.Split('\n');
        lines.ShouldContain("behaviour: changed (2 input(s) found that decide differently; 1 shown, one per pair of deciding rules)");
        lines.ShouldContain("  input {\"path\":\"/secrets/db.key\"}");
        lines.ShouldContain("    old: rule 'secrets' -> { allowed: false }");
        lines.ShouldContain("    new: no rule -> { allowed: true }");
        run.Errors.ShouldContain("note: 1 of " + edited + "'s tests fail; compared anyway.");
    }

    [Theory]
    [InlineData("rm\\s+(-[^\\s]*r[^\\s]*\\s+)+/($|\\s)", false)]
    [InlineData("^git\\s+push\\b.*--force", false)]
    [InlineData("\\.(pem|key)$", true)]
    [InlineData("^[A-Z]{3}-\\d{4}$", false)]
    public void The_guess_read_off_a_regexs_automaton_is_a_text_it_matches(string pattern, bool ignoreCase)
    {
        var example = Language.Patterns.PatternExamples.Shortest(pattern, ignoreCase);
        example.ShouldNotBeNull();
        System.Text.RegularExpressions.Regex.IsMatch(example, pattern, ignoreCase ? System.Text.RegularExpressions.RegexOptions.IgnoreCase : System.Text.RegularExpressions.RegexOptions.None).ShouldBeTrue(example);
    }

    /// <summary>The sample and an edited copy of it, both in <paramref name="temp"/> (so diagnostics name them alike).</summary>
    private static (string Old, string Edited) Edit(TempFolder temp, string sample, string find, string replace)
    {
        var text = File.ReadAllText(Repo.File($"rules/{sample}.rules.yaml"));
        text.ShouldContain(find);
        var old = temp.Write("old.rules.yaml", text);
        var edited = temp.Write("new.rules.yaml", text.Replace(find, replace));
        return (old, edited);
    }

    /// <summary><see cref="Paths"/> and a copy whose regex is <paramref name="pattern"/>.</summary>
    private static (string Old, string Edited) EditPaths(TempFolder temp, string pattern) =>
        (temp.Write("old.rules.yaml", Paths), temp.Write("new.rules.yaml", Paths.Replace("(?i)^/(secret|secrets)/", pattern)));

    private static string Rule(JsonElement change, string side) => string.Join(",", change.GetProperty(side).GetProperty("rules").EnumerateArray().Select(rule => rule.GetString()));

    /// <summary>The edited file loaded without its tests (an edit that changes behaviour fails some), to evaluate witnesses.</summary>
    private static IRuleSet<RuleSetInput, RuleSetOutput> Loaded(string path)
    {
        var text = File.ReadAllText(path);
        var cut = text.IndexOf("\ntests:", System.StringComparison.Ordinal);
        var load = RuleSetLoader.Load(cut < 0 ? text : text.Substring(0, cut + 1), path);
        load.Succeeded.ShouldBeTrue(load.ToString());
        return load.RuleSet!;
    }
}
