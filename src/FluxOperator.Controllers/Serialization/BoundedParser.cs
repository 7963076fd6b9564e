using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FluxOperator.Controllers.Serialization;

/// <summary>
/// An <see cref="IParser"/> that passes another parser's events through unchanged and stops with
/// <see cref="InputLimitException"/> at the first event that crosses a limit: nesting depth, scalar size, or the
/// number of nodes alias expansion would add. Everything is checked on the event stream, before any consumer
/// builds a node, so a consumer that expands aliases or recurses over the result stays within the limits.
/// </summary>
/// <remarks>
/// Alias accounting: every node counts 1, an alias counts the nodes of the subtree its anchor names (including
/// aliases expanded inside that subtree), so the nested "billion laughs" pattern is refused after a few levels.
/// Anchors are scoped to their document. An alias to an anchor whose node is still open (a cycle) is refused.
/// </remarks>
public sealed class BoundedParser : IParser
{
    private readonly IParser _inner;
    private readonly InputLimits _limits;
    private readonly List<Frame> _open = [];
    private readonly Dictionary<string, (long Nodes, int Height)> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);
    private long _nodes;
    private long _aliasNodes;

    /// <summary>Bounds the events of <paramref name="inner"/>.</summary>
    public BoundedParser(IParser inner, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(limits);
        _inner = inner;
        _limits = limits;
    }

    /// <summary>A bounded parser over text: the input size is bounded too, while it is read.</summary>
    public static BoundedParser Create(TextReader input, InputLimits limits) =>
        new(new Parser(new BoundedTextReader(input, limits)), limits);

    /// <summary>A bounded parser over a string.</summary>
    public static BoundedParser Create(string yaml, InputLimits limits) => Create(new StringReader(yaml), limits);

    /// <inheritdoc/>
    public ParsingEvent? Current => _inner.Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }

        Check(_inner.Current!);
        return true;
    }

    private void Check(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                _anchors.Clear();
                _openAnchors.Clear();
                break;
            case Scalar scalar:
                CheckScalar(scalar);
                _nodes++;
                Closed(scalar.Anchor, 1, 0);
                break;
            case AnchorAlias alias:
                Expand(alias);
                break;
            case NodeEvent start when start is MappingStart or SequenceStart:
                if (_open.Count >= _limits.MaxDepth)
                {
                    throw new InputLimitException("depth", start.Start, $"nesting exceeds the depth limit of {_limits.MaxDepth}");
                }

                _nodes++;
                _open.Add(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value, _nodes - 1));
                if (!start.Anchor.IsEmpty)
                {
                    _openAnchors.Add(start.Anchor.Value);
                }

                break;
            case MappingEnd or SequenceEnd:
                var frame = _open[^1];
                _open.RemoveAt(_open.Count - 1);
                if (frame.Anchor is not null)
                {
                    _openAnchors.Remove(frame.Anchor);
                }

                Closed(frame.Anchor is null ? AnchorName.Empty : new AnchorName(frame.Anchor), _nodes - frame.NodesBefore, frame.ChildHeight + 1);
                break;
        }
    }

    private void CheckScalar(Scalar scalar)
    {
        var value = scalar.Value;
        // Three UTF-8 bytes per UTF-16 unit at most, so the exact count is needed only near the limit.
        if ((long)value.Length * 3 > _limits.MaxScalarBytes && Encoding.UTF8.GetByteCount(value) > _limits.MaxScalarBytes)
        {
            throw new InputLimitException("scalar size", scalar.Start, $"scalar exceeds the scalar size limit of {InputLimits.FormatBytes(_limits.MaxScalarBytes)}");
        }
    }

    private void Expand(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_openAnchors.Contains(name))
        {
            throw new YamlException(alias.Start, alias.End, $"alias *{name} refers to a node that contains it");
        }

        if (!_anchors.TryGetValue(name, out var anchored))
        {
            throw new YamlException(alias.Start, alias.End, $"alias *{name} refers to an unknown anchor");
        }

        _aliasNodes += anchored.Nodes;
        if (_aliasNodes > _limits.MaxAliasNodes)
        {
            throw new InputLimitException("aliases", alias.Start, $"document contains excessive aliasing: expanding aliases exceeds the limit of {_limits.MaxAliasNodes} nodes");
        }

        if (_open.Count + anchored.Height > _limits.MaxDepth)
        {
            throw new InputLimitException("depth", alias.Start, $"nesting exceeds the depth limit of {_limits.MaxDepth} (through alias *{name})");
        }

        _nodes += anchored.Nodes;
        Closed(AnchorName.Empty, anchored.Nodes, anchored.Height);
    }

    /// <summary>A node of <paramref name="nodes"/> nodes and <paramref name="height"/> levels ended: record its anchor, grow its parent.</summary>
    private void Closed(AnchorName anchor, long nodes, int height)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (nodes, height);
        }

        if (_open.Count > 0 && _open[^1].ChildHeight < height)
        {
            _open[^1] = _open[^1] with { ChildHeight = height };
        }
    }

    private readonly record struct Frame(string? Anchor, long NodesBefore, int ChildHeight = 0);
}
