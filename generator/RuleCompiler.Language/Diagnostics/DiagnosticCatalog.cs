using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Language.Diagnostics;

/// <summary>
/// Every diagnostic the rule compiler reports, in one place. Ids are grouped by stage:
/// RC1xxx read (YAML), RC2xxx bind (names, types, literals, policies), RC3xxx analysis,
/// RC4xxx rule-file tests, RC5xxx lowering (how rules become code), RC6xxx loading at run time (spec §15), RC9xxx internal. docs/diagnostics.md mirrors this table (a test keeps them in sync).
/// </summary>
public static class DiagnosticCatalog
{
    private const string Read = "RuleCompiler.Read";
    private const string Bind = "RuleCompiler.Bind";
    private const string Analysis = "RuleCompiler.Analysis";
    private const string Tests = "RuleCompiler.Tests";
    private const string Lower = "RuleCompiler.Lower";
    private const string Load = "RuleCompiler.Load";
    private const string Internal = "RuleCompiler.Internal";

    public static readonly DiagnosticKind InvalidYaml = new(
        "RC1001", "Invalid YAML", "The rule file is not valid YAML: {0}. Fix the YAML syntax at this position.", Severity.Error, Read);

    public static readonly DiagnosticKind EmptyFile = new(
        "RC1002", "Empty rule file", "The rule file is empty. Write a rule set: a mapping with 'ruleset', 'inputs', 'outputs' and 'rules'.", Severity.Error, Read);

    public static readonly DiagnosticKind LimitExceeded = new(
        "RC1003", "Rule file exceeds a limit", "The rule file exceeds the {0} limit of {1}. Split the rule set or remove repeated aliases.", Severity.Error, Read);

    public static readonly DiagnosticKind DuplicateKey = new(
        "RC1004", "Duplicate key", "The key '{0}' appears twice in this mapping (first at line {1}). Remove or rename one of them.", Severity.Error, Read);

    public static readonly DiagnosticKind MultipleDocuments = new(
        "RC1005", "More than one YAML document", "A rule file holds one rule set: remove the second YAML document (after '---') or move it to its own file.", Severity.Error, Read);

    public static readonly DiagnosticKind UnreadableFile = new(
        "RC1006", "Rule file cannot be read", "The rule file could not be read. Check that it exists and that the build can read it.", Severity.Error, Read);

    public static readonly DiagnosticKind UnknownKey = new(
        "RC2001", "Unknown key", "Unknown key '{0}' in {1}. Expected one of: {2}.", Severity.Error, Bind);

    public static readonly DiagnosticKind MissingKey = new(
        "RC2002", "Missing required key", "{1} needs the key '{0}'. Add it.", Severity.Error, Bind);

    public static readonly DiagnosticKind WrongNodeKind = new(
        "RC2003", "Wrong kind of YAML node", "{1} must be {0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidRuleSetName = new(
        "RC2004", "Invalid rule set name", "'{0}' is not a valid rule set name: it must be a C# identifier (letters, digits, '_', not starting with a digit) and not a C# keyword.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidNamespace = new(
        "RC2005", "Invalid namespace", "'{0}' is not a valid C# namespace: use dot-separated identifiers such as 'Acme.Rules'.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidFieldName = new(
        "RC2006", "Invalid field name", "'{0}' is not a valid field name: start with a letter and use letters, digits, '_' and '-'.", Severity.Error, Bind);

    public static readonly DiagnosticKind DuplicateMemberName = new(
        "RC2007", "Two names map to one C# name", "'{0}' and '{1}' both become the C# name '{2}'. Rename one of them.", Severity.Error, Bind);

    public static readonly DiagnosticKind ReservedInputName = new(
        "RC2008", "Reserved input name", "'{0}' cannot be an input name: 'all', 'any' and 'not' combine conditions. Rename the input.", Severity.Error, Bind);

    public static readonly DiagnosticKind UnknownType = new(
        "RC2009", "Unknown type", "Unknown type '{0}'. Use {1} or {{ enum: [a, b] }}.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidEnum = new(
        "RC2010", "Invalid enum", "Invalid enum: {0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind ListOutput = new(
        "RC2011", "string-list output", "Output '{0}' cannot be a string-list: string-list is for inputs only. Use string or an enum.", Severity.Error, Bind);

