using System.Linq;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Layers;

/// <summary>Named lists (spec §12): <c>lists</c>, <c>imports</c>, and the operators that name them, with every mistake at the reference.</summary>
public sealed class ListTests
{
    private const string Head = """
        ruleset: Git
        inputs:
          branch: string
          labels: string-list
          retries: int
        outputs:
          decision: { enum: [deny, ask, allow] }
        default: { decision: allow }
        """;

    private static RuleFile Shared => new("rules/shared.lists.yaml", "lists:\n  protected-branches: [main, master, production]\n  risky-labels: [breaking, security]\n");

    [Fact]
    public void List_operators_mean_the_operators_over_the_lists_values()
    {
        var listed = LayeredFiles.Model("rules/git.rules.yaml", Shared, new RuleFile("rules/git.rules.yaml", Head + """

            imports: [shared.lists.yaml]
            lists:
              small: [1, 2]
            rules:
              - id: deny-protected
                when: { branch: { in-list: protected-branches }, labels: { contains-any-of-list: risky-labels } }
                then: { decision: deny }
              - id: ask-other
                when: { branch: { not-in-list: protected-branches }, retries: { in-list: small } }
                then: { decision: ask }
            """));
        var written = LayeredFiles.Model("rules/git.rules.yaml", new RuleFile("rules/git.rules.yaml", Head + """

            rules:
              - id: deny-protected
                when: { branch: { in: [main, master, production] }, labels: { contains-any: [breaking, security] } }
                then: { decision: deny }
              - id: ask-other
                when: { branch: { not-in: [main, master, production] }, retries: { in: [1, 2] } }
                then: { decision: ask }
            """));

        listed.Rules.Select(rule => Show(rule.When)).ShouldBe(written.Rules.Select(rule => Show(rule.When)));
    }

    [Fact]
    public void A_list_mistake_is_an_error_at_the_reference()
    {
        Check("unknown list", "when: { branch: { in-list: protected } }", "protected", "RC2044", "'protected'");
        Check("value of the wrong type", "when: { retries: { in-list: protected-branches } }", "protected-branches", "RC2013", "main");
        Check("list operator on the wrong type", "when: { branch: { contains-any-of-list: protected-branches } }", "contains-any-of-list", "RC2015", "contains-any-of-list");

        // At the reference: the list's name, or the operator that does not apply (4 spaces indent the 'when' line).
        static void Check(string name, string when, string at, string id, string part)
        {
            var yaml = Head + "\nimports: [shared.lists.yaml]\nrules:\n  - id: r\n    " + when + "\n    then: { decision: deny }\n";
            var run = GeneratorHarness.RunUncached(Shared, new RuleFile("rules/git.rules.yaml", yaml));
            var reported = RuleFileDiagnostics.Of(run).Where(d => d.Id == id).ToList();
            var listing = string.Join("\n", RuleFileDiagnostics.Of(run));
            reported.Count.ShouldBe(1, $"{name}:\n{listing}");
            (reported[0].Path, reported[0].Line).ShouldBe((RuleFileDiagnostics.FullPath("rules/git.rules.yaml"), 12), name);
            reported[0].Column.ShouldBe(4 + when.IndexOf(at, System.StringComparison.Ordinal) + 1, name);
            reported[0].Message.ShouldContain(part, Case.Sensitive, name);
            run.Sources.ShouldBeEmpty(name);
        }
    }

    [Fact]
    public void Mistakes_in_imports_and_list_definitions_are_errors_where_they_are_written()
    {
        ShouldFail("imports: [missing.lists.yaml]", "RC2041", 9, 11, "missing.lists.yaml");
        ShouldFail("imports: [git.rules.yaml]", "RC2044", 9, 11, "no 'lists' to import");
        ShouldFail("imports: [shared.lists.yaml]\nlists:\n  protected-branches: [dev]", "RC2044", 11, 3, "already defined (rules/shared.lists.yaml, line 2)");
        ShouldFail("lists:\n  empty: []", "RC2030", 10, 10, "empty");
        ShouldFail("lists:\n  2fa: [a]", "RC2044", 10, 3, "'2fa'");

        static void ShouldFail(string top, string id, int line, int column, string part)
        {
            var yaml = Head + "\n" + top + "\nrules:\n  - id: r\n    when: { branch: x }\n    then: { decision: deny }\n";
            var run = GeneratorHarness.RunUncached(Shared, new RuleFile("rules/git.rules.yaml", yaml));
            var listing = string.Join("\n", RuleFileDiagnostics.Of(run));
            var reported = RuleFileDiagnostics.Of(run).Where(d => d.Id == id).ToList();
            reported.Count.ShouldBe(1, $"{top}:\n{listing}");
            (reported[0].Line, reported[0].Column).ShouldBe((line, column), $"{top}:\n{listing}");
            reported[0].Message.ShouldContain(part, Case.Sensitive, top);
            reported[0].Severity.ShouldBe(Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        }
    }

    private static string Show(RuleCompiler.Language.Model.Condition condition) => condition switch
    {
        RuleCompiler.Language.Model.TestCondition test => $"{test.Field} {test.Operator} [{string.Join(", ", test.Operands)}]",
        RuleCompiler.Language.Model.AllCondition all => "all(" + string.Join("; ", all.Items.Select(Show)) + ")",
        _ => condition.ToString()!,
    };
}
