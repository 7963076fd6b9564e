using System.Globalization;
using System.Text;

namespace FluxOperator.Controllers.Templating;

internal enum TokenType
{
    Error,
    Bool,
    Char,
    CharConstant,
    Comment,
    Assign,
    Declare,
    EOF,
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    String,
    Text,
    Variable,

    // Keywords sort after this marker (their printed form is <name>).
    Keyword,
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

internal readonly record struct Token(TokenType Type, int Pos, string Value, int Line)
{
    /// <summary>How Go's parser quotes a token in "unexpected … in …" messages.</summary>
    public override string ToString() => Type switch
    {
        TokenType.EOF => "EOF",
        TokenType.Error => Value,
        > TokenType.Keyword => $"<{Value}>",
        _ when Value.Length > 10 => GoFormat.QuoteTruncated(Value, 10) + "...",
        _ => GoFormat.Quote(Value),
    };
}

/// <summary>Go's <c>text/template</c> lexer with <c>&lt;&lt;</c>/<c>&gt;&gt;</c> delimiters, run eagerly into a token list.</summary>
internal sealed class TemplateLexer
{
    private const string LeftDelim = "<<";
    private const string RightDelim = ">>";
    private const string LeftComment = "/*";
    private const string RightComment = "*/";

    private static readonly Dictionary<string, TokenType> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = TokenType.Dot,
        ["block"] = TokenType.Block,
        ["break"] = TokenType.Break,
        ["continue"] = TokenType.Continue,
        ["define"] = TokenType.Define,
        ["else"] = TokenType.Else,
        ["end"] = TokenType.End,
        ["if"] = TokenType.If,
        ["range"] = TokenType.Range,
        ["nil"] = TokenType.Nil,
        ["template"] = TokenType.Template,
        ["with"] = TokenType.With,
    };

    private readonly string input;
    private readonly List<Token> tokens = [];
    private int pos;
    private int start;
    private int line = 1;
    private int startLine = 1;
    private int parenDepth;
    private bool inAction;

    private TemplateLexer(string input)
    {
        this.input = input;
    }

    public static List<Token> Lex(string input)
    {
        var lexer = new TemplateLexer(input);
        lexer.Run();
        return lexer.tokens;
    }

