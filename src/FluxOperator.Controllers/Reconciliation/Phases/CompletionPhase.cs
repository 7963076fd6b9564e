using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>
/// Reports what changed (one forwarded event, only when anything did), records success in status and history, and
/// schedules the next periodic pass.
/// </summary>
public sealed class CompletionPhase : IInstancePhase
{
    private readonly InstanceEvents _events;
    private readonly FluxInstanceReconcilerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the phase.</summary>
    public CompletionPhase(InstanceEvents events, FluxInstanceReconcilerOptions options, TimeProvider time)
    {
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Completion;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        await NotifyChangesAsync(pass, cancellationToken);
        pass.Status.LastAppliedRevision = pass.Status.LastAttemptedRevision;
        pass.Status.LastArtifactRevision = string.IsNullOrEmpty(pass.Source.ArtifactDigest) ? null : pass.Source.ArtifactDigest;
        var message = $"Reconciliation finished in {PassDuration.Rounded(_time.GetElapsedTime(pass.StartedAt))}";
        var ready = pass.Source.ServedFromCacheBecause is { } why ? $"{message}; artifact served from cache while the registry is unreachable: {why}" : message;
        InstanceConditions.MarkSucceeded(pass.Status, ready, pass.Generation, _time.GetUtcNow());
        InstanceHistory.RecordSucceeded(pass, _time);
        await _events.RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.ReconciliationSucceeded, message, pass.Status.LastAppliedRevision), cancellationToken);
        return PhaseResult.EndPass(pass.Settings.ReconcileEvery is { } every ? ReconcileResult.RequeueAfter(every, _options.IntervalJitter) : ReconcileResult.Done);
    }

    private async Task NotifyChangesAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        var lines = pass.Applied.Changes.Concat(pass.Pruned.ChangeSet.Entries).Select(e => e.ToString()).ToArray();
        if (lines.Length == 0)
        {
            return;
        }

        var verb = pass.PreviousInventory.Count == 0 ? "installed" : "updated";
        var message = $"Flux {pass.Build.Result.Version} {verb}\n{string.Join('\n', lines)}";
        await _events.ForwardAsync(pass, InstanceEvent.Normal(ConditionReasons.ReconciliationSucceeded, message, pass.Build.Result.Revision), cancellationToken);
    }
}