    public static readonly DiagnosticKind UnknownHitPolicy = new(
        "RC2012", "Unknown hit policy", "Unknown hit policy '{0}'. Use first, priority, output-priority, unique, any or collect.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidLiteral = new(
        "RC2013", "Literal of the wrong type", "'{0}' is not a valid {1} for '{2}': {3}.", Severity.Error, Bind);

    public static readonly DiagnosticKind UnknownInput = new(
        "RC2014", "Unknown input field", "Unknown input field '{0}'. Declared inputs: {1}.", Severity.Error, Bind);

    public static readonly DiagnosticKind UnknownOperator = new(
        "RC2015", "Unknown operator", "Unknown operator '{0}' for '{1}'. Operators for a {2} field: {3}.", Severity.Error, Bind);

    public static readonly DiagnosticKind ShorthandOnList = new(
        "RC2017", "Shorthand on a string-list field", "'{0}' is a string-list: write {{ contains: x }}, {{ contains-any: [...] }}, {{ contains-all: [...] }} or {{ empty: true }} instead of a bare value or sequence.", Severity.Error, Bind);

    public static readonly DiagnosticKind ImpossibleTest = new(
        "RC2018", "Test can never hold", "This test on '{0}' can never hold: {1}. Fix or remove it.", Severity.Error, Bind);

    public static readonly DiagnosticKind DuplicateRuleId = new(
        "RC2019", "Duplicate rule id", "Rule id '{0}' is already used at line {1}. Rule ids must be unique in a file.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidRuleId = new(
        "RC2020", "Invalid rule id", "'{0}' is not a valid rule id: start with a letter or digit and use letters, digits, '.', '_' and '-'.", Severity.Error, Bind);

    public static readonly DiagnosticKind MissingOutput = new(
        "RC2021", "Missing output value", "{1} gives no value for output '{0}'. Every output needs a value.", Severity.Error, Bind);

    public static readonly DiagnosticKind UnknownOutput = new(
        "RC2022", "Unknown output field", "Unknown output '{0}'. Declared outputs: {1}.", Severity.Error, Bind);

    public static readonly DiagnosticKind PriorityWithoutPriorityPolicy = new(
        "RC2023", "priority without hit: priority", "'priority' is only allowed with 'hit: priority' (this file uses '{0}'). Remove it or change the hit policy.", Severity.Error, Bind);

    public static readonly DiagnosticKind OutputPriorityNeedsEnum = new(
        "RC2024", "output-priority needs an enum output", "'hit: output-priority' ranks rules by the first output's enum order, but '{0}' is a {1}. Make the first output an enum.", Severity.Error, Bind);

    public static readonly DiagnosticKind DefaultWithCollect = new(
        "RC2025", "default with collect", "'default' is not allowed with 'hit: collect' unless 'aggregate' is set: a collect result lists every rule that holds.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidAggregate = new(
        "RC2026", "Invalid aggregate", "Invalid 'aggregate': {0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidRegex = new(
        "RC2027", "Invalid regular expression", "The regex '{0}' is not valid: {1}.", Severity.Error, Bind);

    public static readonly DiagnosticKind BacktrackingRegex = new(
        "RC2028", "Regex needs backtracking", "The regex '{0}' needs backtracking ({1}); rules must run in linear time. Remove backreferences, lookarounds, atomic groups and conditionals.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidGlob = new(
        "RC2029", "Invalid glob", "The glob '{0}' ends with a lone '\\'. Escape a backslash as '\\\\'.", Severity.Error, Bind);

