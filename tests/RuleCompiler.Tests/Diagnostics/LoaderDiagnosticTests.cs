using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Tests.Behaviour;
using RuleCompiler.Tests.Infrastructure;
using RuleCompiler.Tests.Loader;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>
/// A rule file loaded at run time reports what the build reports (the same ids, messages, lines and columns), never
/// throws for bad input, yields no rule set when it has errors, and checks a typed load against the compiled contract.
/// </summary>
public sealed class LoaderDiagnosticTests
{
    private const string Guard = """
        ruleset: Guard
        inputs:
          command: string
          actor: { enum: [human, ai] }
        outputs:
          decision: { enum: [allow, deny, ask] }
        default: { decision: allow }
        rules:
          - id: deny-rm
            when: { command: rm, actor: ai }
            then: { decision: deny }
        """;

    [Fact]
    public void RC6001_a_file_declaring_other_inputs_than_the_compiled_rule_set_does_not_load()
    {
        var compiled = Compiled(Guard);
        var other = Guard.Replace("actor: { enum: [human, ai] }", "actor: { enum: [human, ai, robot] }", StringComparison.Ordinal);

        var result = LoadedRuleSets.Load(compiled, other, "user.rules.yaml");

        var diagnostic = Errors(result).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RC6001");
        (diagnostic.Path, diagnostic.Line, diagnostic.Column).ShouldBe(("user.rules.yaml", 1, 10));
        diagnostic.Message.ShouldContain("actor: { enum: [human, ai, robot] }");
        diagnostic.Message.ShouldContain("compiled rule set Guard declares hit: first, inputs: { command: string, actor: { enum: [human, ai] } }");
        Succeeded(result).ShouldBeFalse();
    }

    [Fact]
    public void RC6001_a_layer_that_extends_the_compiled_file_loads_for_it()
    {
        var compiled = Compiled(Guard);
        var layer = """
            extends: guard.rules.yaml
            ruleset: UserGuard
            rules:
              - id: ask-curl
                when: { command: curl }
                then: { decision: ask }
            """;
        var options = LoadOptions.Default with { ReadFile = path => path == "config/guard.rules.yaml" ? Guard : null };

        var result = typeof(RuleSetLoader).GetMethods().Single(m => m.Name == nameof(RuleSetLoader.Load) && m.IsGenericMethodDefinition)
            .MakeGenericMethod(compiled.InputType, compiled.OutputType)
            .Invoke(null, new object?[] { layer, compiled.Contract, "config/user.rules.yaml", options })!;

        Diagnostics(result).Where(d => d.Severity == RuleDiagnosticSeverity.Error).ShouldBeEmpty();
        Succeeded(result).ShouldBeTrue();
    }

    [Fact]
    public void RC6002_types_without_the_files_properties_do_not_load()
    {
        var guard = Compiled(Guard);
        var other = Compiled(Guard.Replace("command", "program", StringComparison.Ordinal).Replace("ruleset: Guard", "ruleset: Other", StringComparison.Ordinal), "other.rules.yaml");

        // The contract is Guard's (so RC6001 passes), the types another rule set's: they have no Command.
        var result = typeof(RuleSetLoader).GetMethods().Single(m => m.Name == nameof(RuleSetLoader.Load) && m.IsGenericMethodDefinition)
            .MakeGenericMethod(other.InputType, other.OutputType)
            .Invoke(null, new object?[] { Guard, guard.Contract, "guard.rules.yaml", null })!;

        var diagnostic = Errors(result).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RC6002");
        diagnostic.Message.ShouldContain("OtherInput has no property Command");
        Succeeded(result).ShouldBeFalse();
    }

    [Fact]
    public void RC6003_a_typed_load_without_run_time_code_generation_is_an_error_that_names_the_untyped_load()
    {
        var compiled = Compiled(Guard);

        // As under Native AOT, where no code can be generated at run time: the typed load cannot read ShellGuardInput.
        var result = LoadedRuleSets.Load(compiled, Guard, "guard.rules.yaml", interpret: true);

        var diagnostic = Errors(result).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RC6003");
        (diagnostic.Path, diagnostic.Line, diagnostic.Column).ShouldBe(("guard.rules.yaml", 1, 10));
        diagnostic.Message.ShouldContain("Guard.Load");
        diagnostic.Message.ShouldContain("Load the file without a contract (RuleSetLoader.Load(yaml) or LoadFile(path))");
        Succeeded(result).ShouldBeFalse();
    }

