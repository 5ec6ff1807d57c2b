using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Layers;

/// <summary>
/// Rule sets across files (spec §12): a layer over a base with <c>disable</c>, <c>override: true</c> and
/// <c>position</c>, generated as its own class next to its unchanged base, and every layering mistake at its file and line.
/// </summary>
public sealed class LayerTests
{
    public const string Base = """
        ruleset: Base
        hit: output-priority
        inputs:
          command: string
          actor: { enum: [human, ai] }
          args: string-list
        outputs:
          decision: { enum: [deny, ask, allow] }
          message: string
        default: { decision: ask, message: unknown command }
        rules:
          - id: deny-rm-root
            when: { command: rm, args: { contains: / } }
            then: { decision: deny, message: never delete / }
          - id: ask-ai-push
            when: { command: git, actor: ai, args: { contains: push } }
            then: { decision: ask, message: agents ask before pushing }
          - id: allow-read
            when: { command: [ls, cat] }
            then: { decision: allow, message: read-only }
        tests:
          - input: { command: rm, args: [-rf, /] }
            expect: { decision: deny }
        """;

    public const string User = """
        ruleset: User
        extends: base.rules.yaml
        disable: [allow-read]
        rules:
          - id: ask-ai-push
            override: true
            when: { command: git, args: { contains: push } }
            then: { decision: ask, message: everyone asks before pushing }
          - id: allow-echo
            when: { command: echo }
            then: { decision: allow, message: harmless }
        tests:
          - input: { command: ls }
            expect: { decision: ask, message: unknown command }
            rule: null
          - input: { command: git, actor: human, args: [push] }
            rule: ask-ai-push
            expect: { message: everyone asks before pushing }
        """;

    private static RuleFile BaseFile => new("rules/base.rules.yaml", Base);

    private static RuleFile UserFile => new("rules/user.rules.yaml", User);

    [Fact]
    public void A_layer_takes_its_bases_rules_minus_disabled_with_overrides_in_place_and_new_rules_after()
    {
        var model = LayeredFiles.Model("rules/user.rules.yaml", BaseFile, UserFile);

        model.Rules.Select(rule => rule.Id).ShouldBe(new[] { "deny-rm-root", "ask-ai-push", "allow-echo" });
        model.Rules.Select(rule => model.SourceOf(rule)).ShouldBe(new[] { "rules/base.rules.yaml", "rules/user.rules.yaml", "rules/user.rules.yaml" });
        model.Rules[1].Span.Line.ShouldBe(5, "the override stands where the layer writes it");
        model.Inputs.Select(input => input.Name).ShouldBe(new[] { "command", "actor", "args" });
        model.Tests.Count.ShouldBe(2, "a layer runs its own tests, not its base's");
    }

    [Fact]
    public void New_rules_rank_before_the_bases_with_position_before_base()
    {
        var layer = User.Replace("disable: [allow-read]", "disable: [allow-read]\nposition: before-base");
        var model = LayeredFiles.Model("rules/user.rules.yaml", BaseFile, new RuleFile("rules/user.rules.yaml", layer));

        model.Rules.Select(rule => rule.Id).ShouldBe(new[] { "allow-echo", "deny-rm-root", "ask-ai-push" });
    }

