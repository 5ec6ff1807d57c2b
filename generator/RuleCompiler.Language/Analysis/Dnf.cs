using System.Collections.Generic;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// Disjunctive normal form of a condition: a list of terms, each a conjunction of literals. Negations are pushed
/// to the tests (De Morgan). Bounded: past <paramref name="maxTerms"/> terms the answer is null ("too large to decide").
/// </summary>
public static class Dnf
{
    public static List<List<Literal>>? Of(Condition condition, int maxTerms) => Of(condition, positive: true, maxTerms);

    private static List<List<Literal>>? Of(Condition condition, bool positive, int maxTerms)
    {
        switch (condition)
        {
            case TestCondition test:
                return new List<List<Literal>> { new() { new Literal(test, positive) } };
            case NotCondition not:
                return Of(not.Operand, !positive, maxTerms);
            case AllCondition all:
                return positive ? Product(all.Items, true, maxTerms) : Union(all.Items, false, maxTerms);
            case AnyCondition any:
                return positive ? Union(any.Items, true, maxTerms) : Product(any.Items, false, maxTerms);
            default:
                return null;
        }
    }

    private static List<List<Literal>>? Union(IEnumerable<Condition> items, bool positive, int maxTerms)
    {
        var terms = new List<List<Literal>>();
        foreach (var item in items)
        {
            var part = Of(item, positive, maxTerms);
            if (part is null || terms.Count + part.Count > maxTerms)
            {
                return null;
            }

            terms.AddRange(part);
        }

        return terms;
    }

    private static List<List<Literal>>? Product(IEnumerable<Condition> items, bool positive, int maxTerms)
    {
        var terms = new List<List<Literal>> { new() };
        foreach (var item in items)
        {
            var part = Of(item, positive, maxTerms);
            if (part is null || (long)terms.Count * part.Count > maxTerms)
            {
                return null;
            }

            var next = new List<List<Literal>>(terms.Count * part.Count);
            foreach (var left in terms)
            {
                foreach (var right in part)
                {
                    var term = new List<Literal>(left.Count + right.Count);
                    term.AddRange(left);
                    term.AddRange(right);
                    next.Add(term);
                }
            }

            terms = next;
        }

        return terms;
    }
}
