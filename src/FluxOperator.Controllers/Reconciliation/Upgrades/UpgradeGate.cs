using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Rendering.Planning;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>
/// Runs after the build and before anything is written: decides which revision the pass applies. A newer Flux version
/// waits for approval under <c>upgradeApproval: required</c> (the installed version is reconciled instead, with the
/// current spec), and a spec and artifact whose revision was rolled back are not applied again
/// (docs/safe-upgrades.md).
/// </summary>
public sealed partial class UpgradeGate
{
    private readonly RevisionBuilder _builder;
    private readonly RevisionRecordStore _records;
    private readonly InstanceEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the gate.</summary>
    public UpgradeGate(RevisionBuilder builder, RevisionRecordStore records, InstanceEvents events, TimeProvider time, ILogger<UpgradeGate> logger)
    {
        _builder = builder ?? throw new ArgumentNullException(nameof(builder));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Chooses what <paramref name="pass"/> applies, given the build of its spec and distribution.</summary>
    /// <exception cref="PhaseFailure">The held or restored revision cannot be rebuilt (retried).</exception>
    public async Task<Rollout> ChooseAsync(InstancePass pass, BuildOutcome candidate, ResolvedSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(source);
        var instance = pass.Instance;
        if (!UpgradeAnnotations.KeepsRevisions(instance))
        {
            InstanceConditions.Remove(pass.Status, ConditionTypes.UpgradePending);
            return new Rollout(candidate, source, instance.Spec, RolloutKind.Candidate, RevisionRecord.Empty);
        }

        var record = await ReadAsync(instance, cancellationToken);
        if (UpgradeAnnotations.RollbackEnabled(instance)
            && record is { Failed: { } failed, Healthy: { } healthy }
            && failed.RestoredRevision == healthy.Revision
            && healthy.IsVouchedFor(pass.Status)
            && failed.Matches(SpecDigest.Of(instance.Spec), source.ArtifactDigest))
        {
            LogHeldAtRestored(_logger, failed.Revision, healthy.Revision);
            var (restored, restoredSource) = await RebuildAsync(pass, healthy.Spec, healthy.ArtifactDigest, null, $"the restored revision {healthy.Revision}", cancellationToken);
            return new Rollout(restored, restoredSource, healthy.Spec, RolloutKind.HeldAtRestored, record);
        }

        var decision = ApprovalDecision.Decide(instance, pass.Status.LastAppliedRevision, candidate.Result.Version);
        switch (decision.Verdict)
        {
            case ApprovalVerdict.Hold:
                return await HoldAsync(pass, candidate, record, decision, cancellationToken);
            case ApprovalVerdict.Approved:
                await ApproveAsync(pass, decision, cancellationToken);
                break;
            case ApprovalVerdict.NotGated:
                InstanceConditions.Remove(pass.Status, ConditionTypes.UpgradePending);
                break;
            default:
                // Nothing newer is pending: an earlier approval stays visible (False/Approved), a stale wait goes.
                if (pass.Status.Condition(ConditionTypes.UpgradePending) is { Status: "True" })
                {
                    InstanceConditions.Remove(pass.Status, ConditionTypes.UpgradePending);
                }

                break;
        }

        return new Rollout(candidate, source, instance.Spec, RolloutKind.Candidate, record);
    }

    private async Task<Rollout> HoldAsync(InstancePass pass, BuildOutcome candidate, RevisionRecord record, ApprovalDecision decision, CancellationToken cancellationToken)
    {
        var instance = pass.Instance;
        var spec = RevisionBuilder.Pinned(instance.Spec, decision.Installed);

        // The installed version comes from the artifact it was installed from: a new artifact may not carry it any more.
        var digest = record.Healthy is { } healthy && healthy.Version == decision.Installed && healthy.Spec.Distribution.Artifact == instance.Spec.Distribution.Artifact
            ? healthy.ArtifactDigest
            : pass.Status.LastArtifactRevision ?? "";
        var (held, heldSource) = await RebuildAsync(pass, spec, digest, pass.Status.LastAppliedRevision, $"the installed version {decision.Installed}", cancellationToken);

        var plan = RenderPlan.Compare(
            decision.Installed, AppliedMetadata.Prepare(held.Result.Objects, instance),
            decision.Candidate, AppliedMetadata.Prepare(candidate.Result.Objects, instance));
        var headline = $"Flux {decision.Candidate} is available, {decision.Installed} stays installed until {AnnotationKeys.ApprovedVersion}: {decision.Candidate} approves it"
            + (decision.StaleApproval is { } stale ? $"; the approval of {stale} is stale and ignored" : "");
        var message = $"{headline}. Plan: {plan.Summary()}";
        var previous = pass.Status.Condition(ConditionTypes.UpgradePending);
        InstanceConditions.Set(pass.Status, ConditionTypes.UpgradePending, "True", ConditionReasons.AwaitingApproval, message, pass.Generation, _time.GetUtcNow());
        if (previous is not { Status: "True", Reason: ConditionReasons.AwaitingApproval } || !previous.Message.StartsWith(headline + ".", StringComparison.Ordinal))
        {
            LogAwaitingApproval(_logger, decision.Candidate, decision.Installed);
            await _events.RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.AwaitingApproval, message, pass.Status.LastAppliedRevision), cancellationToken);
        }

        return new Rollout(held, heldSource, spec, RolloutKind.HeldAtInstalled, record);
    }

    private async Task ApproveAsync(InstancePass pass, ApprovalDecision decision, CancellationToken cancellationToken)
    {
        var message = $"Upgrade from {decision.Installed} to {decision.Candidate} approved";
        var previous = pass.Status.Condition(ConditionTypes.UpgradePending);
        InstanceConditions.Set(pass.Status, ConditionTypes.UpgradePending, "False", ConditionReasons.Approved, message, pass.Generation, _time.GetUtcNow());
        if (previous is not { Status: "False", Reason: ConditionReasons.Approved } || previous.Message != message)
        {
            await _events.RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.Approved, message), cancellationToken);
        }
    }

    private async Task<RevisionRecord> ReadAsync(FluxInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            return await _records.ReadAsync(instance, cancellationToken);
        }
        catch (Exception e) when (e is Runtime.Kube.KubeApiException or HttpRequestException)
        {
            throw new PhaseFailure(ConditionReasons.ReconciliationFailed, $"reconciliation failed: reading the revision record failed: {e.Message}", terminal: false, e);
        }
    }

    private async Task<(BuildOutcome, ResolvedSource)> RebuildAsync(InstancePass pass, FluxInstanceSpec spec, string digest, string? lastAppliedRevision, string what,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _builder.BuildAsync(pass.Instance, spec, digest, lastAppliedRevision, cancellationToken);
        }
        catch (Exception e) when (e is RenderException or ArtifactException or IOException or InvalidOperationException or FormatException
                                      or Runtime.Kube.KubeApiException or HttpRequestException or YamlDotNet.Core.YamlException)
        {
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"build failed: {what} cannot be rebuilt: {e.Message}", terminal: false, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flux {Candidate} awaits approval; reconciling the installed {Installed}")]
    private static partial void LogAwaitingApproval(ILogger logger, string candidate, string installed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revision {Failed} was rolled back and the spec and artifact are unchanged; re-applying {Restored}")]
    private static partial void LogHeldAtRestored(ILogger logger, string failed, string restored);
}
