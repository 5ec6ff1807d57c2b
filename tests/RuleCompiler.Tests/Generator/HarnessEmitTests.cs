using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Generator;

/// <summary>
/// The harness compiles generated code once, by emitting it, and fails on any warning the emit reports. That is only
/// as strict as a separate GetDiagnostics if the emit reports the same warnings: this keeps the assumption checked.
/// </summary>
public sealed class HarnessEmitTests
{
    [Fact]
    public void Emit_reports_every_warning_and_error_GetDiagnostics_reports()
    {
        var compilation = GeneratorHarness.NewCompilation(
            "class C { int _unused; void M() { int x; object o = null; string s = o?.ToString(); \n#warning hello\n } static void N(string? a) { var b = a.Length; } int P => Missing; }");
        var checkedAlone = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).OrderBy(d => d).ToList();
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream).Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).OrderBy(d => d).ToList();

        checkedAlone.Count.ShouldBeGreaterThan(5, string.Join("\n", checkedAlone));
        emitted.ShouldBe(checkedAlone);
    }
}
