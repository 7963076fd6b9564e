using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>What the approval gate does with a build: roll it out, or hold the installed version.</summary>
/// <param name="Verdict">The outcome.</param>
/// <param name="Installed">The installed Flux version (<c>v2.9.2</c>); empty when nothing is installed.</param>
/// <param name="Candidate">The version the constraint resolves to.</param>
/// <param name="StaleApproval">An <c>approvedVersion</c> that names another version than the candidate (ignored); null otherwise.</param>
public sealed record ApprovalDecision(ApprovalVerdict Verdict, string Installed, string Candidate, string? StaleApproval)
{
    /// <summary>
    /// Decides for <paramref name="instance"/>: gated only with <c>upgradeApproval: required</c>, an installed version
    /// (<paramref name="lastAppliedRevision"/>) and a strictly newer <paramref name="candidateVersion"/>. Downgrades never
    /// reach here as upgrades: the build refuses them first.
    /// </summary>
    public static ApprovalDecision Decide(FluxInstance instance, string? lastAppliedRevision, string candidateVersion)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var installed = VersionOf(lastAppliedRevision);
        if (!UpgradeAnnotations.ApprovalRequired(instance))
        {
            return new ApprovalDecision(ApprovalVerdict.NotGated, installed, candidateVersion, null);
        }

        if (!LenientVersion.TryParse(installed, out var from) || !LenientVersion.TryParse(candidateVersion, out var to) || to <= from)
        {
            return new ApprovalDecision(ApprovalVerdict.NoUpgrade, installed, candidateVersion, null);
        }

        var approval = instance.Annotation(AnnotationKeys.ApprovedVersion)?.Trim();
        if (string.IsNullOrEmpty(approval))
        {
            return new ApprovalDecision(ApprovalVerdict.Hold, installed, candidateVersion, null);
        }

        // Exact version only: "v2.9.4" and "2.9.4" name the same release, "2.9" or "2.9.x" name none.
        var exact = LenientVersion.TryParse(approval, out var approved) && approved == to
            && approval.TrimStart('v').Count(c => c == '.') == 2;
        return exact
            ? new ApprovalDecision(ApprovalVerdict.Approved, installed, candidateVersion, null)
            : new ApprovalDecision(ApprovalVerdict.Hold, installed, candidateVersion, approval);
    }

    /// <summary>The version part of a status revision (<c>v2.9.2@sha256:…</c> → <c>v2.9.2</c>); empty when absent.</summary>
    public static string VersionOf(string? revision)
    {
        if (string.IsNullOrEmpty(revision))
        {
            return "";
        }

        var at = revision.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? revision : revision[..at];
    }
}
