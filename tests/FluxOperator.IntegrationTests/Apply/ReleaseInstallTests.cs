using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.IntegrationTests.Apply;

/// <summary>A real Flux release (read in place from ../shared) installed through the engine on the emulator.</summary>
public class ReleaseInstallTests
{
    private static readonly string ReleasesRoot = Path.Combine(RepositoryRoot(), "..", "shared", "flux-distribution", "flux");

    [Fact]
    public async Task The_newest_release_installs_becomes_healthy_and_reapplies_without_writes()
    {
        var release = Directory.GetDirectories(ReleasesRoot).Select(Path.GetFileName).OfType<string>()
            .OrderBy(n => Version.Parse(n.TrimStart('v').Split('-')[0])).Last();
        var objects = Directory.GetFiles(Path.Combine(ReleasesRoot, release), "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlDocuments.ParseObjects(File.ReadAllText(f)))
            .Append(JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"flux-system"}}""")!.AsObject())
            .Select(ApplyCluster.Owned)
            .ToList();
        await using var cluster = await ApplyCluster.StartAsync();
        await PlaceInNamespaceAsync(cluster, objects);

        var install = await cluster.Applier.ApplyAsync(objects, null, CancellationToken.None);
        await cluster.Applier.WaitForHealthAsync(install, new HealthCheckOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)), null, CancellationToken.None);

        Assert.Equal(objects.Count, install.Entries.Count);
        Assert.All(install.Entries, e => Assert.Equal(ChangeAction.Created, e.Action));
        Assert.Equal("CustomResourceDefinition", install.Entries[0].Id.Kind);
        Assert.Equal(objects.Count, install.ToInventory().Count);
        Assert.Contains(install.Entries, e => e.Id.Kind == "Deployment");

        cluster.Api.Requests.Clear();
        var again = await cluster.NewApplier().ApplyAsync(objects, null, CancellationToken.None);

        Assert.All(again.Entries, e => Assert.Equal(ChangeAction.Unchanged, e.Action));
        Assert.Equal(0, cluster.Writes());
    }

    // The release files leave the namespace to kustomize; rendering sets it, here the test does for served namespaced kinds.
    private static async Task PlaceInNamespaceAsync(ApplyCluster cluster, List<JsonObject> objects)
    {
        var crdKinds = objects.Where(o => o["kind"]!.ToString() == "CustomResourceDefinition")
            .Select(o => o["spec"]!["names"]!["kind"]!.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            var kind = obj["kind"]!.ToString();
            var namespaced = crdKinds.Contains(kind) || (await cluster.Client.Mapper.TryMapAsync(
                Controllers.Primitives.GroupVersionKind.From(obj["apiVersion"]!.ToString(), kind), CancellationToken.None))?.Namespaced == true;
            if (namespaced && obj["metadata"]!["namespace"] is null)
            {
                obj["metadata"]!["namespace"] = "flux-system";
            }
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FluxOperator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FluxOperator.sln not found above the test binaries");
    }
}
