using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Language;

/// <summary>
/// Every one-character deletion, and every insertion of a YAML-significant character, at every position of real rule
/// files: the compiler either produces a model or reports an RC error at a real position, and never fails
/// internally (RC9999) or throws.
/// </summary>
public sealed class MutatedRuleFileTests
{
    private const string Insertions = "{}[]:,-\"'\t\n#&*!|>%@`";

    [Theory]
    [InlineData("combinators.rules.yaml")]
    [InlineData("types.rules.yaml")]
    [InlineData("lists.rules.yaml")]
    public void Every_single_character_mutation_compiles_or_reports_a_located_error(string name)
    {
        var text = FeatureFiles.Load(name).Text;
        var variants = 0;
        for (var i = 0; i < text.Length; i++)
        {
            AssertHandled(text.Remove(i, 1), $"deleting character {i} of {name}");
            foreach (var c in Insertions)
            {
                AssertHandled(text.Insert(i, c.ToString()), $"inserting '{c}' at {i} of {name}");
            }

            variants += 1 + Insertions.Length;
        }

        variants.ShouldBeGreaterThan(10_000);
    }

    private static void AssertHandled(string text, string mutation)
    {
        var compiled = RuleFileCompiler.Compile(text, new BindOptions("Ns", "m.rules.yaml"), CancellationToken.None);
        compiled.Diagnostics.Where(d => d.Id == DiagnosticCatalog.InternalError.Id).ShouldBeEmpty(mutation);
        if (compiled.Model is null)
        {
            compiled.Diagnostics.ShouldContain(d => d.Severity == Severity.Error, mutation);
        }

        foreach (var diagnostic in compiled.Diagnostics)
        {
            diagnostic.Span.Line.ShouldBeGreaterThanOrEqualTo(1, mutation);
            diagnostic.Span.Offset.ShouldBeLessThanOrEqualTo(text.Length, mutation);
        }
    }
}
