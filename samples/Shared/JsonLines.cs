using System;
using System.IO;

namespace RuleCompiler.Samples;

/// <summary>What <see cref="JsonLines.Read"/> hands each line to.</summary>
internal interface IJsonLineSink
{
    /// <summary>One line, without its line break; <paramref name="number"/> is 1-based. The span is valid only during the call.</summary>
    void OnLine(long number, ReadOnlySpan<byte> line);

    /// <summary>Line <paramref name="number"/> is longer than <see cref="JsonLines.MaxLineBytes"/>: it is skipped, not read.</summary>
    void OnTooLong(long number);
}

/// <summary>
/// Splits a stream of newline-delimited records into lines through one reused buffer: the file is streamed, never
/// loaded, so memory stays flat whatever its size. A line longer than <see cref="MaxLineBytes"/> is reported and
/// skipped to its line break instead of growing the buffer without bound. Internal, and linked into each program that
/// reads JSON lines (and into the tests), so two programs referenced together do not both export it.
/// </summary>
internal static class JsonLines
{
    public const int MaxLineBytes = 1 << 20;

    public static void Read(Stream stream, IJsonLineSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);

        var buffer = new byte[64 * 1024];
        var start = 0;        // first byte of the current line
        var end = 0;          // end of the bytes read so far
        var scanned = 0;      // bytes before this index hold no line break of the current line
        var number = 0L;
        var discarding = false;
        while (true)
        {
            if (end == buffer.Length)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    (end, scanned, start) = (end - start, scanned - start, 0);
                }
                else if (buffer.Length < MaxLineBytes)
                {
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
                }
                else
                {
                    sink.OnTooLong(++number);
                    (start, end, scanned, discarding) = (0, 0, 0, true);
                }
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                break;
            }

            end += read;
            int lineBreak;
            while ((lineBreak = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n')) >= 0)
            {
                var lineEnd = scanned + lineBreak;
                if (discarding)
                {
                    discarding = false;
                }
                else
                {
                    sink.OnLine(++number, TrimCarriageReturn(buffer.AsSpan(start, lineEnd - start)));
                }

                start = scanned = lineEnd + 1;
            }

            scanned = end;
            if (discarding)
            {
                (start, end, scanned) = (0, 0, 0);
            }
        }

        if (!discarding && end > start)
        {
            sink.OnLine(++number, TrimCarriageReturn(buffer.AsSpan(start, end - start)));
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}

/// <summary>
/// A sink that reads each non-blank line as one record: a line that is not a valid record is named on the error
/// writer with its line number and why, and counted as skipped, never dropped silently; blank lines are counted.
/// </summary>
internal abstract class JsonRecordSink(TextWriter errors) : IJsonLineSink
{
    public long Lines { get; private set; }

    public long Blank { get; private set; }

    public long Skipped { get; private set; }

    public long Bytes { get; private set; }

    public void OnLine(long number, ReadOnlySpan<byte> line)
    {
        Lines = number;
        Bytes += line.Length + 1;
        if (line.Trim(" \t"u8).IsEmpty)
        {
            Blank++;
        }
        else if (!TryRead(number, line, out var error))
        {
            Skip(number, error);
        }
    }

    public void OnTooLong(long number)
    {
        Lines = number;
        Skip(number, $"longer than {JsonLines.MaxLineBytes} bytes");
    }

    /// <summary>Reads and handles one record; false with the reason when the line is not one.</summary>
    protected abstract bool TryRead(long number, ReadOnlySpan<byte> line, out string error);

    private void Skip(long number, string error)
    {
        Skipped++;
        errors.WriteLine($"line {number}: skipped: {error}");
    }
}
