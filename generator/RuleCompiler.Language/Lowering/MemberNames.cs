using System.Globalization;
using System.Text.RegularExpressions;

namespace RuleCompiler.Language.Lowering;

/// <summary>
/// The names of the members a generated rule-set class has, decided here and only here: the emitter writes them,
/// and the binder reserves them (a class cannot be named like one of its own members, CS0542).
/// </summary>
public static class MemberNames
{
    public const string Evaluate = nameof(Evaluate);
    public const string EvaluateAll = nameof(EvaluateAll);
    public const string Explain = nameof(Explain);
    public const string Rules = nameof(Rules);
    public const string Matches = nameof(Matches);
    public const string RuleBits = nameof(RuleBits);
    public const string RuleHits = nameof(RuleHits);

    /// <summary>A rule's outputs for an input, where some rule computes one (§10).</summary>
    public const string OutputOf = nameof(OutputOf);

    /// <summary>The default's outputs for an input, where the default computes one.</summary>
    public const string NoMatchOutput = nameof(NoMatchOutput);

    /// <summary>Builds the rules' metadata from data (<see cref="LoweredRuleSet.TablesAsData"/>).</summary>
    public const string CreateRules = nameof(CreateRules);

    /// <summary>A piece of the rules' metadata text (<see cref="LoweredRuleSet.TablesAsData"/>).</summary>
    public const string RulePiece = nameof(RulePiece);

    /// <summary>Builds the rules' literal outputs from data (<see cref="LoweredRuleSet.TablesAsData"/>).</summary>
    public const string CreateOutputs = nameof(CreateOutputs);

    /// <summary>The inputs with every map key the rules read looked up once (§11).</summary>
    public const string View = nameof(View);

    /// <summary>
    /// The nested struct that answers the rule set's conditions as data (<see cref="ConditionProgram"/>): whether a
    /// distinct test holds, how an input field reads as YAML.
    /// </summary>
    public const string ConditionTests = nameof(ConditionTests);

    /// <summary>Walks plan nodes written as data (<see cref="NodeForm.Data"/>).</summary>
    public const string Decide = nameof(Decide);

    /// <summary>The rule set's declarations (spec §14), and the nested type whose initializer builds them on first use.</summary>
    public const string Contract = nameof(Contract);

    public const string ContractData = nameof(ContractData);

    /// <summary>Loads a rule file at run time for the rule set (spec §14), when the project references the loader.</summary>
    public const string Load = nameof(Load);

    /// <summary>Reads and loads a rule file at run time (beside <see cref="Load"/>).</summary>
    public const string LoadFile = nameof(LoadFile);

    /// <summary>Writes an enum input's declared name into a template.</summary>
    public const string AppendValue = nameof(AppendValue);

    /// <summary>Every name above and every name the functions below make, as one pattern (a test keeps it in step with the emitter).</summary>
    private static readonly Regex s_reserved = new(
        "^(Evaluate|EvaluateAll|Explain|Contract|ContractData|Load|LoadFile|ConditionTests|Decide|Rules|Matches|RuleBits|RuleHits|OutputOf|NoMatchOutput|AppendValue|View|CreateRules|CreateOutputs|RulePiece|Compute(Default|[0-9]+)_[0-9]+|Node[0-9]+(Parts?[0-9]+)*|s_[A-Za-z0-9_]*)\\z",
        RegexOptions.CultureInvariant);

    public static bool IsReserved(string name) => s_reserved.IsMatch(name);

    /// <summary>The method of plan node <paramref name="id"/> (or its label, in a plan written into Evaluate).</summary>
    public static string Node(int id) => "Node" + Number(id);

    /// <summary>Part <paramref name="part"/> of a node split so that no method outgrows the JIT's limits.</summary>
    public static string Part(string owner, int part) => owner + "Part" + Number(part);

    /// <summary>Group <paramref name="group"/> of a split leaf's parts, when a leaf has more parts than one method calls.</summary>
    public static string PartGroup(int id, int group) => Node(id) + "Parts" + Number(group);

    /// <summary>The hashed key table (text, bounds, groups, slots) of a string switch past <see cref="Lowerer.MaxStringCases"/> keys.</summary>
    public static string NodeKeys(int id) => "s_node" + Number(id) + "Keys";

    /// <summary>The sorted points a range switch binary-searches.</summary>
    public static string NodePoints(int id) => "s_node" + Number(id) + "Points";

    /// <summary>The method computing output <paramref name="output"/> of rule <paramref name="rule"/> (-1: of the default).</summary>
    public static string Compute(int rule, int output) => "Compute" + (rule < 0 ? "Default" : Number(rule)) + "_" + Number(output);

    public static string Regex(int index) => "s_regex" + Number(index);

    /// <summary>The table of regex automaton <paramref name="index"/> (<see cref="LoweredRuleSet.Automata"/>).</summary>
    public static string Automaton(int index) => "s_automaton" + Number(index);

    public static string Glob(int index) => "s_glob" + Number(index);

    public static string StringSet(int index) => "s_strings" + Number(index);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
