using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The pass's entry in <c>status.history</c>: one per spec digest (bad input) or revision digest (a build).</summary>
public static class InstanceHistory
{
    /// <summary>Records a pass that failed before a build existed, under the spec's digest.</summary>
    public static void RecordInvalidSpec(InstancePass pass, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pass);
        Record(pass, SpecDigest.Of(pass.Instance.Spec), ConditionReasons.BuildFailed, metadata: null, time);
    }

    /// <summary>Records the pass's build as succeeded.</summary>
    public static void RecordSucceeded(InstancePass pass, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pass);
        Record(pass, RevisionDigest(pass.Build.Result.Revision), ConditionReasons.ReconciliationSucceeded, Metadata(pass.Build), time);
    }

    /// <summary>Records the pass's build as failed and returns the (retried) failure to throw.</summary>
    public static PhaseFailure Failed(InstancePass pass, string message, Exception? cause, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pass);
        Record(pass, RevisionDigest(pass.Build.Result.Revision), ConditionReasons.ReconciliationFailed, Metadata(pass.Build), time);
        return new PhaseFailure(ConditionReasons.ReconciliationFailed, $"reconciliation failed: {message}", terminal: false, cause);
    }

    private static void Record(InstancePass pass, string digest, string status, Dictionary<string, string>? metadata, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var history = pass.Status.History ??= [];
        SnapshotHistory.Upsert(history, digest, time.GetUtcNow().UtcDateTime, PassDuration.Exact(time.GetElapsedTime(pass.StartedAt)), status, metadata);
    }

    private static Dictionary<string, string> Metadata(BuildOutcome build) => new(StringComparer.Ordinal) { ["flux"] = build.Result.Version };

    private static string RevisionDigest(string revision) => revision[(revision.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
