using System.Text.Json.Nodes;
using KubeApiEmulator.Apply;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Semantics;

namespace KubeApiEmulator.Tests.Units;

/// <summary>Field sets and server-side apply on hand-written objects, without HTTP.</summary>
public sealed class ServerSideApplyTests
{
    private const string Now = "2026-01-01T00:00:00Z";
    private static readonly ResourceType Deployments = BuiltInResources.All.Single(t => t.Plural == "deployments");

    [Fact]
    public void Field_sets_round_trip_through_fields_v1()
    {
        var json = JsonNode.Parse("""{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{}}},"f:replicas":{}}}""")!.AsObject();
        var set = FieldSet.FromFieldsV1(json);
        Assert.True(JsonNode.DeepEquals(json, set.ToFieldsV1()));
        Assert.Equal(3, set.Members().Count());
        Assert.True(set.Contains(["f:spec", "f:containers", "k:{\"name\":\"c\"}"]));
        Assert.True(set.ContainsOrBelow(["f:spec", "f:containers"]));
    }

    [Fact]
    public void Collected_fields_use_keys_for_associative_lists_and_skip_server_metadata()
    {
        var obj = Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x","uid":"u","labels":{"a":"1"},"finalizers":["f"]},
             "spec":{"template":{"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"protocol":"TCP"}],"args":["x"]}]}}},"status":{"replicas":1}}
            """);
        var paths = ObjectFields.Collect(Deployments, obj, FieldScope.Main).Members().Select(ObjectFields.Render).ToHashSet();
        Assert.Contains(".metadata.labels.a", paths);
        Assert.Contains(".metadata.finalizers[=\"f\"]", paths);
        Assert.Contains(".spec.template.spec.containers[name=\"c\"]", paths);
        Assert.Contains(".spec.template.spec.containers[name=\"c\"].ports[containerPort=80,protocol=\"TCP\"].containerPort", paths);
        Assert.Contains(".spec.template.spec.containers[name=\"c\"].args", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith(".status", StringComparison.Ordinal) || p.Contains("uid", StringComparison.Ordinal) || p.Contains("name\"]", StringComparison.Ordinal) && p == ".metadata.name");
    }

    [Fact]
    public void Conflicts_list_every_field_of_every_other_manager()
    {
        var live = ServerSideApply.Apply(Deployments, null, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"replicas":1,"paused":false}}"""), "m1", false, FieldScope.Main, Now);
        var error = Assert.Throws<ApiException>(() => ServerSideApply.Apply(Deployments, live,
            Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"replicas":2,"paused":true}}"""), "m2", false, FieldScope.Main, Now));
        Assert.Equal(409, error.Code);
        Assert.Contains("Apply failed with 2 conflicts: conflicts with \"m1\":", error.Message, StringComparison.Ordinal);
        Assert.Contains("- .spec.paused", error.Message, StringComparison.Ordinal);
        Assert.Contains("- .spec.replicas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_values_are_shared_without_conflict_and_survive_one_owner_leaving()
    {
        var config = Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"replicas":1}}""");
        var live = ServerSideApply.Apply(Deployments, null, config, "m1", false, FieldScope.Main, Now);
        live = ServerSideApply.Apply(Deployments, live, config, "m2", false, FieldScope.Main, Now);
        live = ServerSideApply.Apply(Deployments, live, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"}}"""), "m1", false, FieldScope.Main, Now);
        Assert.Equal(1, live["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Dropping_a_list_item_removes_only_that_item()
    {
        var two = Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}}}""");
        var one = Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"template":{"spec":{"containers":[{"name":"b","image":"2"}]}}}}""");
        var live = ServerSideApply.Apply(Deployments, null, two, "m1", false, FieldScope.Main, Now);
        live = ServerSideApply.Apply(Deployments, live, one, "m1", false, FieldScope.Main, Now);
        Assert.Equal(["b"], live["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.ToString()));
    }

    [Fact]
    public void Updates_take_ownership_of_changed_fields_from_appliers()
    {
        var live = ServerSideApply.Apply(Deployments, null, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"replicas":1}}"""), "m1", false, FieldScope.Main, Now);
        var updated = live.DeepClone().AsObject();
        updated["spec"]!["replicas"] = 3;
        var entries = ManagedFieldsEntry.ReadAll(live);
        ServerSideApply.RecordUpdate(Deployments, live, updated, entries, "kubectl-scale", FieldScope.Main, Now);
        var after = ManagedFieldsEntry.ReadAll(updated);
        Assert.DoesNotContain(after, e => e.Manager == "m1");
        Assert.True(after.Single(e => e.Manager == "kubectl-scale").Fields.Contains(["f:spec", "f:replicas"]));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
