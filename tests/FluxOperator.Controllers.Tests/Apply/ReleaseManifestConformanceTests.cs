using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Apply;

/// <summary>Every object of every Flux release (read in place) goes through ids, stages and normalisation.</summary>
public class ReleaseManifestConformanceTests
{
    public static TheoryData<string> Releases()
    {
        var data = new TheoryData<string>();
        foreach (var folder in SharedData.ReleaseFolders)
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void Release_objects_get_unique_round_tripping_ids_and_definitions_come_first(string release)
    {
        var objects = Directory.GetFiles(Path.Combine(SharedData.DistributionRoot, "flux", release), "*.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => YamlDocuments.ParseObjects(File.ReadAllText(f)))
            .ToArray();
        Assert.NotEmpty(objects);

        var ids = objects.Select(ObjectId.Of).ToArray();
        Assert.All(ids, id => Assert.Equal(id, ObjectId.Parse(id.ToString())));
        Assert.Equal(ids.Length, ids.Distinct().Count());

        var stages = ApplyStages.Partition(objects.Select(ObjectNormalizer.Normalize));
        var definitions = stages.Single(s => s.Key == ApplyStage.Definitions).Value.Select(ObjectId.Of).ToArray();
        Assert.Equal(ids.Count(i => i.Kind == "CustomResourceDefinition"), definitions.Count(i => i.Kind == "CustomResourceDefinition"));
        Assert.All(stages.Where(s => s.Key != ApplyStage.Definitions).SelectMany(s => s.Value), o =>
            Assert.NotEqual("CustomResourceDefinition", o["kind"]!.ToString()));

        // Normalised workloads name a protocol on every port; status is gone except on CRDs.
        foreach (var obj in stages.SelectMany(s => s.Value))
        {
            Assert.True(obj["kind"]!.ToString() == "CustomResourceDefinition" || !obj.ContainsKey("status"));
            foreach (var port in Ports(obj))
            {
                Assert.False(string.IsNullOrEmpty(port["protocol"]?.ToString()));
            }
        }

        // A freshly rendered CRD without a status is still installing; nothing throws on any object.
        Assert.All(objects, o => KStatus.Compute(o));
    }

    private static IEnumerable<JsonObject> Ports(JsonObject obj)
    {
        var containers = obj["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [];
        var servicePorts = obj["kind"]?.ToString() == "Service" ? obj["spec"]?["ports"] as JsonArray ?? [] : [];
        return containers.SelectMany(c => (c?["ports"] as JsonArray ?? []).OfType<JsonObject>()).Concat(servicePorts.OfType<JsonObject>());
    }
}
