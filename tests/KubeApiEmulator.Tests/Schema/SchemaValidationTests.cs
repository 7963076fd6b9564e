using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Schema;

/// <summary>
/// Structural schema handling of custom resources as the API server does it: one 422 with every problem in the API
/// server's words, defaults, pruning, fieldValidation, CEL rules, status and dry-run writes.
/// </summary>
public sealed class SchemaValidationTests : IAsyncLifetime
{
    private KubeApiServer _server = null!;
    private ApiCall _api = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync();
        _server.SeedYaml(GadgetCrd.Yaml);
        _api = new ApiCall(_server.Url);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    private static string[] Causes(JsonNode? status) =>
        (status?["details"]?["causes"] as JsonArray ?? []).Select(c => $"{c?["field"]}: {c?["message"]}").ToArray();

    private async Task<JsonNode?> Invalid(string spec, string name = "g-1")
    {
        var (code, body) = await _api.Post(GadgetCrd.Path, GadgetCrd.Gadget(name, spec));
        Assert.True(code == HttpStatusCode.UnprocessableEntity, body?.ToJsonString());
        Assert.Equal("Invalid", body?["reason"]?.ToString());
        Assert.Equal("Gadget", body?["details"]?["kind"]?.ToString());
        Assert.Equal("example.com", body?["details"]?["group"]?.ToString());
        return body;
    }

    [Fact]
    public async Task Every_schema_problem_is_reported_in_one_status_with_the_api_servers_words()
    {
        var body = await Invalid("""{"enabled":"yes","replicas":11,"ratio":1,"name":"Abc-defghij","created":"yesterday","port":true,"tags":["a","a","b","c"],"ports":[]}""");
        Assert.Equal(
        [
            "spec.mode: Required value",
            "spec.enabled: Invalid value: \"string\": spec.enabled in body must be of type boolean: \"string\"",
            "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10",
            "spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1",
            "spec.name: Too long: may not be more than 8 bytes",
            "spec.name: Invalid value: \"Abc-defghij\": spec.name in body should match '^[a-z]+$'",
            "spec.created: Invalid value: \"yesterday\": spec.created in body must be of type date-time: \"yesterday\"",
            "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"",
            "spec.tags: Too many: 4: must have at most 3 items",
            "spec.tags[1]: Duplicate value: \"a\"",
            "spec.ports: Invalid value: 0: spec.ports in body should have at least 1 items",
            "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
        ], Causes(body));
        Assert.StartsWith("Gadget.example.com \"g-1\" is invalid: [spec.mode: Required value, spec.enabled: Invalid value:", body?["message"]?.ToString(), StringComparison.Ordinal);
        var reasons = (body?["details"]?["causes"] as JsonArray)!.Select(c => c?["reason"]?.ToString() ?? "").ToArray();
        Assert.Equal(["FieldValueRequired", "FieldValueTypeInvalid", "FieldValueInvalid", "FieldValueInvalid", "FieldValueTooLong", "FieldValueInvalid",
            "FieldValueInvalid", "FieldValueTypeInvalid", "FieldValueTooMany", "FieldValueDuplicate", "FieldValueInvalid", "FieldValueInvalid"], reasons);
    }

    [Fact]
    public async Task Enum_minimum_min_length_and_map_list_keys_are_checked()
    {
        var body = await Invalid("""{"mode":"warp","replicas":-1,"name":"a","ports":[{"name":"http"},{"name":"http","port":81}]}""");
        Assert.Equal(
        [
            "spec.mode: Unsupported value: \"warp\": supported values: \"fast\", \"slow\"",
            "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0",
            "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long",
            "spec.ports[1]: Duplicate value: {\"name\":\"http\"}",
            "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
        ], Causes(body));
    }

    [Fact]
    public async Task A_single_problem_is_not_bracketed()
    {
        var body = await Invalid("""{"mode":"fast","note":null,"labels":{"a":"x"},"name":"ABC"}""");
        Assert.Equal("Gadget.example.com \"g-1\" is invalid: spec.name: Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'",
            body?["message"]?.ToString());
    }

    [Fact]
    public async Task Cel_rules_report_message_message_expression_field_path_and_the_object_type()
    {
        var body = await Invalid("""{"mode":"fast","replicas":7,"maxReplicas":6,"tags":["x"]}""", name: "other");
        Assert.Equal(
        [
            "<nil>: Invalid value: \"object\": gadget names start with g-",
            "spec.replicas: Invalid value: \"object\": replicas 7 exceeds maxReplicas 6",
            "spec: Invalid value: \"object\": failed rule: self.tags.all(t, t.size() > 1)",
        ], Causes(body));
    }

