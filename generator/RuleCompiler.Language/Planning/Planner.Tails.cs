using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;

namespace RuleCompiler.Language.Planning;

public sealed partial class Planner
{
    /// <summary>
    /// Puts back into its leaf a fallthrough that only that leaf reaches and that is a plain leaf itself: the tail
    /// was split off to be shared, and nothing shares it. The plan is then what it would have been without the split;
    /// nodes are renumbered in order, the root staying node 0.
    /// </summary>
    private static List<PlanNode> InlineUnsharedTails(List<PlanNode> nodes)
    {
        var uses = new int[nodes.Count];
        foreach (var node in nodes)
        {
            foreach (var target in node.Successors().Distinct())
            {
                uses[target]++;
            }
        }

        var removed = new bool[nodes.Count];
        for (var id = 0; id < nodes.Count; id++)
        {
            // A merged tail may itself end in an unshared leaf: merge until it does not.
            while (nodes[id] is Leaf { Fallthrough: >= 0 } leaf && uses[leaf.Fallthrough] == 1 && nodes[leaf.Fallthrough] is Leaf tail && !removed[tail.Id])
            {
                nodes[id] = new Leaf(leaf.Id, leaf.Candidates.Concat(tail.Candidates).ToEquatableArray(), tail.Fallthrough);
                removed[tail.Id] = true;
            }
        }

        var renumbered = new int[nodes.Count];
        var next = 0;
        for (var id = 0; id < nodes.Count; id++)
        {
            renumbered[id] = removed[id] ? -1 : next++;
        }

        int Map(int id) => id < 0 ? id : renumbered[id];
        var result = new List<PlanNode>(next);
        foreach (var node in nodes)
        {
            if (removed[node.Id])
            {
                continue;
            }

            result.Add(node switch
            {
                DiscreteSwitch discrete => discrete with { Id = Map(discrete.Id), Targets = discrete.Targets.Select(Map).ToEquatableArray(), Otherwise = Map(discrete.Otherwise) },
                RangeSwitch range => range with { Id = Map(range.Id), ClassTargets = range.ClassTargets.Select(Map).ToEquatableArray() },
                Leaf leaf => leaf with { Id = Map(leaf.Id), Fallthrough = Map(leaf.Fallthrough) },
                _ => node,
            });
        }

        return result;
    }
}