    private void Run()
    {
        while (true)
        {
            var ok = inAction ? LexInsideAction() : LexText();
            if (!ok)
            {
                return;
            }
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

    private char Peek() => pos < input.Length ? input[pos] : '\0';

    private bool AtEnd => pos >= input.Length;

    private void Emit(TokenType type)
    {
        tokens.Add(new Token(type, start, input[start..pos], startLine));
        Ignore();
    }

    private void Ignore()
    {
        for (var i = start; i < pos; i++)
        {
            if (input[i] == '\n')
            {
                line++;
            }
        }

        start = pos;
        startLine = line;
    }

    private bool Error(string message)
    {
        tokens.Add(new Token(TokenType.Error, start, message, startLine));
        return false;
    }

    private static bool HasLeftTrimMarker(ReadOnlySpan<char> s) => s.Length >= 2 && s[0] == '-' && IsSpace(s[1]);

    private static bool HasRightTrimMarker(ReadOnlySpan<char> s) => s.Length >= 2 && IsSpace(s[0]) && s[1] == '-';

    private bool LexText()
    {
        var x = input.IndexOf(LeftDelim, pos, StringComparison.Ordinal);
        if (x < 0)
        {
            pos = input.Length;
            if (pos > start)
            {
                Emit(TokenType.Text);
            }

            tokens.Add(new Token(TokenType.EOF, pos, string.Empty, line));
            return false;
        }

        pos = x;
        var trimLength = 0;
        var delimEnd = pos + LeftDelim.Length;
        if (HasLeftTrimMarker(input.AsSpan(delimEnd)))
        {
            trimLength = RightTrimLength(input.AsSpan(start, pos - start));
        }

        pos -= trimLength;
        if (pos > start)
        {
            Emit(TokenType.Text);
        }

        pos += trimLength;
        Ignore();
        inAction = true;
        return LexLeftDelim();
    }

    private static int RightTrimLength(ReadOnlySpan<char> s) => s.Length - s.TrimEnd(" \t\r\n").Length;

    private static int LeftTrimLength(ReadOnlySpan<char> s) => s.Length - s.TrimStart(" \t\r\n").Length;

    private bool LexLeftDelim()
    {
        pos += LeftDelim.Length;
        var trimSpace = HasLeftTrimMarker(input.AsSpan(pos));
        var afterMarker = trimSpace ? 2 : 0;
        if (input.AsSpan(pos + afterMarker).StartsWith(LeftComment))
        {
            pos += afterMarker;
            Ignore();
            return LexComment();
        }

        Emit(TokenType.LeftDelim);
        pos += afterMarker;
        Ignore();
        parenDepth = 0;
        return true;
    }

    private bool LexComment()
    {
        pos += LeftComment.Length;
        var x = input.IndexOf(RightComment, pos, StringComparison.Ordinal);
        if (x < 0)
        {
            return Error("unclosed comment");
        }

        pos = x + RightComment.Length;
        var (delim, trimSpace) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }

        Emit(TokenType.Comment);
        if (trimSpace)
        {
            pos += 2;
        }

        pos += RightDelim.Length;
        if (trimSpace)
        {
            pos += LeftTrimLength(input.AsSpan(pos));
        }

        Ignore();
        inAction = false;
        return true;
    }

    private (bool Delim, bool TrimSpace) AtRightDelim()
    {
        var rest = input.AsSpan(pos);
        if (HasRightTrimMarker(rest) && rest[2..].StartsWith(RightDelim))
        {
            return (true, true);
        }

        return (rest.StartsWith(RightDelim), false);
    }

    private bool LexInsideAction()
    {
        var (delim, trimSpace) = AtRightDelim();
        if (delim)
        {
            if (trimSpace)
            {
                pos += 2;
                Ignore();
            }

            pos += RightDelim.Length;
            Emit(TokenType.RightDelim);
            if (trimSpace)
            {
                pos += LeftTrimLength(input.AsSpan(pos));
                Ignore();
            }

            inAction = false;
            return true;
        }

        if (AtEnd)
        {
            return Error("unclosed action");
        }

        var r = input[pos++];
        switch (r)
        {
            case var _ when IsSpace(r):
                pos--;
                return LexSpace();
            case '=':
                Emit(TokenType.Assign);
                return true;
            case ':':
                if (Peek() != '=')
                {
                    return Error("expected :=");
                }

                pos++;
                Emit(TokenType.Declare);
                return true;
            case '|':
                Emit(TokenType.Pipe);
                return true;
            case '"':
                return LexQuote();
            case '`':
                return LexRawQuote();
            case '$':
                return LexFieldOrVariable(TokenType.Variable);
            case '\'':
                return LexChar();
            case '.':
                if (!AtEnd && (input[pos] < '0' || input[pos] > '9'))
                {
                    return LexFieldOrVariable(TokenType.Field);
                }

                pos--;
                return LexNumber();
            case '+' or '-' or (>= '0' and <= '9'):
                pos--;
                return LexNumber();
            case var _ when IsAlphaNumeric(r):
                pos--;
                return LexIdentifier();
            case '(':
                Emit(TokenType.LeftParen);
                parenDepth++;
                return true;
            case ')':
                parenDepth--;
                if (parenDepth < 0)
                {
                    return Error("unexpected right paren");
                }

                Emit(TokenType.RightParen);
                return true;
            case <= '\u007f' when !char.IsControl(r):
                Emit(TokenType.Char);
                return true;
            default:
                return Error($"unrecognized character in action: {GoFormat.RuneDescription(r)}");
        }
    }

    private bool LexSpace()
    {
        var spaces = 0;
        while (!AtEnd && IsSpace(input[pos]))
        {
            pos++;
            spaces++;
        }

        if (HasRightTrimMarker(input.AsSpan(pos - 1)) && input.AsSpan(pos - 1 + 2).StartsWith(RightDelim))
        {
            pos--;
            if (spaces == 1)
            {
                return true;
            }
        }

        Emit(TokenType.Space);
        return true;
    }

    private bool LexIdentifier()
    {
        while (!AtEnd && IsAlphaNumeric(input[pos]))
        {
            pos++;
        }

        if (!AtTerminator())
        {
            return Error($"bad character {GoFormat.RuneDescription(input[pos])}");
        }

        var word = input[start..pos];
        if (Keywords.TryGetValue(word, out var keyword) && keyword != TokenType.Dot)
        {
            Emit(keyword);
        }
        else if (word is "true" or "false")
        {
            Emit(TokenType.Bool);
        }
        else
        {
            Emit(TokenType.Identifier);
        }

        return true;
    }

    private bool LexFieldOrVariable(TokenType type)
    {
        if (AtTerminator())
        {
            Emit(type == TokenType.Variable ? TokenType.Variable : TokenType.Dot);
            return true;
        }

        while (!AtEnd && IsAlphaNumeric(input[pos]))
        {
            pos++;
        }

        if (!AtTerminator())
        {
            return Error($"bad character {GoFormat.RuneDescription(input[pos])}");
        }

        Emit(type);
        return true;
    }

    private bool AtTerminator()
    {
        if (AtEnd)
        {
            return true;
        }

        var r = input[pos];
        if (IsSpace(r))
        {
            return true;
        }

        if (r is '.' or ',' or '|' or ':' or ')' or '(')
        {
            return true;
        }

        return input.AsSpan(pos).StartsWith(RightDelim);
    }

    private bool LexChar()
    {
        while (true)
        {
            if (AtEnd || input[pos] == '\n')
            {
                return Error("unterminated character constant");
            }

            var c = input[pos++];
            if (c == '\\')
            {
                if (AtEnd || input[pos] == '\n')
                {
                    return Error("unterminated character constant");
                }

                pos++;
                continue;
            }

            if (c == '\'')
            {
                break;
            }
        }

        Emit(TokenType.CharConstant);
        return true;
    }

    private bool LexNumber()
    {
        if (!ScanNumber())
        {
            return Error($"bad number syntax: {GoFormat.Quote(input[start..pos])}");
        }

        Emit(TokenType.Number);
        return true;
    }

    private bool Accept(string valid)
    {
        if (!AtEnd && valid.Contains(input[pos], StringComparison.Ordinal))
        {
            pos++;
            return true;
        }

        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (!AtEnd && IsAlphaNumeric(input[pos]))
        {
            pos++;
            return false;
        }

        return true;
    }

    private bool LexQuote()
    {
        while (true)
        {
            if (AtEnd || input[pos] == '\n')
            {
                return Error("unterminated quoted string");
            }

            var c = input[pos++];
            if (c == '\\')
            {
                if (AtEnd || input[pos] == '\n')
                {
                    return Error("unterminated quoted string");
                }

                pos++;
                continue;
            }

            if (c == '"')
            {
                break;
            }
        }

        Emit(TokenType.String);
        return true;
    }

    private bool LexRawQuote()
    {
        var end = input.IndexOf('`', pos);
        if (end < 0)
        {
            pos = input.Length;
            return Error("unterminated raw quoted string");
        }

        pos = end + 1;
        Emit(TokenType.RawString);
        return true;
    }
}

/// <summary>Go's <c>strconv</c> quoting and rune descriptions used in messages and by <c>quote</c>/<c>%q</c>.</summary>
internal static class GoFormat
{
    public static string Quote(string text) => Versioning.GoQuote.Quote(text);

