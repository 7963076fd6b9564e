using System.Diagnostics;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Catalogue;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Rendering.Patching;
using FluxOperator.Controllers.Serialization;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering;

/// <summary>The whole renderer against <c>kubectl kustomize</c> over the equivalent overlay, object by object.</summary>
public class RendererOracleTests
{
    public static TheoryData<string, string> Specs() => new()
    {
        { "default-2.3", Distro("2.3.x") },
        { "all-components-2.9", Distro("2.x") + "\n" + Scenarios.DefaultBuildScenarioTests.AllComponents },
        { "openshift-multitenant-sync-2.8", Distro("2.8.x") + "\ncluster:\n  type: openshift\n  multitenant: true\nsync:\n  kind: GitRepository\n  url: https://example.com/x.git\n  ref: main\n  path: clusters/prod" },
        { "large-gitops-namespace-2.6", Distro("2.6.x") + "\ncluster:\n  size: large\n  domain: example.internal" },
        { "sharded-2.9", Distro("2.9.x") + "\ncomponents: [source-controller, kustomize-controller, helm-controller, notification-controller, source-watcher]\nsharding:\n  shards: [shard1, shard2]" },
        { "persistent-shards-2.6", Distro("2.6.x") + "\nstorage:\n  class: standard\n  size: 10Gi\nsharding:\n  key: tenant.example.com/shard\n  shards: [a, b]\n  storage: persistent" },
        { "lockdown-small-2.9", Distro("2.9.x") + "\ncomponents: [source-controller, kustomize-controller, helm-controller, notification-controller, source-watcher]\ncluster:\n  size: small\n  multitenant: true\n  objectLevelWorkloadIdentity: true\n  multitenantWorkloadIdentity: true\nstorage:\n  class: standard\n  size: 5Gi\nsharding:\n  shards: [s1]" },
        { "mirror-without-digests-all-sharded-2.7", Distro("2.7.x", "registry.example.com/mirror/fluxcd") + "\n" + Scenarios.DefaultBuildScenarioTests.AllComponents + "\nsharding:\n  shards: [shard1]" },
        { "fluxcd-hub-two-components-s3-sync-2.5", Distro("2.5.x", "fluxcd") + "\ncomponents: [source-controller, kustomize-controller]\ncluster:\n  networkPolicy: false\nsync:\n  kind: Bucket\n  url: s3.amazonaws.com\n  ref: fleet\n  path: clusters/prod\n  provider: aws\n  interval: 1h" },
        { "user-patches-2.9", Distro("2.9.x", "registry.example.com/mirror") + "\n  imagePullSecret: pull\nkustomize:\n  patches:\n    - target:\n        kind: Deployment\n        labelSelector: app.kubernetes.io/component in (kustomize-controller, helm-controller)\n      patch: |\n        - op: add\n          path: /spec/template/spec/containers/0/args/-\n          value: --concurrent=10\n    - target:\n        kind: NetworkPolicy\n        name: allow-scraping\n      patch: |\n        apiVersion: networking.k8s.io/v1\n        kind: NetworkPolicy\n        metadata:\n          name: any\n        $patch: delete" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Renderer_matches_kubectl_kustomize_on_the_equivalent_overlay(string name, string spec)
    {
        var instance = ApiYaml.ReadFluxInstance(Instance(spec, name.Contains("gitops", StringComparison.Ordinal) ? "gitops" : "flux-system"));
        var (parameters, release) = Prepare(instance);
        var ours = FluxInstanceRenderer.Render(parameters, release).Objects;
        using var tree = new TemporaryDirectory();
        foreach (var (path, text) in KustomizationTree.For(parameters, release))
        {
            var file = Path.Combine(tree.Path, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        var theirs = YamlDocuments.ParseObjects(Kustomize(tree.Path));

        Assert.Equal(Ids(theirs), Ids(ours));
        var expected = theirs.ToDictionary(o => ResourceId.Of(o).ToString(), WithoutTemplateRootAnnotations);
        foreach (var obj in ours)
        {
            var id = ResourceId.Of(obj).ToString();
            Assert.True(JsonNode.DeepEquals(expected[id], obj), $"{name}: {id} differs\nkustomize: {CanonicalJson.Write(expected[id])}\nours:      {CanonicalJson.Write(obj)}");
        }
    }

    private static (BuildParameters, ReleaseManifests) Prepare(FluxInstance instance)
    {
        var catalogue = DistributionCatalogue.Open(Store);
        Assert.True(catalogue.TrySelectVersion(instance.Spec.Distribution.Version, null, out var version, out var error), error);
        var parameters = InstanceParameters.From(instance, version.Name);
        Assert.True(catalogue.TryResolveImages(version.Name, parameters.Registry, instance.Spec.Distribution.Variant, parameters.Components, out var images, out error), error);
        return (parameters with { Images = images.Images }, ReleaseManifests.Load(version.ReleaseDirectory));
    }

    private static string[] Ids(IEnumerable<JsonObject> objects) => objects.Select(o => ResourceId.Of(o).ToString()).Order(StringComparer.Ordinal).ToArray();

    // kustomize's commonAnnotations also reach pod templates; the operator's root annotations do not.
    private static JsonObject WithoutTemplateRootAnnotations(JsonObject obj)
    {
        if (obj["spec"]?["template"]?["metadata"]?["annotations"] is JsonObject annotations)
        {
            foreach (var (key, _) in FluxInstanceRendererRootAnnotations)
            {
                annotations.Remove(key);
            }

            if (annotations.Count == 0)
            {
                ((JsonObject)obj["spec"]!["template"]!["metadata"]!).Remove("annotations");
            }
        }

        return obj;
    }

    private static readonly (string, string)[] FluxInstanceRendererRootAnnotations =
        [("kustomize.toolkit.fluxcd.io/ssa", "Ignore"), ("kustomize.toolkit.fluxcd.io/prune", "Disabled")];

    private static string Kustomize(string directory)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output.Result;
    }
}
