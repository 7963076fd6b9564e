using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>The revision a pass applies, what it was built from, and why.</summary>
/// <param name="Build">The objects to apply.</param>
/// <param name="Source">Where they were read from (its digest is the one recorded with the revision).</param>
/// <param name="Spec">The spec that produced them (the instance's own, or a pinned or restored one).</param>
/// <param name="Kind">Candidate, held at the installed version, or held at the restored revision.</param>
/// <param name="Record">The revision record as read in this pass.</param>
public sealed record Rollout(BuildOutcome Build, ResolvedSource Source, FluxInstanceSpec Spec, RolloutKind Kind, RevisionRecord Record)
{
    /// <summary>The instance with <see cref="Spec"/>: what ownership labels and common metadata are taken from.</summary>
    public FluxInstance InstanceFor(FluxInstance instance) => Kind == RolloutKind.Candidate ? instance : RevisionBuilder.WithSpec(instance, Spec);
}
