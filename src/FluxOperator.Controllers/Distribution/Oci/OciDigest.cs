using System.Security.Cryptography;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>Content digests as OCI writes them: <c>sha256:</c> + 64 lowercase hex characters.</summary>
public static class OciDigest
{
    /// <summary>The only algorithm we produce and verify.</summary>
    public const string Sha256Prefix = "sha256:";

    /// <summary>True when <paramref name="value"/> is a well-formed SHA-256 digest.</summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != Sha256Prefix.Length + 64 || !value.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value.AsSpan(Sha256Prefix.Length))
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The digest of <paramref name="content"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> content) => Format(SHA256.HashData(content));

    /// <summary>Formats a raw SHA-256 hash as a digest string.</summary>
    public static string Format(ReadOnlySpan<byte> hash) => Sha256Prefix + Convert.ToHexStringLower(hash);

    /// <summary>The 64 hex characters of a valid digest (used for file names).</summary>
    public static string Hex(string digest) =>
        IsValid(digest) ? digest[Sha256Prefix.Length..] : throw new FormatException($"invalid digest \"{digest}\"");
}