    public static string QuoteTruncated(string text, int runes)
    {
        var builder = new StringBuilder();
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count++ == runes)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return Quote(builder.ToString());
    }

    /// <summary>Go's <c>%#U</c>: <c>U+0021 '!'</c>.</summary>
    public static string RuneDescription(char c) =>
        char.IsControl(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4} '{c}'");

    /// <summary>Go's <c>strconv.Unquote</c> for "…", `…` and '…' literals.</summary>
    public static bool TryUnquote(string literal, out string value)
    {
        value = string.Empty;
        if (literal.Length < 2)
        {
            return false;
        }

        var quote = literal[0];
        if (literal[^1] != quote)
        {
            return false;
        }

        var body = literal[1..^1];
        if (quote == '`')
        {
            if (body.Contains('`', StringComparison.Ordinal))
            {
                return false;
            }

            value = body.Replace("\r", string.Empty, StringComparison.Ordinal);
            return true;
        }

        if (quote != '"' && quote != '\'')
        {
            return false;
        }

        var builder = new StringBuilder(body.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == quote || c == '\n')
            {
                return false;
            }

            if (c != '\\')
            {
                FlushBytes(builder, bytes);
                builder.Append(c);
                continue;
            }

            if (++i >= body.Length)
            {
                return false;
            }

            var e = body[i];
            switch (e)
            {
                case 'a': FlushBytes(builder, bytes); builder.Append('\a'); break;
                case 'b': FlushBytes(builder, bytes); builder.Append('\b'); break;
                case 'f': FlushBytes(builder, bytes); builder.Append('\f'); break;
                case 'n': FlushBytes(builder, bytes); builder.Append('\n'); break;
                case 'r': FlushBytes(builder, bytes); builder.Append('\r'); break;
                case 't': FlushBytes(builder, bytes); builder.Append('\t'); break;
                case 'v': FlushBytes(builder, bytes); builder.Append('\v'); break;
                case '\\': FlushBytes(builder, bytes); builder.Append('\\'); break;
                case '\'' when quote == '\'':
                case '"' when quote == '"':
                    FlushBytes(builder, bytes);
                    builder.Append(e);
                    break;
                case 'x':
                    if (body.Length - i - 1 < 2 || !byte.TryParse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                    {
                        return false;
                    }

                    bytes.Add(b);
                    i += 2;
                    break;
                case >= '0' and <= '7':
                    if (body.Length - i < 3)
                    {
                        return false;
                    }

                    var octal = body.AsSpan(i, 3);
                    var v = 0;
                    foreach (var o in octal)
                    {
                        if (o is < '0' or > '7')
                        {
                            return false;
                        }

                        v = (v * 8) + (o - '0');
                    }

                    if (v > 255)
                    {
                        return false;
                    }

                    bytes.Add((byte)v);
                    i += 2;
                    break;
                case 'u' or 'U':
                    var n = e == 'u' ? 4 : 8;
                    if (body.Length - i - 1 < n || !int.TryParse(body.AsSpan(i + 1, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp)
                        || !Rune.IsValid(cp))
                    {
                        return false;
                    }

                    FlushBytes(builder, bytes);
                    builder.Append(new Rune(cp).ToString());
                    i += n;
                    break;
                default:
                    return false;
            }
        }

        FlushBytes(builder, bytes);
        value = builder.ToString();
        return quote != '\'' || value.EnumerateRunes().Count() == 1;
    }

    private static void FlushBytes(StringBuilder builder, List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            builder.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }
}
