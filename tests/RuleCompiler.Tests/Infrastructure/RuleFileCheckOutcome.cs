using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>What checking one rule file found: whether code came out, the RC errors, and every rule it broke.</summary>
internal sealed record RuleFileCheckOutcome(bool Generated, IReadOnlyList<string> Diagnostics, IReadOnlyList<string> Problems, bool CompiledCSharp)
{
    public IEnumerable<string> ErrorIds => Diagnostics.Where(d => d.Contains(" error ", StringComparison.Ordinal)).Select(d => d.Split(' ')[0]);
}
