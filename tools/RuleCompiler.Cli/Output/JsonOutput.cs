using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RuleCompiler.Cli.Output;

/// <summary>
/// JSON written to a text output: one document (indented) or one line at a time (<c>eval --jsonl</c>), through one
/// reused buffer. Non-ASCII text is written as itself, not escaped; HTML-sensitive characters need no escaping here.
/// </summary>
internal sealed class JsonOutput
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;
    private char[] _chars = new char[1024];

    public JsonOutput(bool indented) => _writer = new Utf8JsonWriter(_buffer, indented ? Indented : Compact);

    /// <summary>One document, indented, and a line break.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write) => new JsonOutput(indented: true).Line(output, write);

    /// <summary>What <paramref name="write"/> writes, compact, as a string (JSON inside text output).</summary>
    public static string Text(Action<Utf8JsonWriter> write)
    {
        var text = new StringWriter { NewLine = "\n" };
        new JsonOutput(indented: false).Line(text, write);
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Writes what <paramref name="write"/> writes, then a line break.</summary>
    public void Line(TextWriter output, Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer);
        _writer.Flush();
        var bytes = _buffer.WrittenSpan;
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[Math.Max(bytes.Length, 2 * _chars.Length)];
        }

        var count = Encoding.UTF8.GetChars(bytes, _chars);
        output.Write(_chars, 0, count);
        output.Write('\n');
    }
}
