using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Diagnostics;

/// <summary>RC1006: a listed rule file whose text the build cannot read.</summary>
public sealed class UnreadableFileTests
{
    [Fact]
    public void Rule_file_the_build_cannot_read_is_RC1006_at_its_start_and_generates_nothing()
    {
        var driver = GeneratorHarness.NewDriver([]).AddAdditionalTexts([new UnreadableText(GeneratorHarness.ProjectDirectory + "rules/gone.rules.yaml")]);
        var run = GeneratorHarness.Run(driver, GeneratorHarness.NewCompilation());
        var diagnostic = run.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RC1006");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Location.GetLineSpan().Path.ShouldEndWith("rules/gone.rules.yaml");
        diagnostic.Location.GetLineSpan().StartLinePosition.ShouldBe(new LinePosition(0, 0));
        run.Sources.ShouldBeEmpty();
        run.Result.Exception.ShouldBeNull();
    }

    private sealed class UnreadableText : AdditionalText
    {
        public UnreadableText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }
}
