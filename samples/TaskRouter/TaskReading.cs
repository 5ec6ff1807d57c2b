using System;
using System.Collections.Generic;
using System.IO;

namespace RuleCompiler.Samples.TaskRouting;

/// <summary>Reads the task stream, handing each task on as it is read.</summary>
internal sealed class TaskReading(TextWriter errors, Action<RoutingTask> handle) : JsonRecordSink(errors)
{
    public static List<RoutingTask> ReadAll(Stream input, TextWriter errors, out TaskReading reading)
    {
        var tasks = new List<RoutingTask>();
        reading = new TaskReading(errors, tasks.Add);
        JsonLines.Read(input, reading);
        return tasks;
    }

    protected override bool TryRead(long number, ReadOnlySpan<byte> line, out string error)
    {
        if (!RoutingTask.TryParse(line, number, out var task, out var problem))
        {
            error = problem!;
            return false;
        }

        handle(task);
        error = string.Empty;
        return true;
    }
}
