using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleCompiler.Language.Syntax;

/// <summary>
/// The read stage: YAML text to a <see cref="YamlNode"/> tree with source positions.
/// Built on YamlDotNet's event parser rather than its object model so that every limit
/// (size, depth, alias expansion, duplicate keys) is enforced while reading, never after.
/// </summary>
public static class YamlReader
{
    public static YamlNode? Read(string text, ReaderLimits limits, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken) =>
        Read(text, limits, diagnostics, cancellationToken, file: 0);

    /// <summary>
    /// Reads the text of the compile's file number <paramref name="file"/> (<see cref="SourceSpan.File"/>): every
    /// node's span and every diagnostic of the read carries that number.
    /// </summary>
    public static YamlNode? Read(string text, ReaderLimits limits, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, int file)
    {
        var first = diagnostics.Count;
        var root = ReadCore(text, limits, diagnostics, cancellationToken, file);
        for (var i = first; i < diagnostics.Count && file != 0; i++)
        {
            diagnostics[i] = diagnostics[i] with { Span = diagnostics[i].Span with { File = file } };
        }

        return root;
    }

    private static YamlNode? ReadCore(string text, ReaderLimits limits, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, int file)
    {
        if (text.Length > limits.MaxFileCharacters)
        {
            diagnostics.Add(DiagnosticCatalog.LimitExceeded.At(SourceSpan.FileStart, "file size", $"{limits.MaxFileCharacters} characters"));
            return null;
        }

        // YAML 1.2: a byte order mark at the start of a stream is not content. Offsets still count it, so that
        // squiggles land on the right characters of the text the editor holds.
        var bom = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var parser = new Parser(new StringReader(bom == 0 ? text : text.Substring(1)));
        var state = new ReadState(parser, limits, diagnostics, bom, file, cancellationToken);
        try
        {
            return state.ReadStream();
        }
        catch (YamlException exception)
        {
            // YamlDotNet blames the enclosing node for a tab that indents a line; the tab itself is the mistake.
            var blamed = ToSpan(exception.Start, exception.End, bom);
            DiagnosticInfo diagnostic;
            if (IndentingTab(text, bom) is { } tab && tab.Line >= blamed.Line)
            {
                diagnostic = DiagnosticCatalog.InvalidYaml.At(tab, "a tab indents this line; YAML indentation must use spaces");
            }
            else if (blamed.Offset >= text.Length && state.UnclosedFlow is { } open)
            {
                // The file ends inside a flow collection: the bracket that was never closed is the mistake.
                diagnostic = DiagnosticCatalog.InvalidYaml.At(open.Span, $"this '{open.Opener}' is never closed with '{open.Closer}' before the file ends");
            }
            else
            {
                diagnostic = DiagnosticCatalog.InvalidYaml.At(WithinText(blamed, text), CleanMessage(exception.Message));
            }

            diagnostics.Add(diagnostic);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser can fail this way on an unclosed flow collection followed by more block YAML.
            diagnostics.Add(state.UnclosedFlow is { } open
                ? DiagnosticCatalog.InvalidYaml.At(open.Span, $"this '{open.Opener}' is never closed with '{open.Closer}'")
                : DiagnosticCatalog.InvalidYaml.At(state.LastSpan, "the YAML cannot be parsed past this point"));
            return null;
        }
        catch (LimitException)
        {
            return null;
        }
    }

    internal static SourceSpan ToSpan(Mark start, Mark end, int offsetDelta)
    {
        var line = (int)Math.Max(1, start.Line);
        var column = (int)Math.Max(1, start.Column);
        var offset = (int)Math.Max(0, start.Index) + offsetDelta;
        var length = (int)Math.Max(0, end.Index - start.Index);
        var endLine = (int)Math.Max(line, end.Line);
        var endColumn = endLine == line ? (int)Math.Max(column, end.Column) : (int)Math.Max(1, end.Column);
        return new SourceSpan(line, column, offset, length, endLine, endColumn);
    }

    /// <summary>
    /// The span, moved back to the text's last character when the parser placed it past the end (its end-of-stream
    /// mark can fall on a line the file does not have).
    /// </summary>
    private static SourceSpan WithinText(SourceSpan span, string text)
    {
        if (span.Offset < text.Length || text.Length == 0)
        {
            return span;
        }

        var offset = text.Length - 1;
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = offset - lineStart + 1;
        return new SourceSpan(line, column, offset, 1, line, column + 1);
    }

    /// <summary>The first tab in a line's leading whitespace, outside quotes and block scalars' content (a heuristic used only once parsing failed).</summary>
    private static SourceSpan? IndentingTab(string text, int bom)
    {
        var offset = bom;
        var line = 1;
        while (offset < text.Length)
        {
            var column = 1;
            while (offset < text.Length && (text[offset] == ' ' || text[offset] == '\t'))
            {
                if (text[offset] == '\t')
                {
                    var rest = offset + 1 < text.Length ? text[offset + 1] : '\n';
                    if (rest != '\n' && rest != '\r')
                    {
                        return new SourceSpan(line, column, offset, 1, line, column + 1);
                    }
                }

                offset++;
                column++;
            }

            while (offset < text.Length && text[offset] != '\n')
            {
                offset++;
            }

            offset++;
            line++;
        }

        return null;
    }

