using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>Ready=Unknown, Reconciling=True, written at once so users see the pass start; the pass clock starts here.</summary>
public sealed class ProgressPhase : IInstancePhase
{
    private readonly StatusWriter _status;
    private readonly TimeProvider _time;

    /// <summary>Creates the phase.</summary>
    public ProgressPhase(StatusWriter status, TimeProvider time)
    {
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Start;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        InstanceConditions.MarkInProgress(pass.Status, pass.Generation, _time.GetUtcNow());
        pass.StartedAt = _time.GetTimestamp();
        try
        {
            await _status.WriteStatusAsync(pass, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new PhaseFailure(ConditionReasons.ReconciliationFailed, $"failed to update status: {e.Message}", terminal: false, e);
        }

        return PhaseResult.Continue;
    }
}
