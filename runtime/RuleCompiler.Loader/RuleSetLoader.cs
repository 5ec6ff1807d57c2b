using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using RuleCompiler.Compiling;
using RuleCompiler.Interpreting;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Composition;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler;

/// <summary>
/// Loads rule files at run time (spec §15): the build's stages (read → compose → bind → analyze → the file's
/// <c>tests:</c> → plan → lower) on the file's text, then the lowered plan compiled to IL, so that a loaded rule set
/// decides exactly as the code the generator writes for the same file. Bad input never throws: every problem is a
/// diagnostic with the build's id, message, line and column, and a file with errors yields no rule set.
/// </summary>
public static class RuleSetLoader
{
    /// <summary>
    /// Loads <paramref name="yaml"/> for a compiled rule set whose <c>Contract</c> is <paramref name="contract"/>: the
    /// file must declare the same hit policy, inputs and outputs (RC6001 otherwise), and its rule set runs on the
    /// compiled rule set's generated input and output types.
    /// </summary>
    /// <typeparam name="TInput">The generated input type (<c>ShellGuardInput</c>).</typeparam>
    /// <typeparam name="TOutput">The generated output type (<c>ShellGuardOutput</c>).</typeparam>
    /// <param name="yaml">The rule file's text.</param>
    /// <param name="contract">The compiled rule set's <c>Contract</c>.</param>
    /// <param name="path">Where the text comes from: shown in diagnostics and rule metadata, and the folder <c>extends</c> and <c>imports</c> are relative to.</param>
    /// <param name="options">How to load; null for the defaults.</param>
    public static RuleSetLoadResult<TInput, TOutput> Load<TInput, TOutput>(string yaml, RuleSetContract contract, string? path = null, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Run<TInput, TOutput>(yaml, path, options, contract);
    }

    /// <summary>
    /// Loads <paramref name="yaml"/> without a compiled contract: inputs are given by name (<see cref="RuleSetInput"/>,
    /// from a dictionary or JSON), outputs come back by name (<see cref="RuleSetOutput"/>). For tools and tests.
    /// </summary>
    /// <param name="yaml">The rule file's text.</param>
    /// <param name="path">Where the text comes from (see <see cref="Load{TInput, TOutput}"/>).</param>
    /// <param name="options">How to load; null for the defaults.</param>
    public static RuleSetLoadResult<RuleSetInput, RuleSetOutput> Load(string yaml, string? path = null, LoadOptions? options = null) =>
        Run<RuleSetInput, RuleSetOutput>(yaml, path, options, contract: null);

    /// <summary>Reads the file at <paramref name="path"/> and loads it as <see cref="Load{TInput, TOutput}"/> does; a file that cannot be read is RC1006.</summary>
    public static RuleSetLoadResult<TInput, TOutput> LoadFile<TInput, TOutput>(string path, RuleSetContract contract, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Run<TInput, TOutput>(ReadOrNull(path, options), path, options, contract);
    }

    /// <summary>Reads the file at <paramref name="path"/> and loads it as <see cref="Load(string, string?, LoadOptions?)"/> does.</summary>
    public static RuleSetLoadResult<RuleSetInput, RuleSetOutput> LoadFile(string path, LoadOptions? options = null) =>
        Run<RuleSetInput, RuleSetOutput>(ReadOrNull(path, options), path, options, contract: null);

    private static string? ReadOrNull(string path, LoadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        return (options ?? LoadOptions.Default).ReadFile(path);
    }

