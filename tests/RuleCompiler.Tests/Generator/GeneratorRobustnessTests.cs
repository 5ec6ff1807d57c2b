using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>
/// The generator never fails the build with an exception: a broken, empty or non-YAML rule file becomes an RC
/// diagnostic at that file and other files still generate; only rule files are read; BOMs and CRLF line endings
/// change nothing; cancellation is honoured; the namespace comes from the file or the project's RootNamespace.
/// </summary>
public sealed class GeneratorRobustnessTests
{
    private const string ValidRuleSet = """
        ruleset: Gate
        inputs:
          action: string
          risk: int
        outputs:
          allow: bool
          reason: string
        default: { allow: false, reason: denied by default }
        rules:
          - id: low-risk-reads
            when: { action: read, risk: { lt: 50 } }
            then: { allow: true, reason: low risk read }
          - id: writes
            when: { action: [write, append] }
            then: { allow: false, reason: no writes }

        """;

    public static IEnumerable<object[]> UnreadableFiles => new[]
    {
        new object[] { "empty", string.Empty },
        new object[] { "only whitespace", "  \n\t\n" },
        new object[] { "only a comment", "# nothing but a comment\n" },
        new object[] { "a scalar", "just some words\n" },
        new object[] { "a sequence", "- ruleset\n- Gate\n" },
        new object[] { "two documents", Lf(ValidRuleSet) + "---\n" + Lf(ValidRuleSet) },
        new object[] { "unclosed flow", "ruleset: Gate\ninputs: { action: [string\n" },
        new object[] { "tab indentation", "ruleset: Gate\ninputs:\n\taction: string\n" },
        new object[] { "control characters", "\0\u0001\u0002PK\u0003\u0004\u0007\u001b[0m\uFFFD\uFFFE" },
        new object[] { "random bytes", Garbage(seed: 1, length: 4096) },
        new object[] { "random bytes after a valid header", "ruleset: Gate\n" + Garbage(seed: 2, length: 2048) },
        new object[] { "alias bomb", AliasBomb() },
        new object[] { "deep nesting", new string('[', 10_000) + new string(']', 10_000) },
    };

