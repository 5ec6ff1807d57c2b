using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

/// <summary>Counts what the mutated variants did, for the test's output.</summary>
internal sealed class MutationStats
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (int Count, double Milliseconds)> _perSource = new(StringComparer.Ordinal);
    private readonly TimeSpan _processorTimeAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private double _compilerMilliseconds;
    private (double Milliseconds, string What) _slowest;
    private double _generatorMilliseconds;
    private readonly Dictionary<string, int> _errorIds = new(StringComparer.Ordinal);

    public int Variants { get; private set; }

    public int ViaGenerator { get; private set; }

    public int Generated { get; private set; }

    public int Rejected { get; private set; }

    public int CompiledCSharp { get; private set; }

    public void Record(MutatedFile variant, RuleFileCheckOutcome outcome, bool viaGenerator, TimeSpan elapsed)
    {
        lock (_gate)
        {
            Variants++;
            ViaGenerator += viaGenerator ? 1 : 0;
            Generated += outcome.Generated ? 1 : 0;
            Rejected += outcome.Generated ? 0 : 1;
            CompiledCSharp += outcome.CompiledCSharp ? 1 : 0;
            _compilerMilliseconds += viaGenerator ? 0 : elapsed.TotalMilliseconds;
            if (elapsed.TotalMilliseconds > _slowest.Milliseconds)
            {
                _slowest = (elapsed.TotalMilliseconds, $"{variant.Source} ({(viaGenerator ? "generator" : "RuleFileCompiler")}): {variant.Description}");
            }

            _generatorMilliseconds += viaGenerator ? elapsed.TotalMilliseconds : 0;
            var (count, milliseconds) = _perSource.GetValueOrDefault(variant.Source);
            _perSource[variant.Source] = (count + 1, milliseconds + elapsed.TotalMilliseconds);
            foreach (var id in outcome.ErrorIds.Distinct())
            {
                _errorIds[id] = _errorIds.GetValueOrDefault(id) + 1;
            }
        }
    }

    public string Summary(TimeSpan elapsed) =>
        $"{Variants} variants in {elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - _processorTimeAtStart).TotalSeconds:F1} s of processor time in the process; "
        + $"mean {_compilerMilliseconds / Math.Max(1, Variants - ViaGenerator):F1} ms through RuleFileCompiler, {_generatorMilliseconds / Math.Max(1, ViaGenerator):F1} ms through the generator): {Generated} valid (a model or generated code), {Rejected} rejected with an RC error; "
        + $"{ViaGenerator} through the generator, {CompiledCSharp} of them generated code that was compiled.\n"
        + "variants per file (mean ms): " + string.Join(", ", _perSource.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value.Count} ({p.Value.Milliseconds / p.Value.Count:F1})")) + "\n"
        + $"slowest: {_slowest.Milliseconds:F0} ms, {(_slowest.What.Length > 300 ? _slowest.What.Substring(0, 300) : _slowest.What)}\n"
        + "variants per error id: " + string.Join(", ", _errorIds.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
}
