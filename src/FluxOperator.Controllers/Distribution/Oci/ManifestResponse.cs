namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>A fetched manifest: its digest (SHA-256 of the bytes as served), media type and bytes.</summary>
public sealed record ManifestResponse(string Digest, string MediaType, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>The bytes parsed as an image manifest.</summary>
    public OciManifest Parse() => OciManifest.Parse(Bytes.Span);
}