    [Fact]
    public void A_file_with_an_error_generates_nothing_and_reports_an_RC_error_while_a_valid_file_still_generates()
    {
        var broken = new RuleFile("rules/broken.rules.yaml", Lf(ValidRuleSet).Replace("ruleset: Gate", "ruleset: Broken\ncolour: blue"));
        var valid = new RuleFile("rules/gate.rules.yaml", Lf(ValidRuleSet));

        var run = GeneratorHarness.Run(broken, valid);

        AssertNoGeneratorFailure(run);
        run.Sources.Select(s => s.HintName).ShouldBe(new[] { "Tests.Generated.Gate.g.cs" });
        var error = run.Errors.ShouldHaveSingleItem();
        error.Id.ShouldStartWith("RC");
        error.GetMessage().ShouldContain("colour");
        var position = error.Location.GetLineSpan();
        position.Path.ShouldBe(GeneratorHarness.ProjectDirectory + broken.Path);
        position.StartLinePosition.Line.ShouldBe(1, "the unknown key is on the second line (0-based line 1)");
        run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void A_semantic_error_in_one_file_does_not_stop_the_samples_generating()
    {
        var broken = new RuleFile("rules/broken.rules.yaml", Lf(ValidRuleSet).Replace("risk: { lt: 50 }", "risk: { lt: fifty }"));
        var samples = SampleFiles.Names.Select(SampleFiles.Load).ToArray();

        var run = GeneratorHarness.Run(samples.Append(broken).ToArray());

        AssertNoGeneratorFailure(run);
        run.Sources.Length.ShouldBe(samples.Length);
        run.Errors.ShouldNotBeEmpty();
        run.Errors.ShouldAllBe(d => d.Id.StartsWith("RC") && d.Location.GetLineSpan().Path == GeneratorHarness.ProjectDirectory + broken.Path);
    }

    [Theory]
    [InlineData("x.yaml")]
    [InlineData("x.yml")]
    [InlineData("rules.json")]
    [InlineData("rules.yaml")]
    [InlineData("x.rules.json")]
    [InlineData("x.rules.yaml.bak")]
    [InlineData("x.rules.txt")]
    [InlineData("x-rules.yaml")]
    public void Files_not_named_rules_yaml_or_rules_yml_are_ignored(string path)
    {
        var run = GeneratorHarness.Run(new RuleFile(path, Lf(ValidRuleSet)), new RuleFile("broken-" + path, "ruleset: [unclosed"));

        AssertNoGeneratorFailure(run);
        run.Sources.ShouldBeEmpty();
        run.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_rules_yml_file_is_compiled_like_a_rules_yaml_file()
    {
        var yml = GeneratorHarness.Run(new RuleFile("rules/gate.rules.yml", Lf(ValidRuleSet)));
        var yaml = GeneratorHarness.Run(new RuleFile("rules/gate.rules.yaml", Lf(ValidRuleSet)));

        AssertNoGeneratorFailure(yml);
        yml.Diagnostics.ShouldBeEmpty();
        yml.SourceOf("Tests.Generated.Gate.g.cs").ShouldBe(yaml.SourceOf("Tests.Generated.Gate.g.cs").Replace("gate.rules.yaml", "gate.rules.yml"));
    }

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public void A_file_that_is_not_a_rule_set_reports_an_RC_error_and_never_throws(string kind, string text)
    {
        var run = GeneratorHarness.Run(new RuleFile("rules/odd.rules.yaml", text), new RuleFile("rules/gate.rules.yaml", Lf(ValidRuleSet)));

        AssertNoGeneratorFailure(run);
        run.Sources.Select(s => s.HintName).ShouldBe(new[] { "Tests.Generated.Gate.g.cs" }, customMessage: kind);
        run.Errors.ShouldNotBeEmpty(kind);
        run.Errors.ShouldAllBe(d => d.Location.GetLineSpan().Path == GeneratorHarness.ProjectDirectory + "rules/odd.rules.yaml");
    }

    [Fact]
    public void An_empty_file_reports_that_it_is_empty()
    {
        var run = GeneratorHarness.Run(new RuleFile("rules/empty.rules.yaml", string.Empty));

        AssertNoGeneratorFailure(run);
        run.Sources.ShouldBeEmpty();
        run.Errors.ShouldHaveSingleItem().Id.ShouldBe("RC1002");
    }

    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void A_byte_order_mark_before_the_text_changes_nothing(string name)
    {
        var file = SampleFiles.Load(name);

        var plain = GeneratorHarness.Run(file);
        var withBom = GeneratorHarness.Run(file with { Text = "\uFEFF" + file.Text });

        AssertNoGeneratorFailure(withBom);
        withBom.Diagnostics.ShouldBeEmpty();
        withBom.Sources.ShouldHaveSingleItem().SourceText.ToString().ShouldBe(plain.Sources.Single().SourceText.ToString());
    }

    [Fact]
    public void A_byte_order_mark_right_before_the_ruleset_key_is_not_part_of_the_key()
    {
        // An AdditionalText whose text still starts with U+FEFF (an in-memory or editor text, or a double-encoded
        // file): YAML 1.2 says a BOM at the start of a stream is not content.
        var run = GeneratorHarness.Run(new RuleFile("rules/gate.rules.yaml", "\uFEFF" + Lf(ValidRuleSet)));

        AssertNoGeneratorFailure(run);
        run.Diagnostics.ShouldBeEmpty();
        run.SourceOf("Tests.Generated.Gate.g.cs").ShouldBe(GeneratorHarness.Run(new RuleFile("rules/gate.rules.yaml", Lf(ValidRuleSet))).SourceOf("Tests.Generated.Gate.g.cs"));
    }

    [Fact]
    public void A_rule_file_saved_as_UTF8_with_a_byte_order_mark_generates()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Lf(ValidRuleSet))).ToArray();
        var driver = GeneratorHarness.NewDriver(Array.Empty<RuleFile>())
            .AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new BytesAdditionalText(GeneratorHarness.ProjectDirectory + "rules/gate.rules.yaml", bytes)));

        var run = GeneratorHarness.Run(driver, GeneratorHarness.NewCompilation());

        AssertNoGeneratorFailure(run);
        run.Diagnostics.ShouldBeEmpty();
        run.SourceOf("Tests.Generated.Gate.g.cs").ShouldBe(GeneratorHarness.Run(new RuleFile("rules/gate.rules.yaml", Lf(ValidRuleSet))).SourceOf("Tests.Generated.Gate.g.cs"));
    }

    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void CRLF_line_endings_generate_exactly_the_code_of_LF_line_endings(string name)
    {
        var file = SampleFiles.Load(name);
        var lf = Lf(file.Text);

        var withLf = GeneratorHarness.Run(file with { Text = lf });
        var withCrLf = GeneratorHarness.Run(file with { Text = lf.Replace("\n", "\r\n") });

        AssertNoGeneratorFailure(withCrLf);
        withCrLf.Diagnostics.ShouldBeEmpty();
        var source = withCrLf.Sources.ShouldHaveSingleItem().SourceText.ToString();
        source.ShouldNotContain("\r");
        source.ShouldBe(withLf.Sources.Single().SourceText.ToString());
    }

    [Fact]
    public void Errors_in_a_CRLF_file_are_reported_at_the_same_line_and_column_as_in_an_LF_file()
    {
        var text = Lf(ValidRuleSet).Replace("risk: { lt: 50 }", "risk: { lt: fifty }");

        var lf = GeneratorHarness.Run(new RuleFile("rules/gate.rules.yaml", text));
        var crLf = GeneratorHarness.Run(new RuleFile("rules/gate.rules.yaml", text.Replace("\n", "\r\n")));

        AssertNoGeneratorFailure(crLf);
        var expected = lf.Errors.ShouldHaveSingleItem();
        var actual = crLf.Errors.ShouldHaveSingleItem();
        actual.Id.ShouldBe(expected.Id);
        actual.Location.GetLineSpan().Span.ShouldBe(expected.Location.GetLineSpan().Span);
        actual.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(10, "the bad literal is on line 11");
    }

    [Fact]
    public void Running_with_a_cancelled_token_throws_OperationCanceledException()
    {
        var driver = GeneratorHarness.NewDriver(SampleFiles.Names.Select(SampleFiles.Load));
        var compilation = GeneratorHarness.NewCompilation();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var exception = Record.Exception(() => driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancellation.Token));

        exception.ShouldBeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public void A_driver_whose_run_was_cancelled_still_generates_on_the_next_run()
    {
        var driver = GeneratorHarness.NewDriver(new[] { new RuleFile("rules/gate.rules.yaml", Lf(ValidRuleSet)) });
        var compilation = GeneratorHarness.NewCompilation();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Record.Exception(() => driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancellation.Token)).ShouldNotBeNull();

        var run = GeneratorHarness.Run(driver, compilation);

        AssertNoGeneratorFailure(run);
        run.Sources.Select(s => s.HintName).ShouldBe(new[] { "Tests.Generated.Gate.g.cs" });
    }

    [Fact]
    public void RootNamespace_is_the_namespace_of_a_file_without_one()
    {
        var run = GeneratorHarness.Run(new RuleFile("rules/gate.rules.yaml", Lf(ValidRuleSet)));

        AssertNoGeneratorFailure(run);
        var source = run.SourceOf("Tests.Generated.Gate.g.cs");
        source.ShouldContain("\nnamespace Tests.Generated;\n");
        run.OutputCompilation.GetTypeByMetadataName("Tests.Generated.Gate").ShouldNotBeNull();
    }

    [Fact]
    public void The_files_own_namespace_wins_over_RootNamespace()
    {
        var text = "namespace: Acme.Safety\n" + Lf(ValidRuleSet);

        var run = GeneratorHarness.Run(new RuleFile("rules/gate.rules.yaml", text));

        AssertNoGeneratorFailure(run);
        var source = run.Sources.ShouldHaveSingleItem();
        source.HintName.ShouldBe("Acme.Safety.Gate.g.cs");
        source.SourceText.ToString().ShouldContain("\nnamespace Acme.Safety;\n");
        source.SourceText.ToString().ShouldNotContain("Tests.Generated");
        run.OutputCompilation.GetTypeByMetadataName("Acme.Safety.Gate").ShouldNotBeNull();
    }

    [Fact]
    public void Without_RootNamespace_a_file_without_a_namespace_generates_compiling_code_in_the_global_namespace()
    {
        var files = new[]
        {
            new RuleFile("rules/gate.rules.yaml", Lf(ValidRuleSet)),
            new RuleFile("rules/named.rules.yaml", "namespace: Acme.Safety\n" + Lf(ValidRuleSet).Replace("ruleset: Gate", "ruleset: Named")),
        };

        var run = GeneratorHarness.Run(GeneratorHarness.NewDriver(files, rootNamespace: null), GeneratorHarness.NewCompilation());

        AssertNoGeneratorFailure(run);
        run.Diagnostics.ShouldBeEmpty();
        var source = run.SourceOf("Gate.g.cs");
        source.ShouldNotContain("namespace ");
        run.SourceOf("Acme.Safety.Named.g.cs").ShouldContain("\nnamespace Acme.Safety;\n");
        run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ShouldBeEmpty();
        run.OutputCompilation.GetTypeByMetadataName("Gate").ShouldNotBeNull();
        run.OutputCompilation.GetTypeByMetadataName("GateInput").ShouldNotBeNull();
    }

    private static void AssertNoGeneratorFailure(GeneratorRun run)
    {
        run.Result.Exception.ShouldBeNull();
        run.Diagnostics.Select(d => d.Id).ShouldNotContain("CS8785");
        run.Diagnostics.Select(d => d.Id).ShouldNotContain("AD0001");
        run.Diagnostics.ShouldAllBe(d => d.Id.StartsWith("RC"));
        run.Diagnostics.Select(d => d.Id).ShouldNotContain("RC9999", "an internal compiler error is a bug, not a diagnosis of the file");
    }

    private static string Lf(string text) => text.Replace("\r\n", "\n");

    private static string Garbage(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    // Each level refers to the previous one ten times: fully expanded, 10^9 nodes.
    private static string AliasBomb()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 9; level++)
        {
            var previous = "*a" + (level - 1);
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]\n");
        }

        return text.Append("ruleset: Bomb\ninputs: *a9\n").ToString();
    }

    /// <summary>A file as the build reads it from disk: bytes, decoded (and its BOM dropped) by Roslyn.</summary>
    private sealed class BytesAdditionalText : AdditionalText
    {
        private readonly byte[] _bytes;

        public BytesAdditionalText(string path, byte[] bytes)
        {
            Path = path;
            _bytes = bytes;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            using var stream = new MemoryStream(_bytes, writable: false);
            return SourceText.From(stream, Encoding.UTF8);
        }
    }
}
