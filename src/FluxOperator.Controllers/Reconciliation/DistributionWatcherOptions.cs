namespace FluxOperator.Controllers.Reconciliation;

/// <summary>How the distribution artifact watcher runs.</summary>
public sealed record DistributionWatcherOptions
{
    /// <summary>The operator namespace: the watcher acts on <c>&lt;ns&gt;/flux</c> only.</summary>
    public string Namespace { get; init; } = "flux-system";

    /// <summary>Poll interval when the <c>fluxcd.controlplane.io/reconcileArtifactEvery</c> annotation is absent or unparsable.</summary>
    public TimeSpan DefaultInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The shortest poll interval an annotation may ask for (see <see cref="Reporting.IntervalFloors"/>).</summary>
    public TimeSpan MinInterval { get; init; } = Reporting.IntervalFloors.Default.Periodic;

    /// <summary>
    /// Pull a changed artifact into the digest-keyed store before asking for the FluxInstance pass, so that pass
    /// finds it cached (the Go operator only patches the annotation).
    /// </summary>
    public bool PrefetchChangedArtifact { get; init; } = true;
}
