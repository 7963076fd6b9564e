using System.Text.Json.Nodes;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Tests.Reconciliation;

public class FluxInstanceTriggersTests
{
    [Fact]
    public void Creates_and_deletes_always_trigger_a_pass()
    {
        Assert.True(FluxInstanceTriggers.IsInstanceTrigger(new InformerEvent(InformerEventType.Added, Obj(1))));
        Assert.True(FluxInstanceTriggers.IsInstanceTrigger(new InformerEvent(InformerEventType.Deleted, Obj(1))));
    }

    [Theory]
    [InlineData(1, null, 2, null, true)]
    [InlineData(1, "a", 1, "b", true)]
    [InlineData(1, null, 1, "a", true)]
    [InlineData(1, "a", 1, "a", false)]
    public void Updates_trigger_only_on_generation_or_annotation_changes(long oldGeneration, string? oldAnnotation, long newGeneration, string? newAnnotation, bool triggers)
    {
        var e = new InformerEvent(InformerEventType.Updated, Obj(newGeneration, newAnnotation, status: "new"), Obj(oldGeneration, oldAnnotation, status: "old"));

        Assert.Equal(triggers, FluxInstanceTriggers.IsInstanceTrigger(e));
    }

    [Fact]
    public void Status_only_changes_of_managed_objects_are_not_drift()
    {
        var e = new InformerEvent(InformerEventType.Updated, Obj(3, status: "ready"), Obj(3, status: "progressing"));

        Assert.False(FluxInstanceTriggers.IsDrift(e));
    }

    [Fact]
    public void Deleted_or_respecified_managed_objects_are_drift()
    {
        Assert.True(FluxInstanceTriggers.IsDrift(new InformerEvent(InformerEventType.Deleted, Obj(3))));
        Assert.True(FluxInstanceTriggers.IsDrift(new InformerEvent(InformerEventType.Updated, Obj(4, managers: [("kubectl-patch", "t1")]), Obj(3, managers: [("kubectl-patch", "t0")]))));
        Assert.False(FluxInstanceTriggers.IsDrift(new InformerEvent(InformerEventType.Added, Obj(1))));
    }

    [Fact]
    public void Our_own_applies_are_not_drift_but_another_managers_edit_is()
    {
        var before = Obj(3, managers: [("flux-operator", "2025-01-01T00:00:00Z")]);
        var ours = Obj(4, managers: [("flux-operator", "2025-01-01T00:05:00Z")]);
        var theirs = Obj(4, managers: [("flux-operator", "2025-01-01T00:00:00Z"), ("kubectl-edit", "2025-01-01T00:05:00Z")]);

        Assert.False(FluxInstanceTriggers.IsDrift(new InformerEvent(InformerEventType.Updated, ours, before)));
        Assert.True(FluxInstanceTriggers.IsDrift(new InformerEvent(InformerEventType.Updated, theirs, before)));
    }

    [Fact]
    public void Edits_of_objects_without_generation_are_drift_when_their_body_changes()
    {
        var before = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm", ["resourceVersion"] = "1" }, ["data"] = new JsonObject { ["a"] = "1" } };
        var editor = new JsonArray(new JsonObject { ["manager"] = "kubectl-edit", ["operation"] = "Update", ["time"] = "2025-01-01T00:05:00Z" });
        var after = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm", ["resourceVersion"] = "2", ["managedFields"] = editor }, ["data"] = new JsonObject { ["a"] = "2" } };
        var touched = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm", ["resourceVersion"] = "3", ["managedFields"] = editor.DeepClone() }, ["data"] = new JsonObject { ["a"] = "1" } };
        before["metadata"]!["managedFields"] = editor.DeepClone();
        before["metadata"]!["managedFields"]![0]!["time"] = "2025-01-01T00:00:00Z";
        touched["metadata"]!["managedFields"]![0]!["time"] = "2025-01-01T00:00:00Z";

        Assert.True(FluxInstanceTriggers.IsDrift(new InformerEvent(InformerEventType.Updated, after, before)));
        Assert.False(FluxInstanceTriggers.IsDrift(new InformerEvent(InformerEventType.Updated, touched, before)));
    }

    private static JsonObject Obj(long generation, string? annotation = null, string status = "", (string Manager, string Time)[]? managers = null) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["managedFields"] = new JsonArray((managers ?? []).Select(m => (JsonNode)new JsonObject { ["manager"] = m.Manager, ["operation"] = "Apply", ["time"] = m.Time }).ToArray()),
            ["name"] = "flux",
            ["namespace"] = "flux-system",
            ["generation"] = generation,
            ["annotations"] = annotation is null ? null : new JsonObject { ["reconcile.fluxcd.io/requestedAt"] = annotation },
        },
        ["status"] = new JsonObject { ["phase"] = status },
    };
}
