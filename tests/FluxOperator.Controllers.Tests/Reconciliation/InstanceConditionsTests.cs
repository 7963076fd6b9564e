using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;

namespace FluxOperator.Controllers.Tests.Reconciliation;

public class InstanceConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 7, 15, 10, 11, 0, 456, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    [Fact]
    public void Conditions_are_sorted_stalled_reconciling_ready_then_others()
    {
        var status = new FluxInstanceStatus();
        InstanceConditions.Set(status, "Custom", "True", "Why", "m", 1, T0);
        InstanceConditions.Set(status, ConditionTypes.Ready, "False", ConditionReasons.BuildFailed, "m", 1, T0);
        InstanceConditions.Set(status, ConditionTypes.Stalled, "True", ConditionReasons.BuildFailed, "m", 1, T0);
        InstanceConditions.Set(status, ConditionTypes.Reconciling, "True", ConditionReasons.Progressing, "m", 1, T0);

        Assert.Equal(["Stalled", "Reconciling", "Ready", "Custom"], status.Conditions!.Select(c => c.Type));
    }

    [Theory]
    [InlineData("True", "ReconciliationSucceeded", "Reconciliation finished in 1s", false)]
    [InlineData("True", "ReconciliationSucceeded", "Reconciliation finished in 2s", true)]
    [InlineData("True", "Other", "Reconciliation finished in 1s", true)]
    [InlineData("False", "ReconciliationSucceeded", "Reconciliation finished in 1s", true)]
    public void Transition_time_moves_when_status_reason_or_message_change(string value, string reason, string message, bool moves)
    {
        var status = new FluxInstanceStatus();
        InstanceConditions.Set(status, ConditionTypes.Ready, "True", "ReconciliationSucceeded", "Reconciliation finished in 1s", 1, T0);

        InstanceConditions.Set(status, ConditionTypes.Ready, value, reason, message, 2, T1);

        var ready = status.Condition(ConditionTypes.Ready)!;
        Assert.Equal(moves ? new DateTime(2025, 7, 15, 10, 16, 0, DateTimeKind.Utc) : new DateTime(2025, 7, 15, 10, 11, 0, DateTimeKind.Utc), ready.LastTransitionTime);
        Assert.Equal(2, ready.ObservedGeneration);
    }

    [Fact]
    public void Mark_in_progress_sets_unknown_ready_and_removes_stalled()
    {
        var status = new FluxInstanceStatus();
        InstanceConditions.MarkFailed(status, ConditionReasons.BuildFailed, "build failed: x", stalled: true, 1, T0);

        InstanceConditions.MarkInProgress(status, 2, T1);

        Assert.Equal(
            [("Reconciling", "True", "Progressing"), ("Ready", "Unknown", "Progressing")],
            status.Conditions!.Select(c => (c.Type, c.Status, c.Reason)));
        Assert.All(status.Conditions!, c => Assert.Equal(ConditionMessages.InProgress, c.Message));
    }

    [Fact]
    public void Terminal_failure_stalls_and_drops_reconciling()
    {
        var status = new FluxInstanceStatus();
        InstanceConditions.MarkInProgress(status, 1, T0);

        InstanceConditions.MarkFailed(status, ConditionReasons.BuildFailed, "build failed: x", stalled: true, 1, T0);

        Assert.Equal([("Stalled", "True", "BuildFailed"), ("Ready", "False", "BuildFailed")], status.Conditions!.Select(c => (c.Type, c.Status, c.Reason)));
    }

    [Fact]
    public void Retried_failure_keeps_reconciling_and_the_exit_step_marks_it_with_retry()
    {
        var status = new FluxInstanceStatus();
        InstanceConditions.MarkInProgress(status, 1, T0);
        InstanceConditions.MarkFailed(status, ConditionReasons.ReconciliationFailed, "reconciliation failed: x", stalled: false, 1, T0);

        InstanceConditions.Finalise(status, 1, T0);

        var reconciling = status.Condition(ConditionTypes.Reconciling)!;
        Assert.Equal((ConditionReasons.ProgressingWithRetry, ConditionMessages.InProgress), (reconciling.Reason, reconciling.Message));
        Assert.Null(status.Condition(ConditionTypes.Stalled));
    }

    [Fact]
    public void Success_removes_reconciling_and_stalled()
    {
        var status = new FluxInstanceStatus();
        InstanceConditions.MarkInProgress(status, 1, T0);

        InstanceConditions.MarkSucceeded(status, "Reconciliation finished in 2s", 1, T0);

        Assert.Equal(["Ready"], status.Conditions!.Select(c => c.Type));
    }

    [Fact]
    public void Messages_longer_than_32_KiB_are_cut_and_end_with_dots()
    {
        var status = new FluxInstanceStatus();

        InstanceConditions.Set(status, ConditionTypes.Ready, "False", "R", new string('é', 40_000), 1, T0);

        var message = status.Condition(ConditionTypes.Ready)!.Message;
        Assert.EndsWith("...", message);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(message) <= InstanceConditions.MaxMessageBytes);
    }
}
