using System.Text;

namespace FluxOperator.Controllers.Templating;

/// <summary>A node of the parse tree; <see cref="Pos"/> is the character offset in the template text and
/// <see cref="ToString"/> prints it as Go's parser does (used as the <c>at &lt;…&gt;</c> context of errors).</summary>
internal abstract class Node(int pos)
{
    public int Pos { get; } = pos;
}

internal sealed class ListNode(int pos) : Node(pos)
{
    public List<Node> Nodes { get; } = [];

    public override string ToString() => string.Concat(Nodes.Select(n => n.ToString()));
}

internal sealed class TextNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public override string ToString() => Text;
}

internal sealed class CommentNode(int pos, string text) : Node(pos)
{
    public override string ToString() => "{{" + text + "}}";
}

internal sealed class PipeNode(int pos) : Node(pos)
{
    public bool IsAssign { get; set; }

    public List<VariableNode> Decl { get; } = [];

    public List<CommandNode> Cmds { get; } = [];

    public override string ToString()
    {
        var builder = new StringBuilder();
        if (Decl.Count > 0)
        {
            builder.AppendJoin(", ", Decl.Select(d => d.ToString()));
            builder.Append(IsAssign ? " = " : " := ");
        }

        builder.AppendJoin(" | ", Cmds.Select(c => c.ToString()));
        return builder.ToString();
    }
}

internal sealed class ActionNode(int pos, PipeNode pipe) : Node(pos)
{
    public PipeNode Pipe { get; } = pipe;

    public override string ToString() => "{{" + Pipe + "}}";
}

internal sealed class CommandNode(int pos) : Node(pos)
{
    public List<Node> Args { get; } = [];

    public override string ToString() =>
        string.Join(' ', Args.Select(a => a is PipeNode ? "(" + a + ")" : a.ToString()));
}

internal sealed class IdentifierNode(int pos, string ident) : Node(pos)
{
    public string Ident { get; } = ident;

    public override string ToString() => Ident;
}

internal sealed class VariableNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;

    public override string ToString() => string.Join('.', Ident);
}

internal sealed class DotNode(int pos) : Node(pos)
{
    public override string ToString() => ".";
}

internal sealed class NilNode(int pos) : Node(pos)
{
    public override string ToString() => "nil";
}

internal sealed class FieldNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;

    public override string ToString() => string.Concat(Ident.Select(i => "." + i));
}

internal sealed class ChainNode(int pos, Node node) : Node(pos)
{
    public Node Node { get; } = node;

    public List<string> Field { get; } = [];

    public override string ToString() =>
        (Node is PipeNode ? "(" + Node + ")" : Node.ToString()) + string.Concat(Field.Select(f => "." + f));
}

internal sealed class BoolNode(int pos, bool value) : Node(pos)
{
    public bool Value { get; } = value;

    public override string ToString() => Value ? "true" : "false";
}

internal sealed class NumberNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public bool IsInt { get; set; }

    public bool IsUint { get; set; }

    public bool IsFloat { get; set; }

    public long Int64 { get; set; }

    public double Float64 { get; set; }

    public bool IsChar { get; set; }

    public override string ToString() => Text;
}

internal sealed class StringNode(int pos, string quoted, string text) : Node(pos)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override string ToString() => Quoted;
}

internal sealed class EndNode(int pos) : Node(pos)
{
    public override string ToString() => "{{end}}";
}

internal sealed class ElseNode(int pos) : Node(pos)
{
    public override string ToString() => "{{else}}";
}

internal enum BranchKind
{
    If,
    Range,
    With,
}

internal sealed class BranchNode(int pos, BranchKind kind, PipeNode pipe, ListNode list, ListNode? elseList) : Node(pos)
{
    public BranchKind Kind { get; } = kind;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override string ToString()
    {
        var name = Kind switch { BranchKind.If => "if", BranchKind.Range => "range", _ => "with" };
        return ElseList is null
            ? $"{{{{{name} {Pipe}}}}}{List}{{{{end}}}}"
            : $"{{{{{name} {Pipe}}}}}{List}{{{{else}}}}{ElseList}{{{{end}}}}";
    }
}

internal sealed class BreakNode(int pos) : Node(pos)
{
    public override string ToString() => "{{break}}";
}

internal sealed class ContinueNode(int pos) : Node(pos)
{
    public override string ToString() => "{{continue}}";
}

internal sealed class TemplateNode(int pos, string name, PipeNode? pipe) : Node(pos)
{
    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override string ToString() =>
        Pipe is null ? $"{{{{template {GoFormat.Quote(Name)}}}}}" : $"{{{{template {GoFormat.Quote(Name)} {Pipe}}}}}";
}
