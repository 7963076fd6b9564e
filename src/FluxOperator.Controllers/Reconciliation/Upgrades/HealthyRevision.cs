using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>
/// What rebuilds a revision that passed its health check exactly: the Flux version, the artifact digest it was read
/// from, and the full spec that produced it (a spec digest cannot be turned back into a spec).
/// </summary>
/// <param name="Revision"><c>&lt;version&gt;@sha256:&lt;hex&gt;</c> as written to <c>status.lastAppliedRevision</c>.</param>
/// <param name="Version">The Flux version (<c>v2.9.2</c>).</param>
/// <param name="ArtifactDigest">The distribution artifact's manifest digest; empty when built from the embedded store.</param>
/// <param name="Spec">The spec that produced the revision, its version pinned to <paramref name="Version"/>.</param>
public sealed record HealthyRevision(string Revision, string Version, string ArtifactDigest, FluxInstanceSpec Spec)
{
    /// <summary>
    /// True when the instance's own history (status, which only the operator writes) lists this revision as reconciled
    /// successfully or restored. The record lives in a ConfigMap that namespace users may be able to edit; a record the
    /// history does not vouch for is never applied, so editing it cannot make the operator apply a spec nobody set.
    /// </summary>
    public bool IsVouchedFor(FluxInstanceStatus? status)
    {
        var digest = Revision[(Revision.IndexOf('@', StringComparison.Ordinal) + 1)..];
        return status?.History?.Any(s => s.Digest == digest && s.LastReconciledStatus is ConditionReasons.ReconciliationSucceeded or ConditionReasons.RolledBack) == true;
    }
}
