using System.Net;
using System.Text.Json.Nodes;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Server-side apply with managers, conflicts, force, removal, dry run.</summary>
public sealed class ServerSideApplyConformanceTests
{
    private static readonly string W = $"{Manifests.Widgets()}/w";

    [Fact]
    public async Task Apply_creates_a_missing_object_owned_by_the_manager()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (code, body) = await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1,"color":"red"}"""));
        Assert.Equal(HttpStatusCode.Created, code);
        var entry = Assert.Single(body!["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("m1", entry["manager"]!.ToString());
        Assert.Equal("Apply", entry["operation"]!.ToString());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.ToString());
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:color"]);
    }

    [Fact]
    public async Task Applying_a_field_owned_by_another_manager_conflicts_naming_both()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1}"""));
        var (code, body) = await api.Apply(W, "m2", Manifests.Widget("w", """{"size":2}"""));
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", body!["reason"]!.ToString());
        var message = body["message"]!.ToString();
        Assert.Contains("\"m1\"", message, StringComparison.Ordinal);
        Assert.Contains(".spec.size", message, StringComparison.Ordinal);
        Assert.Equal(".spec.size", body["details"]!["causes"]![0]!["field"]!.ToString());
    }

    [Fact]
    public async Task Forced_apply_moves_ownership_to_the_new_manager()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1,"color":"red"}"""));
        var (code, body) = await api.Apply(W, "m2", Manifests.Widget("w", """{"size":2}"""), force: true);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(2, body!["spec"]!["size"]!.GetValue<int>());
        var m1 = Entry(body, "m1");
        var m2 = Entry(body, "m2");
        Assert.Null(m1["fieldsV1"]!["f:spec"]!["f:size"]);
        Assert.NotNull(m1["fieldsV1"]!["f:spec"]!["f:color"]);
        Assert.NotNull(m2["fieldsV1"]!["f:spec"]!["f:size"]);
    }

    [Fact]
    public async Task A_field_the_applier_dropped_is_removed()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1,"color":"red"}"""));
        var (code, body) = await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1}"""));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Null(body!["spec"]!["color"]);
        Assert.Equal(1, body["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_dropped_field_another_manager_also_owns_stays()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1,"color":"red"}"""));
        await api.Apply(W, "m2", Manifests.Widget("w", """{"color":"red"}"""));
        var (_, body) = await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1}"""));
        Assert.Equal("red", body!["spec"]!["color"]!.ToString());
    }

    [Theory]
    [InlineData(null, """{"size":1}""", null)]
    [InlineData(null, """{"size":1,"sharding":{}}""", "{}")]
    [InlineData("""{"sharding":{}}""", """{"size":1}""", "{}")]
    [InlineData("""{"sharding":{"key":"k"}}""", """{"size":1}""", """{"key":"k"}""")]
    public async Task A_map_emptied_by_dropping_the_appliers_fields_is_removed_unless_someone_owns_it(
        string? otherManagerSpec, string reapplied, string? expectedSharding)
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        if (otherManagerSpec is not null)
        {
            await api.Apply(W, "m2", Manifests.Widget("w", otherManagerSpec));
        }

        await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1,"sharding":{"shards":["a"]}}"""));
        var (code, body) = await api.Apply(W, "m1", Manifests.Widget("w", reapplied));
        Assert.Equal(HttpStatusCode.OK, code);
        var spec = body!["spec"]!.AsObject();
        Assert.Equal(expectedSharding is not null, spec.ContainsKey("sharding"));
        Assert.True(JsonNode.DeepEquals(expectedSharding is null ? null : JsonNode.Parse(expectedSharding), spec["sharding"]));
        Assert.Equal(1, spec["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Maps_emptied_at_every_level_go_up_to_the_first_one_with_other_content()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1,"a":{"keep":true,"b":{"c":{"d":1}}}}"""));
        var (_, body) = await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1,"a":{"keep":true}}"""));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"keep":true}"""), body!["spec"]!["a"]));
    }

    [Fact]
    public async Task Dry_run_apply_answers_the_would_be_object_and_stores_nothing()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (_, created) = await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1}"""));
        var (code, body) = await api.Apply(W, "m1", Manifests.Widget("w", """{"size":5}"""), dryRun: true);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(5, body!["spec"]!["size"]!.GetValue<int>());
        var (_, stored) = await api.Get(W);
        Assert.Equal(1, stored!["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(created!["metadata"]!["resourceVersion"]!.ToString(), stored["metadata"]!["resourceVersion"]!.ToString());
    }

    [Fact]
    public async Task Reapplying_the_same_configuration_is_a_no_op()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (_, first) = await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1}"""));
        var (_, second) = await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1}"""));
        Assert.Equal(first!["metadata"]!["resourceVersion"]!.ToString(), second!["metadata"]!["resourceVersion"]!.ToString());
    }

    [Fact]
    public async Task Associative_lists_merge_by_key_across_managers()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        const string path = "/apis/apps/v1/namespaces/default/deployments/x";
        await api.Apply(path, "m1", Manifests.Deployment("x"));
        var (code, body) = await api.Apply(path, "m2", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},
             "spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"B","value":"2"}]}]}}}}
            """);
        Assert.Equal(HttpStatusCode.OK, code);
        var c = body!["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single(x => x!["name"]!.ToString() == "c")!;
        Assert.Equal(["A", "B"], c["env"]!.AsArray().Select(e => e!["name"]!.ToString()));
        Assert.Equal("img:1", c["image"]!.ToString());
        Assert.NotNull(Entry(body, "m2")["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"c\"}"]);
    }

    [Fact]
    public async Task Changing_a_deployment_selector_is_refused_as_immutable_and_nothing_changes()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        const string path = "/apis/apps/v1/namespaces/default/deployments/x";
        await api.Apply(path, "m1", Manifests.Deployment("x"));
        var changed = Manifests.Deployment("x").Replace("\"matchLabels\":{\"app\":\"x\"}", "\"matchLabels\":{\"app\":\"y\"}", StringComparison.Ordinal)
            .Replace("\"labels\":{\"app\":\"x\"}", "\"labels\":{\"app\":\"y\"}", StringComparison.Ordinal);
        var (code, body) = await api.Apply(path, "m1", changed, force: true);
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", body!["reason"]!.ToString());
        Assert.Contains("Deployment.apps \"x\" is invalid: spec.selector: Invalid value:", body["message"]!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("field is immutable", body["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("spec.selector", body["details"]!["causes"]![0]!["field"]!.ToString());
        var (sameCode, same) = await api.Apply(path, "m1", Manifests.Deployment("x", replicas: 2), force: true);
        Assert.Equal(HttpStatusCode.OK, sameCode);
        Assert.Equal("x", same!["spec"]!["selector"]!["matchLabels"]!["app"]!.ToString());
    }

    [Fact]
    public async Task Apply_accepts_yaml_bodies()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (code, body) = await api.Apply(W, "m1", """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
            spec:
              size: 3
              enabled: true
            """);
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(3, body!["spec"]!["size"]!.GetValue<long>());
        Assert.True(body["spec"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Updates_are_recorded_for_their_manager()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Apply(W, "m1", Manifests.Widget("w", """{"size":1}"""));
        var (_, body) = await api.Merge($"{W}?fieldManager=editor", """{"spec":{"size":4}}""");
        var editor = Entry(body!, "editor");
        Assert.Equal("Update", editor["operation"]!.ToString());
        Assert.NotNull(editor["fieldsV1"]!["f:spec"]!["f:size"]);
        Assert.Null(Entry(body!, "m1")["fieldsV1"]!["f:spec"]?["f:size"]);
    }

    private static JsonNode Entry(JsonNode obj, string manager) =>
        obj["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.ToString() == manager)!;
}
