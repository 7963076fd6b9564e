namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>Caps applied while unpacking an artifact, checked from the tar headers before any byte is written.</summary>
public sealed record ExtractionLimits
{
    /// <summary>Sum of the declared sizes of all entries; the Go operator's limit is 100 MiB.</summary>
    public long MaxTotalBytes { get; init; } = 100L << 20;

    /// <summary>Number of entries (files and directories).</summary>
    public int MaxEntries { get; init; } = 10_000;
}
