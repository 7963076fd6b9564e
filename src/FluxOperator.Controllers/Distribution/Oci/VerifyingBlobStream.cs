using System.Security.Cryptography;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>
/// A read-only stream over a blob body that hashes what passes through, refuses more bytes than the descriptor
/// declares, and fails at the end when size or SHA-256 differ. Call <see cref="VerifyAsync"/> after consuming.
/// </summary>
public sealed class VerifyingBlobStream : Stream
{
    private readonly Stream _inner;
    private readonly IDisposable? _owner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Func<string, OciException> _failure;
    private readonly IProgress<long>? _progress;
    private long _read;
    private bool _verified;

    internal VerifyingBlobStream(Stream inner, IDisposable? owner, string digest, long size, Func<string, OciException> failure, IProgress<long>? progress)
    {
        _inner = inner;
        _owner = owner;
        ExpectedDigest = digest;
        ExpectedSize = size;
        _failure = failure;
        _progress = progress;
    }

    /// <summary>The digest the content must have.</summary>
    public string ExpectedDigest { get; }

    /// <summary>The size the content must have.</summary>
    public long ExpectedSize { get; }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => ExpectedSize;

    /// <inheritdoc />
    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <summary>Reads whatever is left (consumers such as tar may stop early) and checks size and digest.</summary>
    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }

        if (_read != ExpectedSize)
        {
            throw _failure($"size mismatch: expected {ExpectedSize} bytes, got {_read}");
        }

        var actual = OciDigest.Format(_hash.GetHashAndReset());
        if (actual != ExpectedDigest)
        {
            throw _failure($"digest mismatch: expected {ExpectedDigest}, got {actual}");
        }

        _verified = true;
    }

    /// <summary>True once <see cref="VerifyAsync"/> succeeded.</summary>
    public bool IsVerified => _verified;

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        return Account(buffer[..read]);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..read]);
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _owner?.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            return 0;
        }

        _read += chunk.Length;
        if (_read > ExpectedSize)
        {
            // Stop a server that sends more than declared before it fills the disk.
            throw _failure($"size mismatch: more than the declared {ExpectedSize} bytes");
        }

        _hash.AppendData(chunk);
        _progress?.Report(_read);
        return chunk.Length;
    }
}
