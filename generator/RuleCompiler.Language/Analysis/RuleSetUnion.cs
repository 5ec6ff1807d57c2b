using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// Two rule lists bound as one rule set (<see cref="Composition.RuleSetComposer.Union"/>), split again: each keeps the
/// union's input fields, so that one solver and one input serve both.
/// </summary>
public static class RuleSetUnion
{
    /// <param name="union">The first rule set's rules (the first <paramref name="firstRules"/>), then the second's, bound as one.</param>
    /// <param name="firstRules">How many of <paramref name="union"/>'s rules are the first's.</param>
    /// <param name="prefix">The prefix of the second's rule ids in <paramref name="union"/>, which the split removes.</param>
    public static (RuleSetModel First, RuleSetModel Second) Split(RuleSetModel union, int firstRules, string prefix) =>
        (union with { Rules = Reindex(union.Rules.Take(firstRules)) },
         union with { Rules = Reindex(union.Rules.Skip(firstRules).Select(rule => rule with { Id = rule.Id.Substring(prefix.Length) })) });

    private static EquatableArray<RuleModel> Reindex(IEnumerable<RuleModel> rules) => rules.Select((rule, index) => rule with { Index = index }).ToEquatableArray();
}
