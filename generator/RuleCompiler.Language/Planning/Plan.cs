using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Planning;

/// <summary>
/// How generated code evaluates a rule set: a decision DAG whose node 0 is the root. Switch nodes read one input
/// field, map its value to a value class, and go to the class's child; leaves check the few rules still possible.
/// </summary>
public sealed record Plan(EquatableArray<PlanNode> Nodes, PlanStatistics Statistics);

/// <summary>Numbers about the plan, for snapshot headers and tests.</summary>
public sealed record PlanStatistics(int SwitchNodes, int Leaves, int LeafChecks, PlanStrategy Strategy);

/// <summary>
/// How the planner bounded the plan. It tries each in turn, taking the first whose size stays within the budget.
/// </summary>
public enum PlanStrategy
{
    /// <summary>A full decision DAG.</summary>
    DecisionDag,

    /// <summary>One switch on the most selective field, then leaves: the DAG would have outgrown the budget.</summary>
    SingleSwitch,

    /// <summary>One leaf checking every rule in rank order: even one switch would have outgrown the budget.</summary>
    Linear,
}

public abstract record PlanNode(int Id)
{
    /// <summary>The nodes evaluation can go to from here: a switch's children, a leaf's fallthrough node.</summary>
    public abstract IEnumerable<int> Successors();
}

/// <summary>
/// Dispatch on a string, enum or bool field: <see cref="Keys"/>[i] goes to <see cref="Targets"/>[i];
/// any other value (another string, an enum value outside the declared ones) goes to <see cref="Otherwise"/>.
/// </summary>
public sealed record DiscreteSwitch(int Id, int Field, EquatableArray<Value> Keys, EquatableArray<int> Targets, int Otherwise) : PlanNode(Id)
{
    public override IEnumerable<int> Successors() => Targets.Append(Otherwise);
}

/// <summary>
/// Dispatch on a numeric field by its position among sorted <see cref="Points"/> p0 &lt; p1 &lt; … &lt; pk-1:
/// class 2i+1 is x == p_i, class 2i is the open interval below p_i (class 2k above the last point), and for
/// doubles class 2k+1 is NaN. <see cref="ClassTargets"/> holds each class's child.
/// </summary>
public sealed record RangeSwitch(int Id, int Field, EquatableArray<Value> Points, EquatableArray<int> ClassTargets) : PlanNode(Id)
{
    public override IEnumerable<int> Successors() => ClassTargets;
}

/// <summary>
/// The rules still possible here, in the order the hit policy ranks them, each with what remains to check.
/// First-wins policies take the first candidate whose check holds; <c>collect</c> takes every one. Then, when
/// <see cref="Fallthrough"/> is a node (not -1), evaluation goes on there: the rules ranked after the candidates,
/// which no field read on the way here constrains, planned once for every leaf they follow.
/// </summary>
public sealed record Leaf(int Id, EquatableArray<LeafCandidate> Candidates, int Fallthrough = -1) : PlanNode(Id)
{
    public override IEnumerable<int> Successors() => Fallthrough >= 0 ? new[] { Fallthrough } : Enumerable.Empty<int>();
}

/// <summary>A rule and the part of its condition the path to this leaf did not decide (null: nothing left, it holds).</summary>
public sealed record LeafCandidate(int Rule, Condition? Check);