    public static readonly DiagnosticKind EmptySequence = new(
        "RC2030", "Empty sequence", "{0} must not be empty.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidBetween = new(
        "RC2031", "Invalid between", "'between' takes [lo, hi] with lo <= hi; got {0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind GeneratedNameCollision = new(
        "RC2032", "Generated name collision", "{0}. Rename one of them.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidTestCase = new(
        "RC2034", "Invalid test case", "Invalid test case: {0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind DuplicateRuleSet = new(
        "RC2035", "Duplicate rule set", "The rule set '{0}' is also defined in '{1}'. Give one of them another 'ruleset' name or 'namespace'.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidComputedOutput = new(
        "RC2036", "Computed output not allowed here", "{0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidTemplate = new(
        "RC2037", "Invalid template", "Invalid template: {0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidExpression = new(
        "RC2038", "Invalid expression", "Invalid expression: {0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind NotAValue = new(
        "RC2039", "Path names no single value", "'{0}' is {1}.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidTable = new(
        "RC2040", "Invalid decision table", "The decision table {0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind FileNotFound = new(
        "RC2041", "Referenced rule file not found", "The file '{0}' that this file {1} is not among the build's AdditionalFiles (looked for '{2}'). Add it as an AdditionalFiles item, or fix the path (relative to this file).", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidLayer = new(
        "RC2042", "Invalid layer", "{0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind BaseHasErrors = new(
        "RC2043", "Base file has errors", "The base file '{0}' has {1} error(s), reported at that file; this layer generates nothing until they are fixed.", Severity.Error, Bind);

    public static readonly DiagnosticKind InvalidList = new(
        "RC2044", "Invalid list", "{0}.", Severity.Error, Bind);

    public static readonly DiagnosticKind UniqueOverlap = new(
        "RC3001", "unique rules overlap", "Rules '{0}' and '{1}' can both hold (hit: unique needs exclusive rules), for example for input {2}. Make their conditions exclusive.", Severity.Error, Analysis);

    public static readonly DiagnosticKind UniqueUndecided = new(
        "RC3002", "unique exclusivity unknown", "Cannot decide whether rules '{0}' and '{1}' are exclusive: {2}. Show it with 'tests:' cases, or write their conditions with tests the analysis decides (eq, in, ranges, prefix).", Severity.Warning, Analysis);

    public static readonly DiagnosticKind AnyConflict = new(
        "RC3003", "any rules conflict", "Rules '{0}' and '{1}' can both hold with different outputs (hit: any needs equal outputs), for example for input {2}. Give them equal outputs or make them exclusive.", Severity.Error, Analysis);

    public static readonly DiagnosticKind AnyUndecided = new(
        "RC3004", "any conflict unknown", "Cannot decide whether rules '{0}' and '{1}', which give different outputs, can both hold: {2}. Show it with 'tests:' cases, or write their conditions with tests the analysis decides (eq, in, ranges, prefix).", Severity.Warning, Analysis);

    public static readonly DiagnosticKind ShadowedRule = new(
        "RC3005", "Rule can never fire", "Rule '{0}' can never fire: for every input it matches, {1}; for example for input {2} rule '{3}' fires instead. {4}", Severity.Warning, Analysis);

    public static readonly DiagnosticKind Gap = new(
        "RC3006", "Some inputs match no rule", "No rule holds for some inputs, for example {0}, and there is no 'default', so such an input gets the zero value of every output. Add a 'default' or a catch-all rule, or set 'complete: false' if unmatched inputs are expected.", Severity.Warning, Analysis);

    public static readonly DiagnosticKind ContradictoryRule = new(
        "RC3007", "Rule can never hold", "Rule '{0}' can never hold: no input satisfies its condition ({1}). Fix the condition or remove the rule.", Severity.Error, Analysis);

    public static readonly DiagnosticKind RedundantTest = new(
        "RC3008", "Redundant test", "The test '{0}' on '{1}' in rule '{2}' {3}, so it changes nothing. Remove it.", Severity.Info, Analysis);

    public static readonly DiagnosticKind UncoveredRule = new(
        "RC3009", "Rule not exercised by tests", "Rule '{0}' is not exercised by the file's 'tests:' (no case makes it {1}). Add a case whose input it matches.", Severity.Info, Analysis);

    public static readonly DiagnosticKind RuleCoverage = new(
        "RC3010", "Rule coverage", "Rule coverage: {0} of {1} rules are exercised by the file's 'tests:' ({2}).{3}", Severity.Info, Analysis);

    public static readonly DiagnosticKind AnalysisCapped = new(
        "RC3011", "Analysis stopped at its budget", "The rule analysis stopped at its budget of {0} steps while {1}; {2} were not checked. Findings before that point are reported (docs/limits.md).", Severity.Info, Analysis);

    public static readonly DiagnosticKind LayerWeakens = new(
        "RC3012", "Layer is less restrictive than its base", "This layer is 'restrict-only' but decides less restrictively than its base for input {0}: the base decides {1}, this layer decides {2}. Paste the input into 'tests:' to see it; make the layer rank at least as restrictive there.", Severity.Error, Analysis);

    public static readonly DiagnosticKind LayerUnproven = new(
        "RC3013", "restrict-only not proven", "Cannot prove that this layer only restricts its base {0}: {1}. The layer may still be correct; show it with 'tests:' cases, or write the rules involved with tests the analysis decides (eq, in, ranges, prefix).", Severity.Warning, Analysis);

    public static readonly DiagnosticKind TestFailed = new(
        "RC4001", "Rule-file test failed", "Test '{0}' failed: expected {1}, but got {2}.", Severity.Error, Tests);

    public static readonly DiagnosticKind RegexLeftToEngine = new(
        "RC5001", "Regex matched by .NET's engine", "The regex '{0}' is not compiled into an automaton at build time ({1}); .NET's linear-time engine matches it, built on its first match. It decides the same; to move it into an automaton, simplify it or split it into several tests.", Severity.Info, Lower);

    public static readonly DiagnosticKind ContractMismatch = new(
        "RC6001", "Rule file does not match the compiled rule set", "The rule file declares {0}, but the compiled rule set {1} declares {2}. A file loaded for a compiled rule set declares exactly its hit policy, inputs and outputs (or extends a file that does).", Severity.Error, Load);

    public static readonly DiagnosticKind TypeMismatch = new(
        "RC6002", "Rule set's types do not fit the rule file", "The rule file cannot run on these input and output types: {0}. Load it with the types generated for a rule file that declares the same inputs and outputs.", Severity.Error, Load);

    public static readonly DiagnosticKind TypedLoadNeedsDynamicCode = new(
        "RC6003", "Typed load needs run-time code generation", "A rule set loaded for a compiled rule set's types (RuleSetLoader.Load<TInput, TOutput>, {0}.Load) reads and makes them with code generated at run time, which this program cannot do (Native AOT). Load the file without a contract (RuleSetLoader.Load(yaml) or LoadFile(path)): it is interpreted, with inputs and outputs by name (RuleSetInput, RuleSetOutput).", Severity.Error, Load);

    public static readonly DiagnosticKind InternalError = new(
        "RC9999", "Internal compiler error", "RuleCompiler failed on this file: {0}. Please report this with the rule file.", Severity.Error, Internal);

    private static readonly Dictionary<string, DiagnosticKind> s_byId = All.ToDictionary(kind => kind.Id);

    public static IReadOnlyList<DiagnosticKind> All => new[]
    {
        InvalidYaml, EmptyFile, LimitExceeded, DuplicateKey, MultipleDocuments, UnreadableFile,
        UnknownKey, MissingKey, WrongNodeKind, InvalidRuleSetName, InvalidNamespace, InvalidFieldName,
        DuplicateMemberName, ReservedInputName, UnknownType, InvalidEnum, ListOutput, UnknownHitPolicy,
        InvalidLiteral, UnknownInput, UnknownOperator, ShorthandOnList, ImpossibleTest, DuplicateRuleId,
        InvalidRuleId, MissingOutput, UnknownOutput, PriorityWithoutPriorityPolicy, OutputPriorityNeedsEnum,
        DefaultWithCollect, InvalidAggregate, InvalidRegex, BacktrackingRegex, InvalidGlob, EmptySequence,
        InvalidBetween, GeneratedNameCollision, InvalidTestCase, DuplicateRuleSet,
        InvalidComputedOutput, InvalidTemplate, InvalidExpression, NotAValue,
        InvalidTable, FileNotFound, InvalidLayer, BaseHasErrors, InvalidList,
        UniqueOverlap, UniqueUndecided, AnyConflict, AnyUndecided, ShadowedRule, Gap, ContradictoryRule,
        RedundantTest, UncoveredRule, RuleCoverage, AnalysisCapped, LayerWeakens, LayerUnproven,
        TestFailed,
        RegexLeftToEngine,
        ContractMismatch,
        TypeMismatch,
        TypedLoadNeedsDynamicCode,
        InternalError,
    };

    public static DiagnosticKind ById(string id) => s_byId[id];
}
