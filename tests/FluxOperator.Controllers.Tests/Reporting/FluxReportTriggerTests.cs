using System.Text.Json.Nodes;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Tests.Reporting;

public class FluxReportTriggerTests
{
    private static JsonObject Report(string? requestedAt, string spec = "a") => new()
    {
        ["metadata"] = requestedAt is null
            ? new JsonObject { ["name"] = "flux", ["namespace"] = "flux-system" }
            : new JsonObject { ["name"] = "flux", ["namespace"] = "flux-system", ["annotations"] = new JsonObject { ["reconcile.fluxcd.io/requestedAt"] = requestedAt } },
        ["spec"] = new JsonObject { ["x"] = spec },
    };

    [Fact]
    public void Create_and_delete_trigger()
    {
        Assert.True(FluxReportReconciler.ShouldTrigger(new InformerEvent(InformerEventType.Added, Report(null))));
        Assert.True(FluxReportReconciler.ShouldTrigger(new InformerEvent(InformerEventType.Deleted, Report(null))));
    }

    [Theory]
    [InlineData(null, "1", true)]
    [InlineData("1", "2", true)]
    [InlineData("1", null, true)]
    [InlineData("1", "1", false)]
    public void Only_annotation_changes_trigger_on_update(string? before, string? after, bool expected) =>
        Assert.Equal(expected, FluxReportReconciler.ShouldTrigger(new InformerEvent(InformerEventType.Updated, Report(after, spec: "new"), Report(before))));
}
