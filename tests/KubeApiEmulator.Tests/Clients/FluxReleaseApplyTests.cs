using System.Net;
using System.Text.Json.Nodes;
using KubeApiEmulator.Json;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Clients;

/// <summary>Real Flux releases (read in place, newest patch of each minor) go through server-side apply the way the operator sends them.</summary>
public sealed class FluxReleaseApplyTests
{
    [Theory]
    [MemberData(nameof(SharedData.NewestPatchOfEachMinor), MemberType = typeof(SharedData))]
    public async Task Every_release_applies_cleanly_and_reapplying_it_changes_nothing(string release)
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        using var __ = api;
        await api.Post("/api/v1/namespaces", """{"metadata":{"name":"flux-system"}}""");
        var objects = Directory.GetFiles(Path.Combine(SharedData.ReleaseFolders.Single(f => Path.GetFileName(f) == release)), "*.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => YamlJson.ParseAll(File.ReadAllText(f)))
            .OfType<JsonObject>()
            .OrderBy(o => o["kind"]!.ToString() == "CustomResourceDefinition" ? 0 : 1)
            .ToArray();
        Assert.NotEmpty(objects);

        var firstVersions = new List<string>();
        foreach (var obj in objects)
        {
            var (code, body) = await api.Apply(PathOf(server, obj), "flux-operator", obj.ToJsonString(), force: true);
            Assert.True(code == HttpStatusCode.Created, $"{obj["kind"]} {obj["metadata"]!["name"]}: {code} {body}");
            firstVersions.Add(body!["metadata"]!["resourceVersion"]!.ToString());
        }

        // Flux's aggregated roles (flux-edit, flux-view) extend edit/view: let the aggregation controller finish first.
        await server.Access.AggregationSettledAsync();
        var revision = server.ResourceVersion;
        var again = new List<string>();
        foreach (var obj in objects)
        {
            var (code, body) = await api.Apply(PathOf(server, obj), "flux-operator", obj.ToJsonString(), force: true);
            Assert.Equal(HttpStatusCode.OK, code);
            again.Add(body!["metadata"]!["resourceVersion"]!.ToString());
        }

        Assert.Equal(firstVersions, again);
        Assert.Equal(revision, server.ResourceVersion);
    }

    private static string PathOf(KubeApiServer server, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]!.ToString();
        var type = server.State.Catalog.FindByKind(apiVersion, obj["kind"]!.ToString())!;
        var root = type.Group.Length == 0 ? $"/api/{type.Version}" : $"/apis/{type.Group}/{type.Version}";
        // The release manifests leave the namespace to kustomize; the operator puts them in flux-system.
        var ns = obj["metadata"]!["namespace"]?.ToString() ?? "flux-system";
        if (type.Namespaced)
        {
            obj["metadata"]!["namespace"] = ns;
        }

        return type.Namespaced ? $"{root}/namespaces/{ns}/{type.Plural}/{obj["metadata"]!["name"]}" : $"{root}/{type.Plural}/{obj["metadata"]!["name"]}";
    }
}