    [Fact]
    public void Each_file_of_a_chain_generates_its_own_class_and_the_base_is_unchanged()
    {
        var alone = GeneratorHarness.RunUncached(BaseFile);
        var layered = GeneratorHarness.RunUncached(BaseFile, UserFile);
        layered.Diagnostics.ShouldBeEmpty();

        layered.Sources.Select(source => source.HintName).ShouldBe(new[] { "Tests.Generated.Base.g.cs", "Tests.Generated.User.g.cs" }, ignoreOrder: true);
        layered.SourceOf("Tests.Generated.Base.g.cs").ShouldBe(alone.SourceOf("Tests.Generated.Base.g.cs"));

        var assembly = GeneratorHarness.LoadCleanlyCompiled(layered);
        var rules = RulesOf(assembly, "Tests.Generated.User");
        rules.Select(rule => (rule.Id, rule.File, rule.Line)).ShouldBe(new[]
        {
            ("deny-rm-root", "rules/base.rules.yaml", 12),
            ("ask-ai-push", "rules/user.rules.yaml", 5),
            ("allow-echo", "rules/user.rules.yaml", 9),
        });

        var model = LayeredFiles.Model("rules/user.rules.yaml", BaseFile, UserFile);
        var user = new RuleSetUnderTest(assembly, model);
        var push = user.Evaluate(Row(model, "git", 0, "push"));
        (push.RuleId, push.Outputs![1].Text).ShouldBe(("ask-ai-push", "everyone asks before pushing"));
        user.Evaluate(Row(model, "ls", 0)).Matched.ShouldBeFalse("allow-read is disabled in the layer");
        var baseSet = new RuleSetUnderTest(assembly, LayeredFiles.Model("rules/base.rules.yaml", BaseFile));
        baseSet.Evaluate(Row(model, "ls", 0)).RuleId.ShouldBe("allow-read");
    }

    [Fact]
    public void A_chain_of_layers_composes_in_order()
    {
        var team = new RuleFile("rules/team.rules.yaml", """
            ruleset: Team
            extends: user.rules.yaml
            position: before-base
            disable: [allow-echo]
            rules:
              - id: deny-curl-sh
                when: { command: curl, args: { contains: "|" } }
                then: { decision: deny, message: no piping into a shell }
            """);

        var model = LayeredFiles.Model("rules/team.rules.yaml", BaseFile, UserFile, team);

        model.Rules.Select(rule => rule.Id).ShouldBe(new[] { "deny-curl-sh", "deny-rm-root", "ask-ai-push" });
        model.Rules.Select(rule => model.SourceOf(rule)).ShouldBe(new[] { "rules/team.rules.yaml", "rules/base.rules.yaml", "rules/user.rules.yaml" });
    }

    public static IEnumerable<object[]> Mistakes => new[]
    {
        Mistake("disable names a rule the base lacks", "disable: [allow-read]", "disable: [allow-reed]", "RC2042", 3, 11, "'allow-reed'"),
        Mistake("override of nothing", "  - id: ask-ai-push\n    override: true", "  - id: ask-ai-pull\n    override: true", "RC2042", 6, 5, "no rule 'ask-ai-pull'"),
        Mistake("override of a disabled rule", "disable: [allow-read]", "disable: [ask-ai-push]", "RC2042", 6, 5, "disabled"),
        Mistake("a base id without override", "    override: true\n", string.Empty, "RC2042", 5, 9, "override: true"),
        Mistake("inputs redeclared", "disable: [allow-read]", "disable: [allow-read]\ninputs: { command: string }", "RC2042", 4, 1, "'inputs'"),
        Mistake("hit redeclared", "disable: [allow-read]", "disable: [allow-read]\nhit: first", "RC2042", 4, 1, "'hit'"),
        Mistake("position misspelt", "disable: [allow-read]", "disable: [allow-read]\nposition: before", "RC2042", 4, 11, "'before'"),
        Mistake("missing base file", "extends: base.rules.yaml", "extends: bsae.rules.yaml", "RC2041", 2, 10, "bsae.rules.yaml"),
        Mistake("a rule of the layer with an error", "command: echo", "command: { eqq: echo }", "RC2015", 10, 24, "eqq"),
    };

