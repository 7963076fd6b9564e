using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Tests.Api.V1;

public class SnapshotHistoryTests
{
    private static readonly DateTime T0 = new(2025, 7, 15, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Same_digest_and_status_updates_and_moves_to_front()
    {
        var history = new List<Snapshot>();
        SnapshotHistory.Upsert(history, "sha256:a", T0, "1s", ConditionReasons.ReconciliationSucceeded, null);
        SnapshotHistory.Upsert(history, "sha256:b", T0.AddMinutes(1), "2s", ConditionReasons.ReconciliationSucceeded, null);
        SnapshotHistory.Upsert(history, "sha256:a", T0.AddMinutes(2).AddMilliseconds(700), "3s", ConditionReasons.ReconciliationSucceeded, new() { ["flux"] = "v2.9.4" });

        Assert.Equal(["sha256:a", "sha256:b"], history.Select(s => s.Digest));
        var first = history[0];
        Assert.Equal((2L, T0, T0.AddMinutes(2), "3s"), (first.TotalReconciliations, first.FirstReconciled, first.LastReconciled, first.LastReconciledDuration));
        Assert.Equal("v2.9.4", first.Metadata!["flux"]);
    }

    [Fact]
    public void Same_digest_with_another_status_is_a_new_snapshot()
    {
        var history = new List<Snapshot>();
        SnapshotHistory.Upsert(history, "sha256:a", T0, "1s", ConditionReasons.ReconciliationFailed, null);
        SnapshotHistory.Upsert(history, "sha256:a", T0.AddMinutes(1), "1s", ConditionReasons.ReconciliationSucceeded, null);

        Assert.Equal([ConditionReasons.ReconciliationSucceeded, ConditionReasons.ReconciliationFailed], history.Select(s => s.LastReconciledStatus));
    }

    [Fact]
    public void History_keeps_the_five_most_recent()
    {
        var history = new List<Snapshot>();
        for (var i = 0; i < 7; i++)
        {
            SnapshotHistory.Upsert(history, $"sha256:{i}", T0.AddMinutes(i), "1s", ConditionReasons.ReconciliationSucceeded, null);
        }

        Assert.Equal(["sha256:6", "sha256:5", "sha256:4", "sha256:3", "sha256:2"], history.Select(s => s.Digest));
    }
}