    private static RuleSetLoadResult<TInput, TOutput> Run<TInput, TOutput>(string? yaml, string? path, LoadOptions? options, RuleSetContract? contract)
    {
        options ??= LoadOptions.Default;
        path ??= "rules.yaml";
        var sources = new List<string> { path };
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            var compiled = Compile(yaml, path, options);
            sources = compiled.SourcePaths.Count > 0 ? compiled.SourcePaths.ToList() : sources;
            diagnostics.AddRange(compiled.Diagnostics);
            var stop = compiled.HasErrors || (options.WarningsAsErrors && diagnostics.Any(d => d.Severity == Severity.Warning));
            if (stop || compiled.Model is not { } model || compiled.Plan is not { } plan)
            {
                return Result<TInput, TOutput>(null, diagnostics, sources, options);
            }

            var declared = ContractOf(model);
            if (contract is not null && !declared.Equals(contract))
            {
                diagnostics.Add(DiagnosticCatalog.ContractMismatch.At(model.NameSpan, declared.ToString(), contract.Name, contract.ToString()));
                return Result<TInput, TOutput>(null, diagnostics, sources, options);
            }

            // Checked first, so that where there is no dynamic code (Native AOT, where ILC makes the check a constant) nothing
            // reaches the expression trees and reflection of the compiled back end (Compiled), and its code is not even kept.
            if (!RuntimeFeature.IsDynamicCodeSupported || options.Interpret)
            {
                // A typed load is one with a contract (on untyped types too, RC6002 where it compiles): none can be interpreted.
                if (contract is not null || typeof(TInput) != typeof(RuleSetInput) || typeof(TOutput) != typeof(RuleSetOutput))
                {
                    diagnostics.Add(DiagnosticCatalog.TypedLoadNeedsDynamicCode.At(model.NameSpan, (contract ?? declared).Name));
                    return Result<TInput, TOutput>(null, diagnostics, sources, options);
                }

                // The rules' conditions as the runtime's trace walk reads them (Explain), none of them plan nodes.
                var conditions = ConditionProgram.For(model, plan, new HashSet<int>(), _ => 1, int.MaxValue, int.MaxValue, out _);
                return Result((IRuleSet<TInput, TOutput>)(object)new InterpretedRuleSet(model, conditions, declared), diagnostics, sources, options);
            }

            return Compiled<TInput, TOutput>(model, plan, compiled.Lowered!, declared, diagnostics, sources, options);
        }
        catch (OperationCanceledException) when (options.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A loader bug, never the file's: said as the build says it (RC9999), never thrown at the caller.
            diagnostics.Add(DiagnosticCatalog.InternalError.At(SourceSpan.FileStart, exception.GetType().Name + ": " + exception.Message.TrimEnd('.')));
            return Result<TInput, TOutput>(null, diagnostics, sources, options);
        }
    }

    /// <summary>The rule set compiled to IL (System.Linq.Expressions): where code can be generated at run time.</summary>
    private static RuleSetLoadResult<TInput, TOutput> Compiled<TInput, TOutput>(RuleSetModel model, Language.Planning.Plan plan, Language.Lowering.LoweredRuleSet lowered, RuleSetContract declared, List<DiagnosticInfo> diagnostics, IReadOnlyList<string> sources, LoadOptions options)
    {
        IRuleSet<TInput, TOutput> ruleSet;
        try
        {
            ruleSet = typeof(TInput) == typeof(RuleSetInput)
                ? (IRuleSet<TInput, TOutput>)(object)Untyped(model, plan, lowered, declared, options.CancellationToken)
                : Typed<TInput, TOutput>(model, plan, lowered, declared, options.CancellationToken);
        }
        catch (ContractMismatchException mismatch)
        {
            diagnostics.Add(DiagnosticCatalog.TypeMismatch.At(model.NameSpan, mismatch.Message));
            return Result<TInput, TOutput>(null, diagnostics, sources, options);
        }

        return Result(ruleSet, diagnostics, sources, options);
    }

    private static IRuleSet<TInput, TOutput> Typed<TInput, TOutput>(RuleSetModel model, Language.Planning.Plan plan, Language.Lowering.LoweredRuleSet lowered, RuleSetContract contract, CancellationToken cancellationToken)
    {
        if (typeof(TInput) == typeof(RuleSetInput) || typeof(TOutput) == typeof(RuleSetOutput))
        {
            throw new ContractMismatchException($"{typeof(TInput).Name} and {typeof(TOutput).Name} are the untyped input and output, which RuleSetLoader.Load without a contract gives");
        }

        var outputs = new TypedOutputShape<TOutput>(model.Outputs);
        var compiled = new PlanCompiler<TInput, TOutput>(model, plan, lowered, new TypedInputAccess(typeof(TInput)), outputs, cancellationToken).Compile();
        return new LoadedRuleSet<TInput, TOutput>(model, compiled, outputs, contract);
    }

    private static UntypedRuleSet Untyped(RuleSetModel model, Language.Planning.Plan plan, Language.Lowering.LoweredRuleSet lowered, RuleSetContract contract, CancellationToken cancellationToken)
    {
        var outputs = new UntypedOutputShape(model.Outputs);
        var compiled = new PlanCompiler<RuleSetRow, RuleSetOutput>(model, plan, lowered, UntypedInputAccess.Instance, outputs, cancellationToken).Compile();
        return new UntypedRuleSet(new LoadedRuleSet<RuleSetRow, RuleSetOutput>(model, compiled, outputs, contract), new InputLayout(model));
    }

    /// <summary>
    /// The build's stages on a file's text (and the files it names, read through <see cref="LoadOptions.ReadFile"/>),
    /// without compiling its plan: what a load runs first, and what tools (rulec) that need the model run alone.
    /// </summary>
    internal static CompiledRuleFile Compile(string? yaml, string path, LoadOptions options)
    {
        var main = new RuleSource(path, path, yaml);
        var bind = new BindOptions(string.Empty, path) { RequireRuleCoverage = options.RequireRuleCoverage, DataPlanRules = options.DataPlanRules };
        // An interpreter needs the plan, not what lowering makes for code (members, automata).
        return RuleFileCompiler.Compile(main, Dependencies(main, options, options.CancellationToken), bind, options.Limits, options.CancellationToken, lower: RuntimeFeature.IsDynamicCodeSupported && !options.Interpret);
    }

    /// <summary>The files <paramref name="main"/> extends or imports, and theirs, read through <see cref="LoadOptions.ReadFile"/> (at most <see cref="LoadOptions.MaxFiles"/>).</summary>
    internal static List<RuleSource> Dependencies(RuleSource main, LoadOptions options, CancellationToken cancellationToken)
    {
        var read = new List<RuleSource>();
        var seen = new HashSet<string>(SourcePaths.Comparer) { SourcePaths.Normalize(main.Path) };
        var pending = new Queue<RuleSource>();
        pending.Enqueue(main);
        while (pending.Count > 0 && read.Count < options.MaxFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = pending.Dequeue();
            foreach (var reference in RuleSetComposer.References(file.Path, file.Text))
            {
                if (seen.Add(SourcePaths.Normalize(reference)) && read.Count < options.MaxFiles)
                {
                    // A file that cannot be read is left out: the compose stage reports it where it is named (RC2041).
                    if (options.ReadFile(reference) is { } text)
                    {
                        var source = new RuleSource(reference, reference, text);
                        read.Add(source);
                        pending.Enqueue(source);
                    }
                }
            }
        }

        return read;
    }

    private static RuleSetLoadResult<TInput, TOutput> Result<TInput, TOutput>(IRuleSet<TInput, TOutput>? ruleSet, List<DiagnosticInfo> diagnostics, IReadOnlyList<string> sources, LoadOptions options)
    {
        var located = Locate(diagnostics, sources);
        var failed = located.Any(d => d.Severity == RuleDiagnosticSeverity.Error) || (options.WarningsAsErrors && located.Any(d => d.Severity == RuleDiagnosticSeverity.Warning));
        return new RuleSetLoadResult<TInput, TOutput>(failed ? null : ruleSet, located, sources.ToArray());
    }

    /// <summary>The rules' metadata, as generated code's <c>Rules</c> gives it for the same file.</summary>
    internal static RuleInfo[] RulesOf(RuleSetModel model) =>
        model.Rules.Select(rule => new RuleInfo(rule.Index, rule.Id, rule.Description, model.SourceOf(rule), rule.Span.Line, rule.Span.Column)).ToArray();

    /// <summary>Diagnostics at their files (<paramref name="sources"/>, by <see cref="SourceSpan.File"/>), as the build prints them.</summary>
    internal static ImmutableArray<RuleDiagnostic> Locate(IEnumerable<DiagnosticInfo> diagnostics, IReadOnlyList<string> sources) =>
        diagnostics.Select(d => RuleDiagnostic.From(d, sources)).ToImmutableArray();

    /// <summary>What a rule file declares, as generated code's <c>Contract</c> states it for the same file.</summary>
    internal static RuleSetContract ContractOf(RuleSetModel model)
    {
        RuleSetField Leaf(string name, FieldModel field) => field.Type == FieldType.Enum
            ? new RuleSetField(name, "enum", field.EnumValues.ToArray())
            : new RuleSetField(name, field.Type.YamlName());
        RuleSetField Declared(InputDeclaration declaration) => declaration.Kind switch
        {
            InputKind.Record => new RuleSetField(declaration.FieldName, "record", fields: declaration.Fields.Select(Declared).ToArray()),
            InputKind.Map => new RuleSetField(declaration.FieldName, "map"),
            _ => Leaf(declaration.FieldName, model.Inputs[declaration.Leaf]),
        };
        var inputs = model.Declared.Count > 0 ? model.Declared.Select(Declared) : model.Inputs.Select(field => Leaf(field.Name, field));
        return new RuleSetContract(model.Name, model.Namespace, model.Hit.Info().YamlName, inputs.ToArray(), model.Outputs.Select(field => Leaf(field.Name, field)).ToArray());
    }
}