    private static object[] Mistake(string name, string find, string replace, string id, int line, int column, string part) =>
        new object[] { name, find, replace, id, line, column, part };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_layering_mistake_is_an_error_at_the_layers_line(string name, string find, string replace, string id, int line, int column, string part)
    {
        User.ShouldContain(find, customMessage: name);
        var layer = User.Replace(find, replace);
        var run = GeneratorHarness.RunUncached(BaseFile, new RuleFile("rules/user.rules.yaml", layer));

        var reported = RuleFileDiagnostics.Of(run).Where(d => d.Id == id).ToList();
        var listing = string.Join("\n", RuleFileDiagnostics.Of(run));
        reported.Count.ShouldBe(1, $"{name}:\n{listing}");
        (reported[0].Path, reported[0].Line, reported[0].Column).ShouldBe((RuleFileDiagnostics.FullPath("rules/user.rules.yaml"), line, column), $"{name}:\n{listing}");
        reported[0].Message.ShouldContain(part, Case.Sensitive, name);
        run.Sources.Select(source => source.HintName).ShouldBe(new[] { "Tests.Generated.Base.g.cs" }, $"{name}: the layer generates nothing, the base is unaffected");
    }

    [Fact]
    public void A_cycle_of_extends_is_an_error_at_the_extends_that_closes_it()
    {
        var a = new RuleFile("rules/a.rules.yaml", "ruleset: A\nextends: b.rules.yaml\nrules: []\n");
        var b = new RuleFile("rules/b.rules.yaml", "ruleset: B\nextends: ./a.rules.yaml\nrules: []\n");

        var run = GeneratorHarness.RunUncached(a, b);

        var cycles = RuleFileDiagnostics.Of(run).Where(d => d.Id == "RC2042" && d.Message.Contains("cycle", StringComparison.Ordinal)).ToList();
        var listing = string.Join("\n", RuleFileDiagnostics.Of(run));
        cycles.Select(d => (d.Path, d.Line, d.Column)).ShouldBe(new[]
        {
            (RuleFileDiagnostics.FullPath("rules/a.rules.yaml"), 2, 10),
            (RuleFileDiagnostics.FullPath("rules/b.rules.yaml"), 2, 10),
        }, ignoreOrder: true, customMessage: listing);
        cycles[0].Message.ShouldContain("a.rules.yaml -> b.rules.yaml -> a.rules.yaml");
        run.Sources.ShouldBeEmpty();
    }

    [Fact]
    public void A_base_with_errors_reports_them_once_at_the_base_and_stops_the_layer_at_extends()
    {
        var broken = new RuleFile("rules/base.rules.yaml", Base.Replace("command: rm, args: { contains", "command: rm, argz: { contains"));

        var run = GeneratorHarness.RunUncached(broken, UserFile);

        var listing = string.Join("\n", RuleFileDiagnostics.Of(run));
        var unknown = RuleFileDiagnostics.Of(run).Where(d => d.Id == "RC2014").ToList();
        unknown.Count.ShouldBe(1, "the base's error is reported once, by the base:\n" + listing);
        unknown[0].Path.ShouldBe(RuleFileDiagnostics.FullPath("rules/base.rules.yaml"));
        var stop = RuleFileDiagnostics.Of(run).Where(d => d.Id == "RC2043").ShouldHaveSingleItem();
        (stop.Path, stop.Line, stop.Column).ShouldBe((RuleFileDiagnostics.FullPath("rules/user.rules.yaml"), 2, 10));
        run.Sources.ShouldBeEmpty();
    }

    [Fact]
    public void A_layer_finding_about_a_base_rule_is_reported_at_the_base_rule_and_only_by_the_layer()
    {
        // Under a first-wins base, a layer rule ranked before the base's can shadow a base rule: the finding is the
        // layer's (the base alone has none), so it is reported, at the base rule's own line.
        var firstBase = new RuleFile("rules/base.rules.yaml", Base.Replace("hit: output-priority", "hit: first"));
        var layer = new RuleFile("rules/user.rules.yaml", """
            ruleset: User
            extends: base.rules.yaml
            position: before-base
            rules:
              - id: allow-rm
                when: { command: rm }
                then: { decision: allow, message: trusted }
            """);

        var run = GeneratorHarness.RunUncached(firstBase, layer);

        var shadowed = RuleFileDiagnostics.Of(run).Where(d => d.Id == "RC3005").ToList();
        var listing = string.Join("\n", RuleFileDiagnostics.Of(run));
        shadowed.Count.ShouldBe(1, listing);
        (shadowed[0].Path, shadowed[0].Line).ShouldBe((RuleFileDiagnostics.FullPath("rules/base.rules.yaml"), 12), listing);
        shadowed[0].Message.ShouldContain("'allow-rm'");
    }

