using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace RuleCompiler.Tests.Behaviour;

/// <summary>
/// A small IL decoder over <see cref="OpCodes"/>: instruction count and basic blocks of a method body, as the JIT
/// counts them for its optimization limits. Block leaders are the first instruction, every branch or switch
/// target, every instruction after a branch, switch, return or throw, and the bounds of exception-handling regions.
/// </summary>
public static class IlBlocks
{
    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(op => op.Value);

    public readonly record struct Shape(int Instructions, int BasicBlocks);

    public static Shape Of(MethodBody body)
    {
        var regionBounds = body.ExceptionHandlingClauses.SelectMany(clause => new[]
        {
            clause.TryOffset,
            clause.TryOffset + clause.TryLength,
            clause.HandlerOffset,
            clause.HandlerOffset + clause.HandlerLength,
            clause.Flags == ExceptionHandlingClauseOptions.Filter ? clause.FilterOffset : clause.TryOffset,
        });
        return Of(body.GetILAsByteArray() ?? [], regionBounds);
    }

    /// <summary>Decodes <paramref name="il"/>; throws if an instruction is unknown or runs past the end.</summary>
    public static Shape Of(byte[] il, IEnumerable<int> regionBounds)
    {
        var leaders = new HashSet<int> { 0 };
        leaders.UnionWith(regionBounds);
        var instructions = 0;
        foreach (var instruction in Decode(il))
        {
            instructions++;
            leaders.UnionWith(instruction.Targets);
            if (instruction.Op.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw)
            {
                leaders.Add(instruction.Next);
            }
        }

        return new Shape(instructions, leaders.Count(leader => leader < il.Length));
    }

    /// <summary>The metadata tokens that the instructions <paramref name="op"/> of <paramref name="il"/> name, in order.</summary>
    public static IEnumerable<int> TokensOf(byte[] il, OpCode op)
    {
        if (op.OperandType is not (OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok))
        {
            throw new ArgumentException($"{op.Name} names no metadata token", nameof(op));
        }

        return Decode(il).Where(instruction => instruction.Op == op).Select(instruction => BitConverter.ToInt32(il, instruction.Next - 4));
    }

    private readonly record struct Instruction(OpCode Op, int Next, List<int> Targets);

    private static IEnumerable<Instruction> Decode(byte[] il)
    {
        var offset = 0;
        while (offset < il.Length)
        {
            var code = (short)il[offset++];
            if (code == 0xFE)
            {
                code = unchecked((short)(0xFE00 | il[offset++]));
            }

            if (!s_opCodes.TryGetValue(code, out var op))
            {
                throw new InvalidOperationException($"unknown IL opcode 0x{code:X4} at {offset}");
            }

            var targets = new List<int>();
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                    offset += 1;
                    targets.Add(offset + (sbyte)il[offset - 1]);
                    break;
                case OperandType.InlineBrTarget:
                    offset += 4;
                    targets.Add(offset + BitConverter.ToInt32(il, offset - 4));
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, offset);
                    var next = offset + 4 + (4 * count);
                    for (var i = 0; i < count; i++)
                    {
                        targets.Add(next + BitConverter.ToInt32(il, offset + 4 + (4 * i)));
                    }

                    offset = next;
                    break;
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    offset += 1;
                    break;
                case OperandType.InlineVar:
                    offset += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    offset += 8;
                    break;
                default: // 4-byte tokens, int32 and float32 operands
                    offset += 4;
                    break;
            }

            if (offset > il.Length)
            {
                throw new InvalidOperationException($"{op.Name} runs past the end of the IL");
            }

            yield return new Instruction(op, offset, targets);
        }
    }
}
