namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>What a FluxInstance asks of the distribution, as plain values.</summary>
/// <param name="Version">`spec.distribution.version` (a semver constraint).</param>
/// <param name="Registry">`spec.distribution.registry`.</param>
/// <param name="Variant">`spec.distribution.variant`; inferred from the registry when empty.</param>
/// <param name="Components">`spec.components`; the default four when empty.</param>
/// <param name="LastAppliedRevision">`status.lastAppliedRevision`, for the downgrade guard; empty on first install.</param>
public sealed record DistributionRequest(
    string Version,
    string Registry,
    string? Variant = null,
    IReadOnlyList<string>? Components = null,
    string? LastAppliedRevision = null);