    [Fact]
    public void A_layer_with_tables_and_lists_of_its_own_composes_them_before_merging()
    {
        var layer = new RuleFile("rules/user.rules.yaml", """
            ruleset: User
            extends: base.rules.yaml
            lists:
              readers: [less, more, head]
            rules:
              - id: allow-readers
                when: { command: { in-list: readers } }
                then: { decision: allow, message: pager }
              - table:
                  id: ask-{command}
                  when: [command]
                  then: [decision, message]
                  rows:
                    - [vim, ask, editor]
                    - [nano, ask, editor]
            """);

        var model = LayeredFiles.Model("rules/user.rules.yaml", BaseFile, layer);

        model.Rules.Select(rule => rule.Id).ShouldBe(new[] { "deny-rm-root", "ask-ai-push", "allow-read", "allow-readers", "ask-vim", "ask-nano" });
        model.Rules[4].Span.Line.ShouldBe(14, "a row is a rule at the row's line");
    }

    [Fact]
    public void A_layer_whose_rules_are_not_a_sequence_is_an_error_not_its_base_alone()
    {
        var layer = new RuleFile("rules/user.rules.yaml", "ruleset: User\nextends: base.rules.yaml\nrules: { id: x, then: { decision: deny, message: m } }\n");

        var compiled = LayeredFiles.Compile("rules/user.rules.yaml", BaseFile, layer);

        compiled.Diagnostics.ShouldContain(d => d.Id == "RC2003" && d.Span.Line == 3 && d.Span.File == 0);
        compiled.Model.ShouldBeNull();
    }

    [Fact]
    public void Two_overrides_of_one_base_rule_are_an_error_at_the_second()
    {
        var layer = new RuleFile("rules/user.rules.yaml", User.Replace("  - id: allow-echo", "  - id: ask-ai-push\n    override: true\n    then: { decision: deny, message: twice }\n  - id: allow-echo"));

        var compiled = LayeredFiles.Compile("rules/user.rules.yaml", BaseFile, layer);

        var error = compiled.Diagnostics.Where(d => d.Id == "RC2042").ShouldHaveSingleItem();
        (error.Span.Line, error.Message).ShouldBe((10, "Rule 'ask-ai-push' is already overridden at line 6; a base rule has one override."));
    }

    [Fact]
    public void A_layer_that_redeclares_outputs_reports_that_alone_not_errors_in_its_base()
    {
        var layer = new RuleFile("rules/user.rules.yaml", User.Replace("disable: [allow-read]", "disable: [allow-read]\noutputs: { decision: { enum: [no, yes] } }"));

        var errors = LayeredFiles.Compile("rules/user.rules.yaml", BaseFile, layer).Diagnostics.Where(d => d.Severity == RuleCompiler.Language.Diagnostics.Severity.Error).ToList();

        errors.Select(d => (d.Id, d.Span.File)).ShouldBe(new[] { ("RC2042", 0) });
    }

