using System.Globalization;

namespace FluxOperator.Controllers.Serialization;

/// <summary>
/// Bounds for every YAML and JSON document read from outside the process (files, stdin, registries, the API
/// server, patches inside specs), so a hostile document fails with a message instead of exhausting memory or
/// the stack.
/// </summary>
public sealed record InputLimits
{
    /// <summary>Deepest nesting of mappings and sequences (or JSON objects and arrays).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Nodes a YAML stream may add by expanding aliases (anchors referenced with <c>*name</c>).</summary>
    public long MaxAliasNodes { get; init; } = 100_000;

    /// <summary>Largest input, in UTF-8 bytes.</summary>
    public long MaxDocumentBytes { get; init; } = 16L << 20;

    /// <summary>Largest single scalar (string value or key), in UTF-8 bytes.</summary>
    public long MaxScalarBytes { get; init; } = 2L << 20;

    /// <summary>The defaults documented in the README.</summary>
    public static InputLimits Default { get; } = new();

    /// <summary>The limits this process runs with: the defaults unless the command line raised them at start.</summary>
    public static InputLimits Current { get; private set; } = Default;

    /// <summary>Sets <see cref="Current"/>; called once by the host before any input is read.</summary>
    public static void Configure(InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        Current = limits;
    }

    /// <summary>The deepest nesting any configuration may allow: consumers of the parsed nodes (cloning, JSON writing) recurse per level.</summary>
    public const int DepthCeiling = 1000;

    /// <summary>Throws when a limit is not positive or the depth is above <see cref="DepthCeiling"/>.</summary>
    public void Validate()
    {
        if (MaxDepth < 1 || MaxAliasNodes < 0 || MaxDocumentBytes < 1 || MaxScalarBytes < 1)
        {
            throw new ArgumentException("input limits must be positive");
        }

        if (MaxDepth > DepthCeiling)
        {
            throw new ArgumentException($"the input depth limit can be raised to {DepthCeiling} at most");
        }
    }

    /// <summary>A byte count as the README and messages write it: <c>16 MiB</c>, <c>512 KiB</c>, <c>100 bytes</c>.</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{bytes >> 10} KiB",
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