    // YamlDotNet prefixes its messages with the position, which the diagnostic carries already.
    private static string CleanMessage(string message)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        var text = marker >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(marker + 3) : message;
        return text.TrimEnd('.');
    }

    private sealed class LimitException : Exception
    {
    }

    private sealed class ReadState
    {
        private readonly IParser _parser;
        private readonly ReaderLimits _limits;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly int _offsetDelta;
        private readonly int _file;
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<(SourceSpan Span, char Opener, char Closer)> _openFlows = new();
        private long _nodes;

        /// <summary>The innermost flow collection ('{' or '[') opened and not yet closed.</summary>
        public (SourceSpan Span, char Opener, char Closer)? UnclosedFlow => _openFlows.Count > 0 ? _openFlows.Peek() : null;

        /// <summary>Where the last node read starts.</summary>
        public SourceSpan LastSpan { get; private set; } = SourceSpan.FileStart;

        public ReadState(IParser parser, ReaderLimits limits, List<DiagnosticInfo> diagnostics, int offsetDelta, int file, CancellationToken cancellationToken)
        {
            _file = file;
            _offsetDelta = offsetDelta;
            _parser = parser;
            _limits = limits;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        public YamlNode? ReadStream()
        {
            _parser.Consume<StreamStart>();
            if (_parser.Accept<StreamEnd>(out _))
            {
                _diagnostics.Add(DiagnosticCatalog.EmptyFile.At(SourceSpan.FileStart));
                return null;
            }

            _parser.Consume<DocumentStart>();
            var root = ReadNode(depth: 1);
            _parser.Consume<DocumentEnd>();
            if (_parser.Accept<DocumentStart>(out var second))
            {
                _diagnostics.Add(DiagnosticCatalog.MultipleDocuments.At(Span(second.Start, second.End)));
                return null;
            }

            if (root is YamlScalar { IsNull: true })
            {
                _diagnostics.Add(DiagnosticCatalog.EmptyFile.At(SourceSpan.FileStart));
                return null;
            }

            return root;
        }

        private YamlNode ReadNode(int depth)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var current = _parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
            if (depth > _limits.MaxDepth)
            {
                Fail(Span(current.Start, current.End), "nesting depth", $"{_limits.MaxDepth} levels");
            }

            switch (current)
            {
                case AnchorAlias alias:
                {
                    _parser.MoveNext();
                    var span = Span(alias.Start, alias.End);
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new YamlException(alias.Start, alias.End, $"the alias '*{alias.Value.Value}' names no anchor defined before it");
                    }

                    Count(target.ExpandedSize, span);
                    return target;
                }

                case Scalar scalar:
                {
                    _parser.MoveNext();
                    var span = Span(scalar.Start, scalar.End);
                    LastSpan = span;
                    if (scalar.Value.Length > _limits.MaxScalarCharacters)
                    {
                        Fail(span, "scalar length", $"{_limits.MaxScalarCharacters} characters");
                    }

                    Count(1, span);
                    var node = new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, span);
                    Remember(scalar.Anchor, node);
                    return node;
                }

                case SequenceStart start:
                    return Collection(start, start.Style == SequenceStyle.Flow, '[', ']', span => ReadSequence(span, depth));

                case MappingStart start:
                    return Collection(start, start.Style == MappingStyle.Flow, '{', '}', span => ReadMapping(span, depth));

                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        // The bookkeeping every collection shares: position, node count, open flow brackets, anchors.
        private TNode Collection<TNode>(NodeEvent start, bool flow, char opener, char closer, Func<SourceSpan, TNode> readContent)
            where TNode : YamlNode
        {
            _parser.MoveNext();
            var span = Span(start.Start, start.End);
            LastSpan = span;
            Count(1, span);
            if (flow)
            {
                _openFlows.Push((span, opener, closer));
            }

            var node = readContent(span);
            if (flow)
            {
                _openFlows.Pop();
            }

            Remember(start.Anchor, node);
            return node;
        }

        private YamlSequence ReadSequence(SourceSpan span, int depth)
        {
            var items = new List<YamlNode>();
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(depth + 1));
            }

            return new YamlSequence(items, span);
        }

        private YamlMapping ReadMapping(SourceSpan span, int depth)
        {
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
            while (!_parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(depth + 1);
                if (keyNode is not YamlScalar key)
                {
                    // The exception's marks are re-offset by the BOM when reported; the span already counts it.
                    var at = new Mark(keyNode.Span.Offset - _offsetDelta, keyNode.Span.Line, keyNode.Span.Column);
                    throw new YamlException(at, at, "a mapping key must be a plain value, not a sequence or mapping");
                }

                var value = ReadNode(depth + 1);
                if (seen.TryGetValue(key.Value, out var first))
                {
                    _diagnostics.Add(DiagnosticCatalog.DuplicateKey.At(key.Span, key.Value, first.Span.Line));
                    throw new LimitException();
                }

                seen.Add(key.Value, key);
                entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, value));
            }

            return new YamlMapping(entries, span);
        }

        private SourceSpan Span(Mark start, Mark end) => ToSpan(start, end, _offsetDelta) with { File = _file };

        private void Remember(AnchorName anchor, YamlNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
        }

        private void Count(long nodes, SourceSpan span)
        {
            _nodes += nodes;
            if (_nodes > _limits.MaxNodes)
            {
                Fail(span, "node count (after alias expansion)", $"{_limits.MaxNodes} nodes");
            }
        }

        private void Fail(SourceSpan span, string what, string limit)
        {
            _diagnostics.Add(DiagnosticCatalog.LimitExceeded.At(span, what, limit));
            throw new LimitException();
        }
    }
}