    [Fact]
    public void RC6003_the_same_file_loaded_untyped_is_interpreted_and_decides()
    {
        var result = RuleSetLoader.Load(Guard, "guard.rules.yaml", LoadOptions.Default with { Interpret = true });

        result.Errors.ShouldBeEmpty();
        var ruleSet = result.RuleSet.ShouldNotBeNull();
        var decision = ruleSet.Evaluate(RuleSetInput.From(new Dictionary<string, object?> { ["command"] = "rm", ["actor"] = "ai" }));
        (decision.RuleId, decision.Output["decision"]).ShouldBe(("deny-rm", "deny"));
        ruleSet.Explain(RuleSetInput.From(new Dictionary<string, object?> { ["command"] = "ls", ["actor"] = "ai" })).ToString()
            .ShouldBe("decision: (no rule): { decision: allow }\n  deny-rm (guard.rules.yaml:9): not held: command eq rm, actual ls (line 10, column 22)\n");
    }

    [Fact]
    public void Every_malformed_file_loads_with_exactly_the_builds_diagnostics_and_never_throws()
    {
        var checkedFiles = 0;
        foreach (var (name, file) in MalformedCorpus.Cases)
        {
            if (file.Text is null)
            {
                continue;
            }

            var build = RuleFileCompiler.Compile(file.Text, new BindOptions(string.Empty, file.Path), CancellationToken.None);
            var loaded = RuleSetLoader.Load(file.Text, file.Path);

            loaded.Diagnostics.Select(d => (d.Id, d.Line, d.Column, d.Message))
                .ShouldBe(build.Diagnostics.Select(d => (d.Id, d.Span.Line, d.Span.Column, d.Message)), name);
            loaded.Succeeded.ShouldBe(!build.HasErrors, name);
            checkedFiles++;
        }

        checkedFiles.ShouldBeGreaterThan(200);
    }

    [Fact]
    public void An_alias_bomb_loaded_at_run_time_is_RC1003_and_no_rule_set()
    {
        var yaml = "ruleset: Bomb\nlol0: &lol0 [lol]\n" + string.Concat(Enumerable.Range(1, 9).Select(i =>
            $"lol{i}: &lol{i} [{string.Join(", ", Enumerable.Repeat($"*lol{i - 1}", 10))}]\n"));

        var result = RuleSetLoader.Load(yaml, "bomb.rules.yaml");

        result.Succeeded.ShouldBeFalse();
        result.Diagnostics.Select(d => d.Id).ShouldBe(new[] { "RC1003" });
        result.Diagnostics[0].Message.ShouldContain("node count");
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_RC1006_and_a_missing_base_RC2041_where_extends_names_it()
    {
        var missing = RuleSetLoader.LoadFile("/nonexistent/folder/rules.yaml");
        missing.Diagnostics.Select(d => d.Id).ShouldBe(new[] { "RC1006" });
        missing.Succeeded.ShouldBeFalse();

        var layer = RuleSetLoader.Load("extends: base.rules.yaml\nruleset: Layer\n", "/nonexistent/folder/layer.rules.yaml");
        var diagnostic = layer.Errors.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RC2041");
        (diagnostic.Line, diagnostic.Column).ShouldBe((1, 10));
    }

    [Fact]
    public void Warnings_load_unless_warnings_are_errors()
    {
        var shadowed = Guard + "\n  - id: deny-rm-again\n    when: { command: rm, actor: ai }\n    then: { decision: ask }\n";

        var lenient = RuleSetLoader.Load(shadowed, "guard.rules.yaml");
        var strict = RuleSetLoader.Load(shadowed, "guard.rules.yaml", LoadOptions.Default with { WarningsAsErrors = true });

        lenient.Diagnostics.ShouldContain(d => d.Severity == RuleDiagnosticSeverity.Warning);
        lenient.Succeeded.ShouldBeTrue();
        strict.Succeeded.ShouldBeFalse();
        strict.Diagnostics.Select(d => d.Id).ShouldBe(lenient.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void A_failing_rule_file_test_is_RC4001_at_the_case_as_in_the_build()
    {
        var yaml = Guard + "\ntests:\n  - input: { command: rm, actor: ai }\n    expect: { decision: allow }\n";

        var result = RuleSetLoader.Load(yaml, "guard.rules.yaml");

        var diagnostic = result.Errors.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RC4001");
        diagnostic.ToString().ShouldStartWith("guard.rules.yaml(13,5): error RC4001: Test '#1' failed");
        result.Succeeded.ShouldBeFalse();
    }

    private static RuleSetUnderTest Compiled(string yaml, string path = "guard.rules.yaml")
    {
        var file = new RuleFile(path, yaml);
        return new RuleSetUnderTest(GeneratorHarness.RunAndLoad(file), DifferentialTests.Model(file));
    }

    private static IReadOnlyList<RuleDiagnostic> Diagnostics(object result) =>
        (System.Collections.Immutable.ImmutableArray<RuleDiagnostic>)result.GetType().GetProperty("Diagnostics")!.GetValue(result)!;

    private static IReadOnlyList<RuleDiagnostic> Errors(object result) => Diagnostics(result).Where(d => d.Severity == RuleDiagnosticSeverity.Error).ToList();

    private static bool Succeeded(object result) => (bool)result.GetType().GetProperty("Succeeded")!.GetValue(result)!;
}
