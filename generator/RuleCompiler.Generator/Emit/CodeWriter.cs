using System.Text;

namespace RuleCompiler.Generator.Emit;

/// <summary>Writes indented C# with '\n' line ends on every machine (never Environment.NewLine).</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes <paramref name="text"/> and a line end; each line of a text of several gets the indentation.</summary>
    public CodeWriter Line(string text = "")
    {
        var start = 0;
        for (var end = text.IndexOf('\n'); end >= 0; end = text.IndexOf('\n', start))
        {
            Append(text, start, end - start);
            start = end + 1;
        }

        Append(text, start, text.Length - start);
        return this;
    }

    private void Append(string text, int start, int length)
    {
        if (length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text, start, length).Append('\n');
    }

    public CodeWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public CodeWriter Indent()
    {
        _indent++;
        return this;
    }

    public CodeWriter Outdent()
    {
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
