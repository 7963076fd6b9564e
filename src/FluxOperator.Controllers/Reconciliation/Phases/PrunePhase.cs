using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply.Pruning;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>Deletes what is no longer rendered; failed deletions and CRDs with data stay listed and are retried.</summary>
public sealed partial class PrunePhase : IInstancePhase
{
    private readonly Pruner _pruner;
    private readonly InstanceEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the phase.</summary>
    public PrunePhase(Pruner pruner, InstanceEvents events, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _pruner = pruner ?? throw new ArgumentNullException(nameof(pruner));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggers.CreateLogger<PrunePhase>();
    }

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Prune;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var next = pass.Applied.ToInventory();
        var stale = pass.PreviousInventory.StaleComparedTo(next);
        var allowCrds = string.Equals(pass.Instance.Annotation(AnnotationKeys.PruneCustomResourceDefinitions), AnnotationKeys.EnabledValue, StringComparison.OrdinalIgnoreCase);
        var result = await _pruner.PruneAsync(stale, new PruneOptions(pass.Instance.Metadata.Name, pass.Instance.Metadata.NamespaceProperty, allowCrds), cancellationToken);
        pass.Status.Inventory = next.With(result.Retained).ToStatus();
        var kept = result.ProtectedCrds.ToArray();
        if (kept.Length > 0)
        {
            var message = string.Join('\n', kept.Select(e => $"{e.Subject} kept: {e.Reason}"));
            await _events.RecordAsync(pass, InstanceEvent.Warning("PruneSkipped", message, pass.Build.Result.Revision), cancellationToken);
        }

        if (result.ErrorMessage is { } error)
        {
            throw InstanceHistory.Failed(pass, error, null, _time);
        }

        LogPruned(_logger, result.ChangeSet.Entries.Count);
        pass.Pruned = result;
        return PhaseResult.Continue;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection completed: {Count} stale objects handled")]
    private static partial void LogPruned(ILogger logger, int count);
}
