using System.Text;
using YamlDotNet.Core;

namespace FluxOperator.Controllers.Serialization;

/// <summary>
/// A reader that stops with <see cref="InputLimitException"/> once more than <see cref="InputLimits.MaxDocumentBytes"/>
/// UTF-8 bytes have passed, so a parser never buffers more than the limit however the input is fed.
/// </summary>
public sealed class BoundedTextReader : TextReader
{
    private readonly TextReader _inner;
    private readonly long _maxBytes;
    private long _bytes;
    private int _line = 1;
    private int _column = 1;

    /// <summary>Wraps <paramref name="inner"/> (disposed with this reader).</summary>
    public BoundedTextReader(TextReader inner, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(limits);
        _inner = inner;
        _maxBytes = limits.MaxDocumentBytes;
    }

    /// <summary>Reads a whole file with the document size limit checked before and while reading.</summary>
    public static string ReadFile(string path, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > limits.MaxDocumentBytes)
        {
            throw TooLarge(limits.MaxDocumentBytes);
        }

        using var reader = new BoundedTextReader(new StreamReader(path, Encoding.UTF8), limits);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a whole stream (stdin, a pipe) with the document size limit checked while reading.</summary>
    public static string ReadAll(TextReader input, InputLimits limits)
    {
        var reader = new BoundedTextReader(input, limits);
        return reader.ReadToEnd();
    }

    /// <inheritdoc/>
    public override int Peek() => _inner.Peek();

    /// <inheritdoc/>
    public override int Read()
    {
        var c = _inner.Read();
        if (c >= 0)
        {
            Count((char)c);
        }

        return c;
    }

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        var read = _inner.Read(buffer);
        foreach (var c in buffer[..read])
        {
            Count(c);
        }

        return read;
    }

    /// <inheritdoc/>
    public override string ReadToEnd()
    {
        var builder = new StringBuilder();
        var buffer = new char[16 << 10];
        int read;
        while ((read = Read(buffer, 0, buffer.Length)) > 0)
        {
            builder.Append(buffer, 0, read);
        }

        return builder.ToString();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(char c)
    {
        _bytes += c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;
        if (_bytes > _maxBytes)
        {
            var at = new Mark(_bytes, _line, _column);
            throw new InputLimitException("document size", at, $"input exceeds the document size limit of {InputLimits.FormatBytes(_maxBytes)}");
        }

        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
    }

    private static InputLimitException TooLarge(long max) =>
        new("document size", $"input exceeds the document size limit of {InputLimits.FormatBytes(max)}");
}
