using System.Text;

namespace FluxOperator.Cel;

/// <summary>Recursive-descent parser for the CEL grammar, expanding the standard macros at parse time as cel-go does.</summary>
internal sealed class CelParser
{
    // Bounds nesting so hostile input cannot exhaust the stack (cel-go's default max recursion depth is 250).
    private const int MaxDepth = 250;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
        "namespace", "return", "var", "void", "while",
    };

    // Functions called with a namespace-like receiver (`base64.decode(x)`), resolved to globals at parse time.
    private static readonly HashSet<string> QualifiedFunctions = new(StringComparer.Ordinal)
    {
        "optional.of", "optional.none", "optional.ofNonZeroValue", "base64.encode", "base64.decode", "sets.contains",
        "sets.equivalent", "sets.intersects", "strings.quote", "math.greatest", "math.least", "math.abs", "math.ceil",
        "math.floor", "math.round", "math.trunc", "math.sign", "math.isNaN", "math.isInf", "math.isFinite",
    };

    private readonly string _source;
    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;
    private int _operators;

    private CelParser(string source)
    {
        _source = source;
        _tokens = new CelLexer(source).Tokenize();
    }

    public static Expr Parse(string source)
    {
        var parser = new CelParser(source);
        var expr = parser.Expression();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw parser.Mismatched(parser.Peek, "<EOF>");
        }

        return expr;
    }

    /// <summary>A syntax error in cel-go's layout: location, message, then the source line with a caret.</summary>
    internal static CelException SyntaxError(string source, int position, string message)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var lineEnd = source.IndexOf('\n', lineStart);
        var text = lineEnd < 0 ? source[lineStart..] : source[lineStart..lineEnd];
        var column = position - lineStart;
        var b = new StringBuilder();
        b.Append("ERROR: <input>:").Append(line).Append(':').Append(column + 1).Append(": Syntax error: ").Append(message)
            .Append("\n | ").Append(text).Append("\n | ").Append('.', column).Append('^');
        return new CelException(b.ToString());
    }

    private Token Peek => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    private bool Accept(string punct)
    {
        if (Peek.Is(punct))
        {
            _index++;
            return true;
        }

        return false;
    }

    private void Expect(string punct)
    {
        if (!Accept(punct))
        {
            throw Mismatched(Peek, $"'{punct}'");
        }
    }

    private CelException Mismatched(Token token, string expecting) =>
        SyntaxError(_source, token.Position, token.Kind == TokenKind.End
            ? $"mismatched input '<EOF>' expecting {expecting}"
            : $"extraneous input '{token.Display}' expecting {expecting}");

    private Expr Expression()
    {
        if (++_depth > MaxDepth)
        {
            throw SyntaxError(_source, Peek.Position, $"expression recursion limit exceeded: {MaxDepth}");
        }

        try
        {
            var condition = Or();
            if (!Accept("?"))
            {
                return condition;
            }

            var whenTrue = Or();
            Expect(":");
            var whenFalse = Expression();
            return new ConditionalExpr(condition, whenTrue, whenFalse);
        }
        finally
        {
            _depth--;
        }
    }

    private Expr Or()
    {
        var left = And();
        while (Accept("||"))
        {
            left = Chain(new OrExpr(left, And()));
        }

        return left;
    }

    private Expr And()
    {
        var left = Relation();
        while (Accept("&&"))
        {
            left = Chain(new AndExpr(left, Relation()));
        }

        return left;
    }

    private Expr Relation()
    {
        var left = Addition();
        while (true)
        {
            var t = Peek;
            string? op = t.Kind switch
            {
                TokenKind.Punct when t.Text is "<" or "<=" or ">" or ">=" or "==" or "!=" => "_" + t.Text + "_",
                TokenKind.Ident when t.Text == "in" => "@in",
                _ => null,
            };
            if (op is null)
            {
                return left;
            }

            _index++;
            left = Chain(new CallExpr(op, null, [left, Addition()], t.Position));
        }
    }

    private Expr Addition()
    {
        var left = Multiplication();
        while (Peek.Is("+") || Peek.Is("-"))
        {
            var t = Advance();
            left = Chain(new CallExpr("_" + t.Text + "_", null, [left, Multiplication()], t.Position));
        }

        return left;
    }

    private Expr Multiplication()
    {
        var left = Unary();
        while (Peek.Is("*") || Peek.Is("/") || Peek.Is("%"))
        {
            var t = Advance();
            left = Chain(new CallExpr("_" + t.Text + "_", null, [left, Unary()], t.Position));
        }

        return left;
    }

    private Expr Unary()
    {
        var t = Peek;
        if (t.Is("!"))
        {
            _index++;
            return new CallExpr("!_", null, [Nested(Unary)], t.Position);
        }

        if (t.Is("-"))
        {
            _index++;
            // A negative int literal is one constant, so that -9223372036854775808 is representable.
            if (Peek.Kind == TokenKind.Int)
            {
                var literal = Advance();
                var negative = literal.Value is long v ? -v
                    : literal.Text == "9223372036854775808" ? long.MinValue
                    : throw SyntaxError(_source, literal.Position, "invalid int literal");
                return Member(new ConstExpr(new CelInt(negative)));
            }

            return new CallExpr("-_", null, [Nested(Unary)], t.Position);
        }

        return Member(Primary());
    }

    // Left-associative chains nest without parser recursion but evaluate recursively: bound them too.
    private Expr Chain(Expr e)
    {
        if (++_operators > MaxDepth * 4)
        {
            throw SyntaxError(_source, Peek.Position, $"expression recursion limit exceeded: {MaxDepth}");
        }

        return e;
    }

    private Expr Nested(Func<Expr> parse)
    {
        if (++_depth > MaxDepth)
        {
            throw SyntaxError(_source, Peek.Position, $"expression recursion limit exceeded: {MaxDepth}");
        }

        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private Expr Member(Expr operand)
    {
        while (true)
        {
            var t = Peek;
            if (t.Is(".") || t.Is(".?"))
            {
                _index++;
                var name = Advance();
                if (name.Kind != TokenKind.Ident)
                {
                    throw Mismatched(name, "IDENTIFIER");
                }

                if (t.Is(".") && Peek.Is("("))
                {
                    _index++;
                    var args = Arguments(")");
                    operand = MemberCall(operand, name, args);
                    continue;
                }

                operand = new SelectExpr(operand, name.Text, optional: t.Is(".?"), name.Position);
            }
            else if (t.Is("["))
            {
                _index++;
                var optional = Accept("?");
                var index = Expression();
                Expect("]");
                operand = new IndexExpr(operand, index, optional, t.Position);
            }
            else
            {
                return operand;
            }
        }
    }

    private Expr MemberCall(Expr target, Token name, List<Expr> args)
    {
        if (QualifiedName(target) is { } qualifier && QualifiedFunctions.Contains(qualifier + "." + name.Text))
        {
            return new CallExpr(qualifier + "." + name.Text, null, args, name.Position);
        }

        if (QualifiedName(target) == "cel" && name.Text == "bind" && args.Count == 3)
        {
            return new BindExpr(IdentOf(args[0], name), args[1], args[2]);
        }

        return name.Text switch
        {
            "all" when args.Count == 2 => new ComprehensionExpr(ComprehensionKind.All, target, IdentOf(args[0], name), args[1], null),
            "exists" when args.Count == 2 => new ComprehensionExpr(ComprehensionKind.Exists, target, IdentOf(args[0], name), args[1], null),
            "exists_one" when args.Count == 2 => new ComprehensionExpr(ComprehensionKind.ExistsOne, target, IdentOf(args[0], name), args[1], null),
            "map" when args.Count == 2 => new ComprehensionExpr(ComprehensionKind.Map, target, IdentOf(args[0], name), null, args[1]),
            "map" when args.Count == 3 => new ComprehensionExpr(ComprehensionKind.Map, target, IdentOf(args[0], name), args[1], args[2]),
            "filter" when args.Count == 2 => new ComprehensionExpr(ComprehensionKind.Filter, target, IdentOf(args[0], name), args[1], null),
            "optMap" when args.Count == 2 => new OptionalMapExpr(target, IdentOf(args[0], name), args[1], flatten: false),
            "optFlatMap" when args.Count == 2 => new OptionalMapExpr(target, IdentOf(args[0], name), args[1], flatten: true),
            _ => new CallExpr(name.Text, target, args, name.Position),
        };
    }

    private static string? QualifiedName(Expr e) => e switch
    {
        IdentExpr i => i.Name,
        SelectExpr { Optional: false } s when QualifiedName(s.Operand) is { } q => q + "." + s.Field,
        _ => null,
    };

    private string IdentOf(Expr e, Token at) =>
        e is IdentExpr i ? i.Name : throw SyntaxError(_source, at.Position, "argument must be a simple name");

    private List<Expr> Arguments(string close)
    {
        var args = new List<Expr>();
        if (Accept(close))
        {
            return args;
        }

        do
        {
            if (Peek.Is(close))
            {
                break; // trailing comma
            }

            args.Add(Expression());
        }
        while (Accept(","));
        Expect(close);
        return args;
    }

    private Expr Primary()
    {
        var t = Advance();
        switch (t.Kind)
        {
            case TokenKind.Int:
                return t.Value is long l ? new ConstExpr(new CelInt(l)) : throw SyntaxError(_source, t.Position, "invalid int literal");
            case TokenKind.UInt:
                return new ConstExpr(new CelUInt((ulong)t.Value!));
            case TokenKind.Double:
                return new ConstExpr(new CelDouble((double)t.Value!));
            case TokenKind.String:
                return new ConstExpr(new CelString((string)t.Value!));
            case TokenKind.Bytes:
                return new ConstExpr(new CelBytes((byte[])t.Value!));
            case TokenKind.Ident:
                return Identifier(t);
            case TokenKind.Punct when t.Text == ".":
                var qualified = Advance();
                return qualified.Kind == TokenKind.Ident ? Identifier(qualified) : throw Mismatched(qualified, "IDENTIFIER");
            case TokenKind.Punct when t.Text == "(":
                var inner = Expression();
                Expect(")");
                return inner;
            case TokenKind.Punct when t.Text == "[":
                return ListLiteral();
            case TokenKind.Punct when t.Text == "{":
                return MapLiteral();
            default:
                throw t.Kind == TokenKind.End
                    ? SyntaxError(_source, t.Position, "mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}")
                    : SyntaxError(_source, t.Position, $"mismatched input '{t.Display}' expecting {{'[', '{{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}}");
        }
    }

    private Expr Identifier(Token t)
    {
        switch (t.Text)
        {
            case "true": return new ConstExpr(CelBool.True);
            case "false": return new ConstExpr(CelBool.False);
            case "null": return new ConstExpr(CelNull.Instance);
            case "in":
                throw SyntaxError(_source, t.Position, "mismatched input 'in' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}");
        }

        if (Reserved.Contains(t.Text))
        {
            throw SyntaxError(_source, t.Position, $"reserved identifier: {t.Text}");
        }

        if (!Accept("("))
        {
            return new IdentExpr(t.Text);
        }

        var args = Arguments(")");
        if (t.Text == "has")
        {
            return args is [SelectExpr { Optional: false } select]
                ? new HasExpr(select.Operand, select.Field)
                : throw SyntaxError(_source, t.Position, "invalid argument to has() macro");
        }

        return new CallExpr(t.Text, null, args, t.Position);
    }

    private Expr ListLiteral()
    {
        var elements = new List<Expr>();
        var optional = new List<bool>();
        if (!Accept("]"))
        {
            do
            {
                if (Peek.Is("]"))
                {
                    break;
                }

                optional.Add(Accept("?"));
                elements.Add(Expression());
            }
            while (Accept(","));
            Expect("]");
        }

        return new ListExpr(elements, optional);
    }

    private Expr MapLiteral()
    {
        var entries = new List<(Expr Key, Expr Value, bool Optional)>();
        if (!Accept("}"))
        {
            do
            {
                if (Peek.Is("}"))
                {
                    break;
                }

                var optional = Accept("?");
                var key = Expression();
                Expect(":");
                entries.Add((key, Expression(), optional));
            }
            while (Accept(","));
            Expect("}");
        }

        return new MapExpr(entries);
    }
}
