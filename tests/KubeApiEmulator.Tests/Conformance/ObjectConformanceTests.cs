using System.Net;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Create, conflicts, not found, generateName, optimistic concurrency.</summary>
public sealed class ObjectConformanceTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Creating_a_namespace_sets_uid_resource_version_timestamp_and_active_phase()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Post("/api/v1/namespaces", """{"metadata":{"name":"a"}}""");
        Assert.Equal(HttpStatusCode.Created, code);
        var meta = body!["metadata"]!;
        Assert.True(Guid.TryParse(meta["uid"]!.ToString(), out var uid) && uid != Guid.Empty);
        Assert.True(long.Parse(meta["resourceVersion"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", meta["creationTimestamp"]!.ToString());
        Assert.Equal("Active", body["status"]!["phase"]!.ToString());
    }

    [Fact]
    public async Task Creating_an_existing_name_answers_already_exists()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post("/api/v1/namespaces", """{"metadata":{"name":"a"}}""");
        var (code, body) = await api.Post("/api/v1/namespaces", """{"metadata":{"name":"a"}}""");
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", body!["reason"]!.ToString());
        Assert.Equal(409, body["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reading_a_missing_object_answers_not_found_with_details()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Get($"{ConfigMaps}/missing");
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("NotFound", body!["reason"]!.ToString());
        Assert.Equal("missing", body["details"]!["name"]!.ToString());
        Assert.Equal("configmaps", body["details"]!["kind"]!.ToString());
        Assert.Equal("Failure", body["status"]!.ToString());
    }

    [Fact]
    public async Task Generate_name_appends_five_random_characters()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Post(ConfigMaps, """{"metadata":{"generateName":"cm-"}}""");
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Matches("^cm-[a-z0-9]{5}$", body!["metadata"]!["name"]!.ToString());
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_answers_conflict()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (_, created) = await api.Post(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        var stale = created!["metadata"]!["resourceVersion"]!.ToString();
        await api.Put($"{ConfigMaps}/c", $$$"""{"metadata":{"name":"c","resourceVersion":"{{{stale}}}"},"data":{"a":"2"}}""");
        var (code, body) = await api.Put($"{ConfigMaps}/c", $$$"""{"metadata":{"name":"c","resourceVersion":"{{{stale}}}"},"data":{"a":"3"}}""");
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", body!["reason"]!.ToString());
        Assert.Contains("the object has been modified", body["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_with_the_current_resource_version_bumps_it()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (_, created) = await api.Post(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        var rv = created!["metadata"]!["resourceVersion"]!.ToString();
        var (code, body) = await api.Put($"{ConfigMaps}/c", $$$"""{"metadata":{"name":"c","resourceVersion":"{{{rv}}}"},"data":{"a":"2"}}""");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(long.Parse(body!["metadata"]!["resourceVersion"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > long.Parse(rv, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2", body["data"]!["a"]!.ToString());
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_answers_not_found()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Post("/api/v1/namespaces/nowhere/configmaps", """{"metadata":{"name":"c"}}""");
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces", body!["details"]!["kind"]!.ToString());
    }

    [Fact]
    public async Task An_invalid_name_answers_unprocessable_entity_with_a_cause()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Post(ConfigMaps, """{"metadata":{"name":"Not_Valid"}}""");
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", body!["reason"]!.ToString());
        Assert.Equal("metadata.name", body["details"]!["causes"]![0]!["field"]!.ToString());
    }

    [Fact]
    public async Task An_unchanged_update_keeps_the_resource_version()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (_, created) = await api.Post(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        var (_, same) = await api.Merge($"{ConfigMaps}/c", """{"data":{"a":"1"}}""");
        Assert.Equal(created!["metadata"]!["resourceVersion"]!.ToString(), same!["metadata"]!["resourceVersion"]!.ToString());
    }

    [Fact]
    public async Task Dry_run_create_stores_nothing()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var before = server.ResourceVersion;
        var (code, body) = await api.Post($"{ConfigMaps}?dryRun=All", """{"metadata":{"name":"c"}}""");
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("c", body!["metadata"]!["name"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{ConfigMaps}/c")).Code);
        Assert.Equal(before, server.ResourceVersion);
    }

    [Fact]
    public async Task Update_without_a_resource_version_is_unconditional()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        await api.Merge($"{ConfigMaps}/c", """{"data":{"a":"2"}}""");
        var (code, body) = await api.Put($"{ConfigMaps}/c", """{"metadata":{"name":"c"},"data":{"a":"3"}}""");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("3", body!["data"]!["a"]!.ToString());
    }

    [Fact]
    public async Task Updating_a_missing_object_answers_not_found()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        Assert.Equal(HttpStatusCode.NotFound, (await api.Put($"{ConfigMaps}/nope", """{"metadata":{"name":"nope"}}""")).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Merge($"{ConfigMaps}/nope", "{}")).Code);
    }

    [Fact]
    public async Task A_mismatched_kind_or_name_is_a_bad_request()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"c"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Post(ConfigMaps, """{"kind":"Secret","metadata":{"name":"s"}}""")).Code);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Put($"{ConfigMaps}/c", """{"metadata":{"name":"other"}}""")).Code);
    }

    [Fact]
    public async Task Dry_run_delete_keeps_the_object()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"c"}}""");
        var (code, _) = await api.Delete($"{ConfigMaps}/c?dryRun=All");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpStatusCode.OK, (await api.Get($"{ConfigMaps}/c")).Code);
    }

    [Fact]
    public async Task Dry_run_update_answers_the_change_without_storing_it()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        var (_, body) = await api.Merge($"{ConfigMaps}/c?dryRun=All", """{"data":{"a":"2"}}""");
        Assert.Equal("2", body!["data"]!["a"]!.ToString());
        Assert.Equal("1", server.Get("v1", "ConfigMap", "default", "c")!["data"]!["a"]!.ToString());
    }
}