    [Fact]
    public async Task Transition_rules_are_skipped_on_create_and_enforced_on_update_with_their_reason()
    {
        var (created, _) = await _api.Post(GadgetCrd.Path, GadgetCrd.Gadget("g-1", """{"mode":"fast","owner":"me"}"""));
        Assert.Equal(HttpStatusCode.Created, created);
        var (code, body) = await _api.Merge(GadgetCrd.Path + "/g-1", """{"spec":{"mode":"slow","owner":null}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(["spec: Forbidden: mode is immutable", "spec: Invalid value: \"object\": owner cannot be removed"], Causes(body));
        var (ok, _) = await _api.Merge(GadgetCrd.Path + "/g-1", """{"spec":{"replicas":2}}""");
        Assert.Equal(HttpStatusCode.OK, ok);
    }

    [Fact]
    public async Task Defaults_are_applied_on_write_including_list_items()
    {
        var (code, body) = await _api.Post(GadgetCrd.Path, GadgetCrd.Gadget("g-1", """{"mode":"fast","ports":[{"name":"http"}]}"""));
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.True(body?["spec"]?["enabled"]?.GetValue<bool>());
        Assert.Equal(5, body?["spec"]?["maxReplicas"]?.GetValue<int>());
        Assert.Equal(80, body?["spec"]?["ports"]?[0]?["port"]?.GetValue<int>());
        Assert.Equal("[]", body?["spec"]?["tags"]?.ToJsonString());
        Assert.True(_server.Get("example.com/v1", "Gadget", "default", "g-1")?["spec"]?["enabled"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Defaults_are_applied_when_a_stored_object_is_read()
    {
        // Seeding stores as given (like a write straight to etcd, or an object older than the default).
        _server.SeedYaml("""
            apiVersion: example.com/v1
            kind: Gadget
            metadata: {name: g-old, namespace: default}
            spec: {mode: slow}
            """);
        Assert.Null(_server.Get("example.com/v1", "Gadget", "default", "g-old")?["spec"]?["enabled"]);
        var (_, read) = await _api.Get(GadgetCrd.Path + "/g-old");
        Assert.True(read?["spec"]?["enabled"]?.GetValue<bool>());
        var (_, list) = await _api.Get(GadgetCrd.Path);
        Assert.Equal(5, list?["items"]?[0]?["spec"]?["maxReplicas"]?.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_unless_preserved_and_warned_about_by_default()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GadgetCrd.Path)
        {
            Content = new StringContent(GadgetCrd.Gadget("g-1",
                """{"mode":"fast","bogus":1,"extra":{"anything":{"x":1}},"template":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}},"ports":[{"name":"a","junk":true}]}"""),
                Encoding.UTF8, "application/json"),
        };
        using var response = await _api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["299 - \"unknown field \\\"spec.bogus\\\"\"", "299 - \"unknown field \\\"spec.ports[0].junk\\\"\""],
            response.Headers.GetValues("Warning").ToArray());
        var stored = _server.Get("example.com/v1", "Gadget", "default", "g-1")!;
        Assert.Null(stored["spec"]?["bogus"]);
        Assert.Null(stored["spec"]?["ports"]?[0]?["junk"]);
        Assert.Equal(1, stored["spec"]?["extra"]?["anything"]?["x"]?.GetValue<int>());
        Assert.Equal("c", stored["spec"]?["template"]?["metadata"]?["name"]?.ToString());
    }

    [Fact]
    public async Task Strict_field_validation_rejects_unknown_fields_and_ignore_is_silent()
    {
        var (code, body) = await _api.Post(GadgetCrd.Path + "?fieldValidation=Strict", GadgetCrd.Gadget("g-1", """{"mode":"fast","bogus":1,"more":2}"""));
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("Gadget in version \"v1\" cannot be handled as a Gadget: strict decoding error: unknown field \"spec.bogus\", unknown field \"spec.more\"",
            body?["message"]?.ToString());
        Assert.Null(_server.Get("example.com/v1", "Gadget", "default", "g-1"));

        using var request = new HttpRequestMessage(HttpMethod.Post, GadgetCrd.Path + "?fieldValidation=Ignore")
        {
            Content = new StringContent(GadgetCrd.Gadget("g-1", """{"mode":"fast","bogus":1}"""), Encoding.UTF8, "application/json"),
        };
        using var response = await _api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Warning"));
    }

    [Fact]
    public async Task Server_side_apply_and_patches_are_validated_too()
    {
        var (applied, body) = await _api.Apply(GadgetCrd.Path + "/g-1", "m1", """{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g-1"},"spec":{"mode":"nope"}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, applied);
        Assert.Equal(["spec.mode: Unsupported value: \"nope\": supported values: \"fast\", \"slow\"", "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"], Causes(body));
        Assert.Equal(HttpStatusCode.Created, (await _api.Apply(GadgetCrd.Path + "/g-1", "m1", """{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g-1"},"spec":{"mode":"fast"}}""")).Code);
        var (patched, patchBody) = await _api.Patch(GadgetCrd.Path + "/g-1", "application/json-patch+json", """[{"op":"add","path":"/spec/replicas","value":"2"}]""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patched);
        Assert.Equal(["spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"", "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"], Causes(patchBody));
    }

    [Fact]
    public async Task Dry_runs_are_validated_and_show_defaults_without_storing()
    {
        var (bad, _) = await _api.Post(GadgetCrd.Path + "?dryRun=All", GadgetCrd.Gadget("g-1", """{"mode":"warp"}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
        var (ok, body) = await _api.Post(GadgetCrd.Path + "?dryRun=All", GadgetCrd.Gadget("g-1", """{"mode":"fast"}"""));
        Assert.Equal(HttpStatusCode.Created, ok);
        Assert.True(body?["spec"]?["enabled"]?.GetValue<bool>());
        Assert.Null(_server.Get("example.com/v1", "Gadget", "default", "g-1"));
    }

    [Fact]
    public async Task Status_writes_are_validated_against_the_status_schema()
    {
        Assert.Equal(HttpStatusCode.Created, (await _api.Post(GadgetCrd.Path, GadgetCrd.Gadget("g-1", """{"mode":"fast"}"""))).Code);
        var (code, body) = await _api.Merge(GadgetCrd.Path + "/g-1/status", """{"status":{"phase":"Sleeping"}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(["status.phase: Unsupported value: \"Sleeping\": supported values: \"Ready\", \"Failed\"", "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"], Causes(body));
        Assert.Equal(HttpStatusCode.OK, (await _api.Merge(GadgetCrd.Path + "/g-1/status", """{"status":{"phase":"Ready"}}""")).Code);

        // The main endpoint ignores status, so an invalid status there is neither stored nor reported.
        Assert.Equal(HttpStatusCode.OK, (await _api.Merge(GadgetCrd.Path + "/g-1", """{"status":{"phase":"Sleeping"}}""")).Code);
        Assert.Equal("Ready", _server.Get("example.com/v1", "Gadget", "default", "g-1")?["status"]?["phase"]?.ToString());
    }

    [Fact]
    public async Task Unchanged_invalid_fields_do_not_fail_an_update()
    {
        _server.SeedYaml("""
            apiVersion: example.com/v1
            kind: Gadget
            metadata: {name: g-legacy, namespace: default}
            spec: {mode: fast, name: UPPER, ratio: 7.5}
            """);
        var (code, _) = await _api.Merge(GadgetCrd.Path + "/g-legacy", """{"spec":{"owner":"me"}}""");
        Assert.Equal(HttpStatusCode.OK, code);
        var (changed, body) = await _api.Merge(GadgetCrd.Path + "/g-legacy", """{"spec":{"ratio":8}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed);
        Assert.Equal(["spec.ratio: Invalid value: 8: spec.ratio in body should be less than 1"], Causes(body));
    }

    [Fact]
    public async Task Embedded_resources_need_api_version_and_kind()
    {
        var body = await Invalid("""{"mode":"fast","template":{"metadata":{"name":"x"}}}""");
        Assert.Equal(["spec.template.apiVersion: Required value: must not be empty", "spec.template.kind: Required value: must not be empty", "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"], Causes(body));
    }

    [Fact]
    public async Task A_crd_whose_rule_does_not_compile_is_rejected()
    {
        var crd = GadgetCrd.Yaml.Replace("gadgets.example.com", "brokens.example.com", StringComparison.Ordinal)
            .Replace("plural: gadgets, singular: gadget, kind: Gadget, listKind: GadgetList", "plural: brokens, singular: broken, kind: Broken, listKind: BrokenList", StringComparison.Ordinal)
            .Replace("self.tags.all(t, t.size() > 1)", "self.tags.all(t, t.size() >", StringComparison.Ordinal);
        var json = KubeApiEmulator.Json.YamlJson.ParseAll(crd).Single().ToJsonString();
        var (code, body) = await _api.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var cause = Assert.Single(Causes(body));
        Assert.StartsWith("spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[3].rule: Invalid value: ", cause, StringComparison.Ordinal);
        Assert.Contains("compilation failed: ERROR: <input>:1:", cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openapi_v3_publishes_the_crd_schema_for_its_group_version()
    {
        var (_, index) = await _api.Get("/openapi/v3");
        var url = index?["paths"]?["apis/example.com/v1"]?["serverRelativeURL"]?.ToString();
        Assert.NotNull(url);
        var (_, document) = await _api.Get(url);
        var schema = document?["components"]?["schemas"]?["com.example.v1.Gadget"];
        Assert.Equal("Gadget", schema?["x-kubernetes-group-version-kind"]?[0]?["kind"]?.ToString());
        Assert.Equal("How fast.", schema?["properties"]?["spec"]?["properties"]?["mode"]?["description"]?.ToString());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", schema?["properties"]?["metadata"]?["allOf"]?[0]?["$ref"]?.ToString());
        Assert.NotNull(document?["components"]?["schemas"]?["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]);
    }
}
