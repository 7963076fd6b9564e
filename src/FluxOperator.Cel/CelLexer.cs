using System.Globalization;
using System.Text;

namespace FluxOperator.Cel;

internal enum TokenKind
{
    End,
    Ident,
    Int,
    UInt,
    Double,
    String,
    Bytes,
    Punct,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Position, object? Value = null)
{
    public bool Is(string punct) => Kind == TokenKind.Punct && Text == punct;

    public string Display => Kind switch
    {
        TokenKind.End => "<EOF>",
        _ => Text,
    };
}

/// <summary>Splits CEL source into tokens (identifiers, numbers, strings and bytes with every CEL escape, operators).</summary>
internal sealed class CelLexer(string source)
{
    private static readonly string[] Puncts = ["&&", "||", "==", "!=", "<=", ">=", ".?", "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "<", ">"];
    private int _pos;

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipSpaceAndComments();
            if (_pos >= source.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", _pos));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < source.Length)
        {
            var c = source[_pos];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < source.Length && source[_pos + 1] == '/')
            {
                while (_pos < source.Length && source[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private Token Next()
    {
        var start = _pos;
        var c = source[_pos];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            // String prefixes: r, b, rb, br in any case.
            var prefixEnd = _pos;
            while (prefixEnd < source.Length && prefixEnd - _pos < 2 && source[prefixEnd] is 'r' or 'R' or 'b' or 'B')
            {
                prefixEnd++;
            }

            if (prefixEnd > _pos && prefixEnd < source.Length && source[prefixEnd] is '"' or '\'')
            {
                var prefix = source[_pos..prefixEnd].ToLowerInvariant();
                if (prefix is "r" or "b" or "rb" or "br")
                {
                    _pos = prefixEnd;
                    return StringLiteral(start, raw: prefix.Contains('r', StringComparison.Ordinal), bytes: prefix.Contains('b', StringComparison.Ordinal));
                }
            }

            while (_pos < source.Length && (char.IsAsciiLetterOrDigit(source[_pos]) || source[_pos] == '_'))
            {
                _pos++;
            }

            return new Token(TokenKind.Ident, source[start.._pos], start);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < source.Length && char.IsAsciiDigit(source[_pos + 1])))
        {
            return Number(start);
        }

        if (c is '"' or '\'')
        {
            return StringLiteral(start, raw: false, bytes: false);
        }

        foreach (var p in Puncts)
        {
            if (string.CompareOrdinal(source, _pos, p, 0, p.Length) == 0)
            {
                _pos += p.Length;
                return new Token(TokenKind.Punct, p, start);
            }
        }

        throw Syntax(start, $"token recognition error at: '{c}'");
    }

    private Token Number(int start)
    {
        if (source[_pos] == '0' && _pos + 1 < source.Length && source[_pos + 1] is 'x' or 'X')
        {
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < source.Length && char.IsAsciiHexDigit(source[_pos]))
            {
                _pos++;
            }

            var hex = source[digitsStart.._pos];
            if (_pos < source.Length && source[_pos] is 'u' or 'U')
            {
                _pos++;
                return ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hu)
                    ? new Token(TokenKind.UInt, source[start.._pos], start, hu)
                    : throw Syntax(start, "invalid uint literal");
            }

            return ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) && h <= long.MaxValue
                ? new Token(TokenKind.Int, source[start.._pos], start, (long)h)
                : throw Syntax(start, "invalid int literal");
        }

        var isDouble = false;
        while (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
        {
            _pos++;
        }

        if (_pos + 1 < source.Length && source[_pos] == '.' && char.IsAsciiDigit(source[_pos + 1]))
        {
            isDouble = true;
            _pos++;
            while (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < source.Length && source[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < source.Length && source[_pos] is '+' or '-')
            {
                _pos++;
            }

            if (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
            {
                isDouble = true;
                while (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }

        var text = source[start.._pos];
        if (isDouble)
        {
            return new Token(TokenKind.Double, text, start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (_pos < source.Length && source[_pos] is 'u' or 'U')
        {
            _pos++;
            return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u)
                ? new Token(TokenKind.UInt, source[start.._pos], start, u)
                : throw Syntax(start, "invalid uint literal");
        }

        // Out-of-range ints are kept as text: the parser folds a leading minus into -9223372036854775808.
        return new Token(TokenKind.Int, text, start, long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null);
    }

    private Token StringLiteral(int start, bool raw, bool bytes)
    {
        var quote = source[_pos];
        var triple = _pos + 2 < source.Length && source[_pos + 1] == quote && source[_pos + 2] == quote;
        _pos += triple ? 3 : 1;
        var chars = new StringBuilder();
        var octets = new List<byte>();
        void AddChar(int codePoint)
        {
            if (bytes)
            {
                octets.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint)));
            }
            else
            {
                chars.Append(char.ConvertFromUtf32(codePoint));
            }
        }

        while (true)
        {
            if (_pos >= source.Length)
            {
                throw Syntax(start, "token recognition error at: '" + source[start..] + "'");
            }

            var c = source[_pos];
            if (triple ? string.CompareOrdinal(source, _pos, new string(quote, 3), 0, 3) == 0 : c == quote)
            {
                _pos += triple ? 3 : 1;
                break;
            }

            if (!triple && c is '\n' or '\r')
            {
                throw Syntax(start, "token recognition error at: '" + source[start.._pos] + "'");
            }

            if (c == '\\' && !raw)
            {
                _pos++;
                if (_pos >= source.Length)
                {
                    throw Syntax(start, "token recognition error at: '" + source[start..] + "'");
                }

                var e = source[_pos++];
                switch (e)
                {
                    case 'a': AddChar(7); break;
                    case 'b': AddChar(8); break;
                    case 'f': AddChar(12); break;
                    case 'n': AddChar(10); break;
                    case 'r': AddChar(13); break;
                    case 't': AddChar(9); break;
                    case 'v': AddChar(11); break;
                    case '\\' or '\'' or '"' or '`' or '?': AddChar(e); break;
                    case 'x' or 'X':
                        var hx = Hex(2, start);
                        if (bytes)
                        {
                            octets.Add((byte)hx);
                        }
                        else
                        {
                            AddChar(hx);
                        }

                        break;
                    case 'u' when !bytes: AddChar(Hex(4, start)); break;
                    case 'U' when !bytes: AddChar(Hex(8, start)); break;
                    case >= '0' and <= '3':
                        if (_pos + 1 >= source.Length || source[_pos] is < '0' or > '7' || source[_pos + 1] is < '0' or > '7')
                        {
                            throw Syntax(start, "invalid escape sequence");
                        }

                        var oct = ((e - '0') * 64) + ((source[_pos] - '0') * 8) + (source[_pos + 1] - '0');
                        _pos += 2;
                        if (bytes)
                        {
                            octets.Add((byte)oct);
                        }
                        else
                        {
                            AddChar(oct);
                        }

                        break;
                    default:
                        throw Syntax(start, "token recognition error at: '" + source[start.._pos] + "'");
                }

                continue;
            }

            if (char.IsHighSurrogate(c) && _pos + 1 < source.Length)
            {
                AddChar(char.ConvertToUtf32(c, source[_pos + 1]));
                _pos += 2;
                continue;
            }

            AddChar(c);
            _pos++;
        }

        var text = source[start.._pos];
        return bytes ? new Token(TokenKind.Bytes, text, start, octets.ToArray()) : new Token(TokenKind.String, text, start, chars.ToString());
    }

    private int Hex(int digits, int start)
    {
        if (_pos + digits > source.Length || !int.TryParse(source.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw Syntax(start, "invalid escape sequence");
        }

        _pos += digits;
        return v;
    }

    private CelException Syntax(int position, string message) => CelParser.SyntaxError(source, position, message);
}
