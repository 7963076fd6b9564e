namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>The manifest annotations a pushed artifact carries (source, revision, created, description).</summary>
public sealed record ArtifactAnnotations
{
    /// <summary>Where the content comes from, e.g. a Git URL; omitted when null.</summary>
    public string? Source { get; init; }

    /// <summary>The source revision, e.g. <c>main@sha1:…</c>; omitted when null.</summary>
    public string? Revision { get; init; }

    /// <summary>Creation time; fix it to make the manifest (not only the layer) reproducible.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>The annotations as written into the manifest.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [FluxArtifactFormat.CreatedAnnotation] = Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (Source is not null)
        {
            result[FluxArtifactFormat.SourceAnnotation] = Source;
        }

        if (Revision is not null)
        {
            result[FluxArtifactFormat.RevisionAnnotation] = Revision;
        }

        if (Description is not null)
        {
            result[FluxArtifactFormat.DescriptionAnnotation] = Description;
        }

        return result;
    }
}
