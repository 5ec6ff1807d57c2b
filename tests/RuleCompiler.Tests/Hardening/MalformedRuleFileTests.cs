using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Hardening;

/// <summary>
/// A corpus of malformed rule files, each through the real generator: truncated YAML, wrong node kinds everywhere,
/// misspelt keys, huge numbers, unknown enum values, duplicate keys, tabs, byte order marks, invalid UTF-8, empty
/// files, and names or texts that are valid but odd for the emitter. For every file no exception escapes (no CS8785,
/// AD0001 or RC9999) and either code is generated, with no RC error, and compiles, or at least one RC error is
/// reported, every RC diagnostic at a real position of that file.
/// </summary>
public sealed class MalformedRuleFileTests
{
    public static IEnumerable<object[]> Cases => MalformedCorpus.Cases.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_rule_file_generates_compiling_code_or_reports_an_RC_error_at_a_real_position_and_never_throws(string name)
    {
        var malformed = MalformedCorpus.Cases[name];

        var outcome = RuleFileChecks.ThroughGenerator(malformed.Path, malformed.Text, malformed.Bytes);

        outcome.Problems.ShouldBeEmpty(RuleFileChecks.Report(name, outcome));
        if (malformed.MustGenerate)
        {
            outcome.Generated.ShouldBeTrue(RuleFileChecks.Report(name + ": a valid file must generate", outcome));
        }
    }

    [Fact]
    public void The_corpus_holds_every_kind_of_malformed_file()
    {
        var kinds = MalformedCorpus.Cases.Keys.Select(name => name.Substring(0, name.IndexOf(':'))).ToHashSet();

        kinds.ShouldBe(
            new[]
            {
                "truncated", "wrong types", "misspelt keys", "misspelt key", "huge number", "unknown enum value",
                "duplicate key", "tab", "BOM", "invalid UTF-8", "empty", "odd but valid",
            },
            ignoreOrder: true);
        MalformedCorpus.Cases.Keys.Count(name => name.StartsWith("truncated: ", StringComparison.Ordinal))
            .ShouldBeGreaterThanOrEqualTo(20 * SampleFiles.Names.Count());
    }
}
