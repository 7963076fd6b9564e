using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Rendering;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>
/// Announces a new revision once, then applies in stages; the inventory and components are stored even if a later
/// phase fails.
/// </summary>
public sealed partial class ApplyPhase : IInstancePhase
{
    private readonly ServerSideApplier _applier;
    private readonly InstanceEvents _events;
    private readonly ManagedObjectWatches? _watches;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the phase; <paramref name="watches"/> (optional) supplies known live state and follows the inventory.</summary>
    public ApplyPhase(ServerSideApplier applier, InstanceEvents events, TimeProvider time, ILoggerFactory loggers, ManagedObjectWatches? watches = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _applier = applier ?? throw new ArgumentNullException(nameof(applier));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _watches = watches;
        _logger = loggers.CreateLogger<ApplyPhase>();
    }

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Apply;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var build = pass.Build;
        await RecordRevisionAsync(pass, build.Result.Revision, cancellationToken);
        var objects = AppliedMetadata.Prepare(build.Result.Objects, pass.Rollout?.InstanceFor(pass.Instance) ?? pass.Instance);
        ChangeSet changes;
        try
        {
            changes = await _applier.ApplyAsync(objects, _watches, cancellationToken);
        }
        catch (ApplyException e)
        {
            throw InstanceHistory.Failed(pass, e.Message, e, _time);
        }

        pass.Applied = changes;
        pass.Status.Components = [.. build.Result.Components];

        // Until garbage collection ran, the old entries stay listed too: a failure in between loses nothing.
        pass.Status.Inventory = changes.ToInventory().With(pass.PreviousInventory.Entries).ToStatus();
        LogApplied(_logger, changes.Entries.Count(e => e.Action != ChangeAction.Unchanged), changes.Entries.Count, build.Result.Revision);
        if (_watches is { } watches)
        {
            await watches.EnsureAsync(changes.ToInventory(), cancellationToken);
        }

        return PhaseResult.Continue;
    }

    private async Task RecordRevisionAsync(InstancePass pass, string revision, CancellationToken cancellationToken)
    {
        if (pass.Status.LastAttemptedRevision == revision)
        {
            return;
        }

        var message = string.IsNullOrEmpty(pass.Status.LastAttemptedRevision) ? $"Installing revision {revision}" : $"Upgrading to revision {revision}";
        LogRevision(_logger, message);
        pass.Status.LastAttemptedRevision = revision;
        await _events.RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.Progressing, message), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogRevision(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server-side apply completed: {Changed} of {Total} objects changed, revision {Revision}")]
    private static partial void LogApplied(ILogger logger, int changed, int total, string revision);
}
