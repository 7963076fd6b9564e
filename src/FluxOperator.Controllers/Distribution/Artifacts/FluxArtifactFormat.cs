namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>The Flux artifact format as published: media types and annotation keys.</summary>
public static class FluxArtifactFormat
{
    /// <summary>The config blob media type.</summary>
    public const string ConfigMediaType = "application/vnd.cncf.flux.config.v1+json";

    /// <summary>The single content layer media type.</summary>
    public const string ContentMediaType = "application/vnd.cncf.flux.content.v1.tar+gzip";

    /// <summary>Where the content came from (a Git URL).</summary>
    public const string SourceAnnotation = "org.opencontainers.image.source";

    /// <summary>The source revision, <c>&lt;ref&gt;@sha1:&lt;commit&gt;</c>.</summary>
    public const string RevisionAnnotation = "org.opencontainers.image.revision";

    /// <summary>Creation time, RFC 3339.</summary>
    public const string CreatedAnnotation = "org.opencontainers.image.created";

    /// <summary>Free-text description.</summary>
    public const string DescriptionAnnotation = "org.opencontainers.image.description";

    /// <summary>The config blob Flux writes: an empty JSON object.</summary>
    public static ReadOnlyMemory<byte> EmptyConfig { get; } = "{}"u8.ToArray();
}