    [Fact]
    public void A_base_whose_own_tests_fail_stops_its_layers()
    {
        var failing = new RuleFile("rules/base.rules.yaml", Base.Replace("    expect: { decision: deny }", "    expect: { decision: allow }"));

        var run = GeneratorHarness.RunUncached(failing, UserFile);

        Diagnostics.RuleFileDiagnostics.Of(run).Where(d => d.Id == "RC4001").ShouldHaveSingleItem().Path.ShouldBe(Diagnostics.RuleFileDiagnostics.FullPath("rules/base.rules.yaml"));
        var stop = Diagnostics.RuleFileDiagnostics.Of(run).Where(d => d.Id == "RC2043").ShouldHaveSingleItem();
        (stop.Path, stop.Line, stop.Column).ShouldBe((Diagnostics.RuleFileDiagnostics.FullPath("rules/user.rules.yaml"), 2, 10));
        run.Sources.ShouldBeEmpty();
    }

    [Fact]
    public void A_layer_overrides_rows_of_a_base_table_with_a_table()
    {
        var tableBase = new RuleFile("rules/base.rules.yaml", Base.Replace("  - id: allow-read\n    when: { command: [ls, cat] }\n    then: { decision: allow, message: read-only }",
            "  - table:\n      id: \"allow-{command}\"\n      when: [command]\n      then: [decision, message]\n      rows:\n        - [ls, allow, list]\n        - [cat, allow, show]"));
        var layer = new RuleFile("rules/user.rules.yaml", "ruleset: User\nextends: base.rules.yaml\nrules:\n  - table:\n      id: \"allow-{command}\"\n      override: true\n      when: [command]\n      then: [decision, message]\n      rows:\n        - [cat, ask, careful]\n");

        var model = LayeredFiles.Model("rules/user.rules.yaml", tableBase, layer);

        model.Rules.Select(rule => (rule.Id, model.SourceOf(rule))).ShouldBe(new[]
        {
            ("deny-rm-root", "rules/base.rules.yaml"), ("ask-ai-push", "rules/base.rules.yaml"), ("allow-ls", "rules/base.rules.yaml"), ("allow-cat", "rules/user.rules.yaml"),
        });
    }

    [Fact]
    public void Paths_compare_as_their_file_system_does_exactly_on_Linux_ignoring_case_on_Windows()
    {
        var misspelt = new RuleFile("rules/user.rules.yaml", User.Replace("extends: base.rules.yaml", "extends: Base.rules.yaml"));
        LayeredFiles.Compile("rules/user.rules.yaml", BaseFile, misspelt).Diagnostics.ShouldContain(d => d.Id == "RC2041");

        var windows = new[]
        {
            new RuleCompiler.Language.Composition.RuleSource(@"C:\proj\rules\base.rules.yaml", "rules/base.rules.yaml", Base),
            new RuleCompiler.Language.Composition.RuleSource(@"C:\proj\rules\user.rules.yaml", "rules/user.rules.yaml", misspelt.Text),
        };
        var compiled = RuleCompiler.Language.Compilation.RuleFileCompiler.Compile(
            windows[1], windows, new RuleCompiler.Language.Binding.BindOptions("Ns", "rules/user.rules.yaml"), RuleCompiler.Language.Syntax.ReaderLimits.Default, System.Threading.CancellationToken.None);
        compiled.Diagnostics.Where(d => d.Severity == RuleCompiler.Language.Diagnostics.Severity.Error).ShouldBeEmpty();
        compiled.Model!.Rules.Count.ShouldBe(3);
    }

    private static IReadOnlyList<RuleCompiler.RuleInfo> RulesOf(Assembly assembly, string type) =>
        ((IEnumerable)assembly.GetType(type, throwOnError: true)!.GetProperty("Rules")!.GetValue(null)!).Cast<RuleCompiler.RuleInfo>().ToList();

    internal static RuleCompiler.Language.Model.Value[] Row(RuleCompiler.Language.Model.RuleSetModel model, string command, int actor, params string[] args) =>
        new[]
        {
            RuleCompiler.Language.Model.Value.String(command),
            RuleCompiler.Language.Model.Value.Enum(actor),
            RuleCompiler.Language.Model.Value.List(RuleCompiler.Language.Common.EquatableArray.Create(args)),
        };
}
