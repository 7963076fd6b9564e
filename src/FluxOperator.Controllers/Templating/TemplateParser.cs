using System.Globalization;

namespace FluxOperator.Controllers.Templating;

/// <summary>Go's <c>text/template/parse</c>: builds the tree of the main template and of every <c>define</c>/<c>block</c>.</summary>
internal sealed class TemplateParser
{
    private readonly string name;
    private readonly string text;
    private readonly List<Token> tokens;
    private readonly Func<string, bool> hasFunction;
    private readonly int maxDepth;
    private readonly Dictionary<string, ListNode> templates;
    private int index;
    private int lastLine = 1;
    private int actionLine;
    private int rangeDepth;
    private int depth;
    private List<string> vars = ["$"];

    private TemplateParser(string name, string text, List<Token> tokens, Func<string, bool> hasFunction, int maxDepth, Dictionary<string, ListNode> templates)
    {
        this.name = name;
        this.text = text;
        this.tokens = tokens;
        this.hasFunction = hasFunction;
        this.maxDepth = maxDepth;
        this.templates = templates;
    }

    /// <summary>Parses <paramref name="text"/>; returns every template by name (the main one under <paramref name="name"/>).</summary>
    public static Dictionary<string, ListNode> Parse(string name, string text, Func<string, bool> hasFunction, int maxDepth)
    {
        var templates = new Dictionary<string, ListNode>(StringComparer.Ordinal);
        var parser = new TemplateParser(name, text, TemplateLexer.Lex(text), hasFunction, maxDepth, templates);
        var root = parser.ParseRoot();
        // A main template that is only definitions and space does not replace an existing one (Go's IsEmptyTree rule).
        if (!templates.ContainsKey(name) || !IsEmpty(root))
        {
            templates[name] = root;
        }

        return templates;
    }

    private static bool IsEmpty(ListNode list) =>
        list.Nodes.All(n => n is TextNode t && string.IsNullOrWhiteSpace(t.Text) || n is CommentNode);

    private TemplateParseException Error(string message) => new($"template: {name}:{lastLine}: {message}");

    private Token Next()
    {
        var token = index < tokens.Count ? tokens[index] : tokens[^1];
        index = Math.Min(index + 1, tokens.Count);
        lastLine = token.Line;
        if (token.Type == TokenType.Error && token.Value.Length > 0)
        {
            // TemplateLexer errors surface when the parser reaches them.
        }

        return token;
    }

    private void Backup(int n = 1) => index -= n;

    private Token Peek() => index < tokens.Count ? tokens[index] : tokens[^1];

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Type == TokenType.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private Token Expect(TokenType expected, string context)
    {
        var token = NextNonSpace();
        if (token.Type != expected)
        {
            throw Unexpected(token, context);
        }

        return token;
    }

    private TemplateParseException Unexpected(Token token, string context)
    {
        if (token.Type == TokenType.Error)
        {
            var extra = string.Empty;
            if (actionLine != 0 && actionLine != token.Line)
            {
                extra = $" in action started at {name}:{actionLine}";
                if (token.Value.EndsWith(" action", StringComparison.Ordinal))
                {
                    extra = extra[" in action".Length..];
                }
            }

            return Error(token.Value + extra);
        }

        return Error($"unexpected {token} in {context}");
    }

    private void Enter()
    {
        if (++depth > maxDepth)
        {
            throw new TemplateLimitException($"template: {name}:{lastLine}: template nesting exceeds {maxDepth} levels");
        }
    }

    private ListNode ParseRoot()
    {
        var root = new ListNode(Peek().Pos);
        while (Peek().Type != TokenType.EOF)
        {
            if (Peek().Type == TokenType.Error)
            {
                throw Unexpected(Next(), "input");
            }

            if (Peek().Type == TokenType.LeftDelim)
            {
                var start = index;
                Next();
                if (NextNonSpace().Type == TokenType.Define)
                {
                    ParseDefinition();
                    continue;
                }

                index = start;
            }

            var node = TextOrAction();
            if (node is EndNode or ElseNode)
            {
                throw Error($"unexpected {node}");
            }

            root.Nodes.Add(node);
        }

        return root;
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var token = NextNonSpace();
        if (token.Type is not (TokenType.String or TokenType.RawString))
        {
            throw Unexpected(token, context);
        }

        var defined = Unquote(token);
        Expect(TokenType.RightDelim, context);
        var saved = vars;
        vars = ["$"];
        var (list, end) = ItemList();
        vars = saved;
        if (end is not EndNode)
        {
            throw Error($"unexpected {end} in {context}");
        }

        AddTemplate(defined, list);
    }

