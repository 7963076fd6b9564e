using System.Text.Json.Nodes;
using FluxOperator.Controllers.ResourceSets;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.IntegrationTests.ResourceSets;

/// <summary>copyFrom, convertKubeConfigFrom and checksumFrom against objects in the emulator.</summary>
public sealed class DataHelpersTests : IAsyncLifetime
{
    private SetCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await SetCluster.StartAsync();
        _cluster.Api.SeedYaml("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: apps
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-config
              namespace: apps
            data:
              greeting: hello
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: app-secret
              namespace: apps
            data:
              token: czNjcjN0
            """);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData("ConfigMap/apps/app-config", "sha256:cba7cff50dc886653ae40d02467a9871b4b31b4e908cb4a1e25bc0e86b200db9")]
    [InlineData("ConfigMap/apps/app-config,\nSecret/apps/app-secret\n", "sha256:52b4dfcdf689fabba6f3d2d2b31bae935a67b4fbb26c62208555b002aae7bbc2")]
    [InlineData(" , ,", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public async Task Checksum_of_cluster_objects_matches_the_go_operators(string references, string expected)
    {
        var deployment = Deployment(references);
        var helpers = new DataHelpers(_cluster.Client);

        await helpers.ApplyAsync([deployment], CancellationToken.None);

        Assert.Equal(expected, deployment["spec"]!["template"]!["metadata"]!["annotations"]!["fluxcd.controlplane.io/checksum"]!.GetValue<string>());
        Assert.Equal(references, deployment["spec"]!["template"]!["metadata"]!["annotations"]!["fluxcd.controlplane.io/checksumFrom"]!.GetValue<string>());
        Assert.Equal(references.Contains("Secret", StringComparison.Ordinal) ? ["ConfigMap/apps/app-config", "Secret/apps/app-secret"] : references.Contains("ConfigMap", StringComparison.Ordinal) ? ["ConfigMap/apps/app-config"] : [],
            helpers.ExternalReferences);
    }

    [Fact]
    public async Task Checksum_of_an_object_of_the_set_equals_the_checksum_of_the_same_data_in_the_cluster()
    {
        var inSet = YamlDocuments.ParseObjects("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: apps\ndata:\n  greeting: hello\n")[0];
        var deployment = Deployment("ConfigMap/apps/app-config");
        var helpers = new DataHelpers(_cluster.Client);

        await helpers.ApplyAsync([inSet, deployment], CancellationToken.None);

        Assert.Equal("sha256:cba7cff50dc886653ae40d02467a9871b4b31b4e908cb4a1e25bc0e86b200db9", deployment["spec"]!["template"]!["metadata"]!["annotations"]!["fluxcd.controlplane.io/checksum"]!.GetValue<string>());
        Assert.Empty(helpers.ExternalReferences);
    }

    [Theory]
    [InlineData("ConfigMap/apps/does-not-exist", "failed to resolve fluxcd.controlplane.io/checksumFrom reference ConfigMap/apps/does-not-exist: configmaps \"does-not-exist\" not found")]
    [InlineData("ConfigMap/missing-name", "invalid fluxcd.controlplane.io/checksumFrom reference 'ConfigMap/missing-name' must be in the format 'Kind/namespace/name'")]
    [InlineData("Pod/apps/app", "unsupported kind 'Pod' in fluxcd.controlplane.io/checksumFrom, only ConfigMap and Secret are allowed")]
    public async Task Checksum_reference_errors_name_the_reference(string references, string message)
    {
        var failure = await Assert.ThrowsAsync<DataHelperException>(() => new DataHelpers(_cluster.Client).ApplyAsync([Deployment(references)], CancellationToken.None));

        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public async Task Copy_replaces_config_map_data_and_keeps_a_secret_type_the_template_sets()
    {
        var objects = YamlDocuments.ParseObjects("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: copy
              namespace: ns
              annotations: {fluxcd.controlplane.io/copyFrom: apps/app-config}
            data:
              stale: value
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: copy
              namespace: ns
              annotations: {fluxcd.controlplane.io/copyFrom: apps/app-secret}
            type: CustomType
            """);

        await new DataHelpers(_cluster.Client).ApplyAsync(objects, CancellationToken.None);

        Assert.Equal("""{"greeting":"hello"}""", objects[0]["data"]!.ToJsonString());
        Assert.Equal(("CustomType", "s3cr3t"), (objects[1]["type"]!.GetValue<string>(), objects[1]["stringData"]!["token"]!.GetValue<string>()));
    }

    private static JsonObject Deployment(string references) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = "app", ["namespace"] = "apps" },
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["fluxcd.controlplane.io/checksumFrom"] = references } },
            },
        },
    };
}
