namespace KubeApiEmulator.Semantics;

/// <summary>The parts of a DeleteOptions body (or query) the emulator honours.</summary>
public sealed record DeleteOptions
{
    /// <summary>Background, Foreground or Orphan; null uses the default (Background).</summary>
    public string? PropagationPolicy { get; init; }

    /// <summary>Precondition on metadata.uid.</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Precondition on metadata.resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>True for <c>dryRun=All</c>.</summary>
    public bool DryRun { get; init; }
}
