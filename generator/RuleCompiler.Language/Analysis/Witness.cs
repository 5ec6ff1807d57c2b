using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

public enum Satisfiability
{
    /// <summary>A witness input was found (and checked with the reference evaluator).</summary>
    Satisfiable,

    /// <summary>Proven: no input satisfies the conjunction.</summary>
    Unsatisfiable,

    /// <summary>Neither could be shown (regex, glob, suffix, contains, ignore-case, or the normal form grew too large).</summary>
    Unknown,
}

/// <summary>Searches an input for which every given condition holds, and proves there is none where it can.</summary>
public sealed class WitnessFinder
{
    private const int MaxTerms = 256;

    private readonly RuleSetModel _model;
    private readonly Predicates _predicates = new();
    private readonly ReferenceEvaluator _evaluator;

    public WitnessFinder(RuleSetModel model)
    {
        _model = model;
        _evaluator = new ReferenceEvaluator(model);
    }

    /// <summary>
    /// Whether some input makes both conditions hold: with the input when there is one, and when the answer is
    /// <see cref="Satisfiability.Unknown"/>, why (for the message an author reads).
    /// </summary>
    public Satisfiability FindCommonInput(Condition left, Condition right, out Value[]? witness, out string? whyUnknown)
    {
        witness = null;
        whyUnknown = null;
        var leftTerms = Dnf.Of(left, MaxTerms);
        var rightTerms = Dnf.Of(right, MaxTerms);
        if (leftTerms is null || rightTerms is null || (long)leftTerms.Count * rightTerms.Count > MaxTerms * 4)
        {
            whyUnknown = $"their conditions are too large to compare (over {MaxTerms} alternatives once any / not are expanded)";
            return Satisfiability.Unknown;
        }

        var undecided = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var leftTerm in leftTerms)
        {
            foreach (var rightTerm in rightTerms)
            {
                switch (SolveTerm(leftTerm.Concat(rightTerm).ToList(), out var input, undecided))
                {
                    case Satisfiability.Satisfiable when _evaluator.Holds(left, input!) && _evaluator.Holds(right, input!):
                        witness = input;
                        return Satisfiability.Satisfiable;
                    case Satisfiability.Unsatisfiable:
                        break;
                    default:
                        undecided.Add("a combination of their tests");
                        break;
                }
            }
        }

        if (undecided.Count == 0)
        {
            return Satisfiability.Unsatisfiable;
        }

        undecided.Remove("a combination of their tests");
        whyUnknown = undecided.Count == 0
            ? "no input satisfying both was found, and their tests cannot be proven exclusive"
            : "the analysis cannot decide " + string.Join(", ", undecided);
        return Satisfiability.Unknown;
    }

    private Satisfiability SolveTerm(List<Literal> term, out Value[]? input, ISet<string> undecided)
    {
        input = _model.Inputs.Select(field => Value.Zero(field.Type)).ToArray();
        var unknown = false;
        foreach (var group in term.GroupBy(literal => literal.Test.Field))
        {
            var field = _model.Inputs[group.Key];
            var value = FieldWitness.Find(field, group.ToList(), _predicates, out var exhaustive);
            if (value is not null)
            {
                input[group.Key] = value.Value;
            }
            else if (exhaustive)
            {
                input = null;
                return Satisfiability.Unsatisfiable;
            }
            else
            {
                unknown = true;
                foreach (var literal in group)
                {
                    undecided.Add($"'{literal.Test.Operator.YamlName()}'{(literal.Test.IgnoreCase ? " with ignore-case" : string.Empty)} on '{field.Name}'");
                }
            }
        }

        if (unknown)
        {
            input = null;
            return Satisfiability.Unknown;
        }

        return Satisfiability.Satisfiable;
    }

    /// <summary>The witness as a YAML flow mapping of the fields the conditions mention, ready to paste into <c>tests:</c>.</summary>
    public static string ToYaml(RuleSetModel model, IReadOnlyList<Value> input, IEnumerable<int> fields)
    {
        var builder = new StringBuilder("{ ");
        var first = true;
        foreach (var index in fields.Distinct().OrderBy(i => i))
        {
            builder.Append(first ? string.Empty : ", ").Append(model.Inputs[index].Name).Append(": ").Append(input[index].ToYaml(model.Inputs[index]));
            first = false;
        }

        return builder.Append(first ? "}" : " }").ToString();
    }

    public static IEnumerable<int> FieldsOf(Condition condition) => condition.Tests().Select(test => test.Field);
}
