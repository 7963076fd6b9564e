using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Tests.TestSupport;
using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering;

/// <summary>Every release in the shared distribution renders, pinned by the variant list's digests, with the common labels.</summary>
public class AllReleasesTests
{
    public static TheoryData<string, bool> Releases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var folder in SharedData.ReleaseFolders)
        {
            data.Add(Path.GetFileName(folder), false);
            data.Add(Path.GetFileName(folder), true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void Release_renders_pinned_labelled_and_without_duplicates(string version, bool allComponents)
    {
        var components = allComponents ? AllComponentsOf(version) : ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"];
        var spec = Distro(version) + "\ncomponents: [" + string.Join(", ", components) + "]";

        var build = Build(Instance(spec));

        Assert.Equal(version, build.Result.Version);
        Assert.Matches($"^{version.Replace(".", "\\.", StringComparison.Ordinal)}@sha256:[0-9a-f]{{64}}$", build.Result.Revision);
        var digests = UpstreamDigests(version);
        foreach (var component in components)
        {
            var image = build.Image(component);
            Assert.StartsWith($"ghcr.io/fluxcd/{component}:", image, StringComparison.Ordinal);
            Assert.EndsWith("@" + digests[component], image, StringComparison.Ordinal);
        }

        foreach (var obj in build.All)
        {
            var labels = Labels(obj);
            Assert.Equal("flux-operator", labels["app.kubernetes.io/managed-by"]);
            Assert.Equal("flux-system", labels["app.kubernetes.io/instance"]);
            Assert.Equal(version, labels["app.kubernetes.io/version"]);
            Assert.Equal("flux", labels["app.kubernetes.io/part-of"]);
        }

        var ids = build.All.Select(o => $"{o["apiVersion"]}/{Kind(o)}/{Namespace(o)}/{Name(o)}").ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(components, build.Result.Components.Select(c => c.Name));
    }

    private static string[] AllComponentsOf(string version)
    {
        var release = Path.Combine(SharedData.DistributionRoot, "flux", version);
        return new[]
            {
                "source-controller", "kustomize-controller", "helm-controller", "notification-controller",
                "image-reflector-controller", "image-automation-controller", "source-watcher",
            }
            .Where(c => File.Exists(Path.Combine(release, c + ".yaml")))
            .ToArray();
    }

    // Read straight from the release's image list, independent of the code under test.
    private static Dictionary<string, string> UpstreamDigests(string version)
    {
        var list = YamlDocuments.Parse(File.ReadAllText(Path.Combine(SharedData.DistributionRoot, "flux-images", version, "upstream-alpine.yaml")))[0]!;
        return list["images"]!.AsArray().OfType<JsonObject>().ToDictionary(
            i => i["name"]!.GetValue<string>().Split('/')[^1],
            i => i["digest"]!.GetValue<string>());
    }
}