/// <summary>How <see cref="RuleSetLoader"/> loads a rule file.</summary>
public sealed record LoadOptions
{
    /// <summary>The defaults: warnings do not stop a load, other files are read from disk.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>Whether a warning (a shadowed rule, a gap, ...) stops the load as an error does.</summary>
    public bool WarningsAsErrors { get; init; }

    /// <summary>Rules no <c>tests:</c> case exercises are warnings (RC3009), as MSBuild's <c>RuleCompilerRequireRuleCoverage</c> makes them.</summary>
    public bool RequireRuleCoverage { get; init; }

    /// <summary>
    /// Reads a file that <c>extends</c> or <c>imports</c> names (by its path resolved against the naming file's), or
    /// the file <c>LoadFile</c> loads; null when it cannot be read. By default, from disk.
    /// </summary>
    public Func<string, string?> ReadFile { get; init; } = ReadFromDisk;

    /// <summary>At most this many files besides the loaded one (its bases and imports, transitively).</summary>
    public int MaxFiles { get; init; } = 64;

    /// <summary>Stops a long load (a 100,000-rule file's analysis); the load then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Past this many rules a first-wins plan's leaves are data (MSBuild's <c>RuleCompilerDataPlanRules</c> for the
    /// build; tests set 0 to run that form loaded too). Never, by default: the build writes large plans as data to bound
    /// the C# compiler's work and the assembly's methods, neither of which binds a loaded rule set, whose node methods
    /// compile on first use, and whose walk of data asks each test through a delegate where generated code calls it
    /// directly. The decisions are the same in both forms.
    /// </summary>
    internal int DataPlanRules { get; init; } = int.MaxValue;

    /// <summary>
    /// Interpret the rule set (untyped loads) as where code cannot be generated at run time (Native AOT), where a typed
    /// load is RC6003: for tests, which run the interpreter beside the compiler on one corpus.
    /// </summary>
    internal bool Interpret { get; init; }

    /// <summary>The reader's limits on size, depth, aliases and rules: the build's by default.</summary>
    internal ReaderLimits Limits { get; init; } = ReaderLimits.Default;

    private static string? ReadFromDisk(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
