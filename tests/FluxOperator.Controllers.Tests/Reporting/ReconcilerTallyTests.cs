using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Tests.Reporting;

public class ReconcilerTallyTests
{
    private static readonly FluxKind GitRepositories = new(new ResourceType("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories", true));
    private static readonly FluxKind Instances = ReconcilerCollector.OperatorKinds[0];

    private static JsonObject Obj(bool? suspend = null, string? ready = null, string? reason = null, long? size = null, string? reconcileAnnotation = null, string? reconcileLabel = null)
    {
        var spec = new JsonObject();
        if (suspend is { } s)
        {
            spec["suspend"] = s;
        }

        var status = new JsonObject();
        if (ready is not null)
        {
            status["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready, ["reason"] = reason ?? "Whatever" });
        }

        if (size is { } bytes)
        {
            status["artifact"] = new JsonObject { ["size"] = bytes };
        }

        var metadata = new JsonObject { ["name"] = "x" };
        if (reconcileAnnotation is not null)
        {
            metadata["annotations"] = new JsonObject { ["fluxcd.controlplane.io/reconcile"] = reconcileAnnotation };
        }

        if (reconcileLabel is not null)
        {
            metadata["labels"] = new JsonObject { ["fluxcd.controlplane.io/reconcile"] = reconcileLabel };
        }

        return new JsonObject { ["metadata"] = metadata, ["spec"] = spec, ["status"] = status };
    }

    public static TheoryData<string, JsonObject, int, int, int> FluxObjects => new()
    {
        { "healthy", Obj(ready: "True"), 1, 0, 0 },
        { "no conditions", Obj(), 1, 0, 0 },
        { "failed", Obj(ready: "False", reason: "ArtifactFailed"), 1, 1, 0 },
        { "unknown is not failing", Obj(ready: "Unknown"), 1, 0, 0 },
        { "waiting for a dependency", Obj(ready: "False", reason: "DependencyNotReady"), 1, 0, 0 },
        { "suspended and failed", Obj(suspend: true, ready: "False"), 0, 0, 1 },
        { "suspend false", Obj(suspend: false, ready: "False"), 1, 1, 0 },
        { "annotation does not suspend flux kinds", Obj(reconcileAnnotation: "disabled"), 1, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(FluxObjects))]
    public void Flux_objects_are_running_failing_or_suspended(string why, JsonObject obj, int running, int failing, int suspended)
    {
        var tally = new ReconcilerTally(GitRepositories);

        tally.Add(obj);

        var stats = tally.ToStatus().Stats;
        Assert.True((running, failing, suspended) == (stats.Running, stats.Failing, stats.Suspended), why);
    }

    [Theory]
    [InlineData("disabled", null, 1)]
    [InlineData("DISABLED", null, 1)]
    [InlineData(null, "disabled", 1)]
    [InlineData("enabled", null, 0)]
    [InlineData(null, null, 0)]
    public void Operator_objects_are_suspended_by_the_reconcile_label_or_annotation(string? annotation, string? label, int suspended)
    {
        var tally = new ReconcilerTally(Instances);

        tally.Add(Obj(suspend: true, reconcileAnnotation: annotation, reconcileLabel: label, size: 10));

        var status = tally.ToStatus();
        Assert.Equal((suspended, 1 - suspended, (string?)null), (status.Stats.Suspended, status.Stats.Running, status.Stats.TotalSize));
        Assert.Equal(("fluxcd.controlplane.io/v1", "FluxInstance"), (status.ApiVersion, status.Kind));
    }

    [Fact]
    public void Artifact_sizes_of_all_objects_add_up()
    {
        var tally = new ReconcilerTally(GitRepositories);

        tally.Add(Obj(size: 1000));
        tally.Add(Obj(suspend: true, size: 24));
        tally.Add(Obj());

        Assert.Equal((1024L, "1.0 KiB"), (tally.TotalBytes, tally.ToStatus().Stats.TotalSize));
    }
}
