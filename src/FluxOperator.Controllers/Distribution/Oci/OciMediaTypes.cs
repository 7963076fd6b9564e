namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>The media types the client sends and accepts.</summary>
public static class OciMediaTypes
{
    /// <summary>OCI image manifest (what Flux artifacts use).</summary>
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>OCI image index (multi-platform); fetched but not followed.</summary>
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>Docker schema 2 manifest.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Docker manifest list.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>OCI gzip layer, accepted as artifact content as well.</summary>
    public const string ImageLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>Docker gzip layer.</summary>
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>The Accept header for manifest requests: every manifest kind we can read.</summary>
    public static readonly IReadOnlyList<string> ManifestAccept = [ImageManifest, DockerManifest, ImageIndex, DockerManifestList];
}