    private void AddTemplate(string templateName, ListNode list)
    {
        if (!templates.TryGetValue(templateName, out var existing) || IsEmpty(existing))
        {
            templates[templateName] = list;
            return;
        }

        if (!IsEmpty(list))
        {
            throw Error($"template: multiple definition of template {GoFormat.Quote(templateName)}");
        }
    }

    private string Unquote(Token token)
    {
        if (!GoFormat.TryUnquote(token.Value, out var value))
        {
            throw Error("invalid syntax");
        }

        return value;
    }

    private (ListNode List, Node End) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Type != TokenType.EOF)
        {
            var node = TextOrAction();
            if (node is EndNode or ElseNode)
            {
                return (list, node);
            }

            list.Nodes.Add(node);
        }

        throw Error("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case TokenType.Text:
                return new TextNode(token.Pos, token.Value);
            case TokenType.LeftDelim:
                actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    actionLine = 0;
                }

            case TokenType.Comment:
                return new CommentNode(token.Pos, token.Value);
            default:
                throw Unexpected(token, "input");
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case TokenType.Block:
                return BlockControl();
            case TokenType.Break:
                return BreakControl(token, "{{break}}", "{{break}} outside {{range}}", p => new BreakNode(p));
            case TokenType.Continue:
                return BreakControl(token, "{{continue}}", "{{continue}} outside {{range}}", p => new ContinueNode(p));
            case TokenType.Else:
                return ElseControl();
            case TokenType.End:
                return new EndNode(Expect(TokenType.RightDelim, "end").Pos);
            case TokenType.If:
                return Control(BranchKind.If, "if");
            case TokenType.Range:
                return Control(BranchKind.Range, "range");
            case TokenType.Template:
                return TemplateControl();
            case TokenType.With:
                return Control(BranchKind.With, "with");
        }

        Backup();
        var start = Peek();
        return new ActionNode(start.Pos, Pipeline("command", TokenType.RightDelim));
    }

    private Node BreakControl(Token keyword, string context, string outside, Func<int, Node> create)
    {
        var token = NextNonSpace();
        if (token.Type != TokenType.RightDelim)
        {
            throw Unexpected(token, context);
        }

        if (rangeDepth == 0)
        {
            throw Error(outside);
        }

        return create(keyword.Pos);
    }

    private Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Type is TokenType.If or TokenType.With)
        {
            return new ElseNode(peek.Pos);
        }

        return new ElseNode(Expect(TokenType.RightDelim, "else").Pos);
    }

    private BranchNode Control(BranchKind kind, string context)
    {
        Enter();
        var savedVars = vars.Count;
        try
        {
            var pipe = Pipeline(context, TokenType.RightDelim);
            if (kind == BranchKind.Range)
            {
                rangeDepth++;
            }

            var (list, next) = ItemList();
            if (kind == BranchKind.Range)
            {
                rangeDepth--;
            }

            ListNode? elseList = null;
            if (next is ElseNode)
            {
                if (kind == BranchKind.If && Peek().Type == TokenType.If)
                {
                    Next();
                    elseList = new ListNode(next.Pos);
                    elseList.Nodes.Add(Control(BranchKind.If, "if"));
                }
                else if (kind == BranchKind.With && Peek().Type == TokenType.With)
                {
                    Next();
                    elseList = new ListNode(next.Pos);
                    elseList.Nodes.Add(Control(BranchKind.With, "with"));
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next is not EndNode)
                    {
                        throw Error($"expected end; found {next}");
                    }
                }
            }

            return new BranchNode(pipe.Pos, kind, pipe, list, elseList);
        }
        finally
        {
            vars.RemoveRange(savedVars, vars.Count - savedVars);
            depth--;
        }
    }

    private Node BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        var blockName = TemplateName(token, context);
        var pipe = Pipeline(context, TokenType.RightDelim);
        var saved = vars;
        vars = ["$"];
        Enter();
        var (list, end) = ItemList();
        depth--;
        vars = saved;
        if (end is not EndNode)
        {
            throw Error($"unexpected {end} in {context}");
        }

        AddTemplate(blockName, list);
        return new TemplateNode(token.Pos, blockName, pipe);
    }

    private Node TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        var templateName = TemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Type != TokenType.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenType.RightDelim);
        }

        return new TemplateNode(token.Pos, templateName, pipe);
    }

    private string TemplateName(Token token, string context) =>
        token.Type is TokenType.String or TokenType.RawString ? Unquote(token) : throw Unexpected(token, context);

    private PipeNode Pipeline(string context, TokenType end)
    {
        Enter();
        try
        {
            var pipe = new PipeNode(PeekNonSpace().Pos);
            Declarations(pipe, context);
            while (true)
            {
                var token = NextNonSpace();
                if (token.Type == end)
                {
                    CheckPipeline(pipe, context);
                    return pipe;
                }

                switch (token.Type)
                {
                    case TokenType.Bool or TokenType.CharConstant or TokenType.Dot or TokenType.Field or TokenType.Identifier
                        or TokenType.Number or TokenType.Nil or TokenType.RawString or TokenType.String or TokenType.Variable
                        or TokenType.LeftParen:
                        Backup();
                        pipe.Cmds.Add(Command());
                        break;
                    default:
                        throw Unexpected(token, context);
                }
            }
        }
        finally
        {
            depth--;
        }
    }

    private void Declarations(PipeNode pipe, string context)
    {
        while (true)
        {
            var v = PeekNonSpace();
            if (v.Type != TokenType.Variable)
            {
                return;
            }

            var before = index;
            NextNonSpace();
            var tokenAfterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Type is TokenType.Assign or TokenType.Declare)
            {
                pipe.IsAssign = next.Type == TokenType.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, [v.Value]));
                vars.Add(v.Value);
                return;
            }

            if (next.Type == TokenType.Char && next.Value == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, [v.Value]));
                vars.Add(v.Value);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Type is TokenType.Variable or TokenType.RightDelim or TokenType.RightParen)
                    {
                        continue;
                    }

                    throw Error("range can only initialize variables");
                }

                throw Error($"too many declarations in {context}");
            }

            _ = tokenAfterVariable;
            index = before;
            return;
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            throw Error($"missing value for {context}");
        }

        for (var i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                cmd.Args.Add(operand);
            }

            var token = Next();
            if (token.Type == TokenType.Space)
            {
                continue;
            }

            if (token.Type is TokenType.RightDelim or TokenType.RightParen)
            {
                Backup();
            }
            else if (token.Type != TokenType.Pipe)
            {
                throw Unexpected(token, "operand");
            }

            break;
        }

        if (cmd.Args.Count == 0)
        {
            throw Error("empty command");
        }

        return cmd;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null)
        {
            return null;
        }

        if (Peek().Type == TokenType.Field)
        {
            var chain = new ChainNode(Peek().Pos, node);
            while (Peek().Type == TokenType.Field)
            {
                chain.Field.Add(Next().Value[1..]);
            }

            switch (node)
            {
                case FieldNode field:
                    return new FieldNode(chain.Pos, [.. field.Ident, .. chain.Field]);
                case VariableNode variable:
                    return new VariableNode(chain.Pos, [.. variable.Ident, .. chain.Field]);
                case BoolNode or StringNode or NumberNode or NilNode or DotNode:
                    throw Error($"unexpected . after term {GoFormat.Quote(node.ToString()!)}");
                default:
                    return chain;
            }
        }

        return node;
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case TokenType.Identifier:
                if (!hasFunction(token.Value))
                {
                    throw Error($"function {GoFormat.Quote(token.Value)} not defined");
                }

                return new IdentifierNode(token.Pos, token.Value);
            case TokenType.Dot:
                return new DotNode(token.Pos);
            case TokenType.Nil:
                return new NilNode(token.Pos);
            case TokenType.Variable:
                var variable = new VariableNode(token.Pos, token.Value.Split('.'));
                if (!vars.Contains(variable.Ident[0]))
                {
                    throw Error($"undefined variable {GoFormat.Quote(variable.Ident[0])}");
                }

                return variable;
            case TokenType.Field:
                return new FieldNode(token.Pos, [token.Value[1..]]);
            case TokenType.Bool:
                return new BoolNode(token.Pos, token.Value == "true");
            case TokenType.CharConstant or TokenType.Number:
                return NewNumber(token);
            case TokenType.LeftParen:
                return Pipeline("parenthesized pipeline", TokenType.RightParen);
            case TokenType.String or TokenType.RawString:
                return new StringNode(token.Pos, token.Value, Unquote(token));
        }

        Backup();
        return null;
    }

    private NumberNode NewNumber(Token token)
    {
        var number = new NumberNode(token.Pos, token.Value);
        if (token.Type == TokenType.CharConstant)
        {
            if (!GoFormat.TryUnquote(token.Value, out var ch))
            {
                throw Error("invalid syntax");
            }

            var rune = ch.EnumerateRunes().First().Value;
            number.IsChar = true;
            number.Int64 = rune;
            number.IsInt = true;
            number.IsUint = true;
            number.Float64 = rune;
            number.IsFloat = true;
            return number;
        }

        var text = token.Value;
        if (text.EndsWith('i'))
        {
            throw Error($"illegal number syntax: {GoFormat.Quote(text)}");
        }

        if (GoNumbers.TryParseUInt(text, out var u))
        {
            number.IsUint = true;
            if (u <= long.MaxValue)
            {
                number.IsInt = true;
                number.Int64 = (long)u;
            }
        }

        if (!number.IsInt && GoNumbers.TryParseInt(text, out var i))
        {
            number.IsInt = true;
            number.Int64 = i;
        }

        if (number.IsInt)
        {
            number.IsFloat = true;
            number.Float64 = number.Int64;
        }
        else if (number.IsUint)
        {
            number.IsFloat = true;
            number.Float64 = u;
        }
        else if (GoNumbers.TryParseFloat(text, out var f))
        {
            if (text.AsSpan().IndexOfAny(".eEpP") < 0)
            {
                throw Error($"integer overflow: {GoFormat.Quote(text)}");
            }

            number.IsFloat = true;
            number.Float64 = f;
            if (!number.IsInt && Math.Abs(f) < 9.2233720368547758e18 && Math.Truncate(f) == f)
            {
                number.IsInt = true;
                number.Int64 = (long)f;
            }
        }

        if (!number.IsInt && !number.IsUint && !number.IsFloat)
        {
            throw Error($"illegal number syntax: {GoFormat.Quote(text)}");
        }

        return number;
    }
}

/// <summary>Go's <c>strconv.ParseInt/ParseUint(s, 0, 64)</c> and <c>ParseFloat</c> syntax.</summary>
internal static class GoNumbers
{
    public static bool TryParseInt(string text, out long value)
    {
        value = 0;
        var negative = text.StartsWith('-');
        var body = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        if (!TryParseUInt(body, out var u))
        {
            return false;
        }

        if (negative)
        {
            if (u > 9223372036854775808UL)
            {
                return false;
            }

            value = u == 9223372036854775808UL ? long.MinValue : -(long)u;
            return true;
        }

        if (u > long.MaxValue)
        {
            return false;
        }

        value = (long)u;
        return true;
    }

    public static bool TryParseUInt(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text[0] is '+' or '-')
        {
            return false;
        }

        var digits = text;
        var radix = 10;
        var prefixed = false;
        if (text.Length > 1 && text[0] == '0')
        {
            switch (char.ToLowerInvariant(text[1]))
            {
                case 'x': radix = 16; digits = text[2..]; prefixed = true; break;
                case 'o': radix = 8; digits = text[2..]; prefixed = true; break;
                case 'b': radix = 2; digits = text[2..]; prefixed = true; break;
                default: radix = 8; digits = text[1..]; prefixed = true; break;
            }
        }

        if (digits.Length == 0)
        {
            return false;
        }

        // Underscores only between digits (or right after a base prefix).
        var previousUnderscore = !prefixed;
        var any = false;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                if (previousUnderscore)
                {
                    return false;
                }

                previousUnderscore = true;
                continue;
            }

            previousUnderscore = false;
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            try
            {
                value = checked((value * (ulong)radix) + (ulong)d);
            }
            catch (OverflowException)
            {
                return false;
            }

            any = true;
        }

        return any && !previousUnderscore;
    }

    public static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        var cleaned = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (cleaned.Contains("0x", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
