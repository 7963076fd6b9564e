using System.Diagnostics;
using System.Text.Json.Nodes;
using FluxOperator.Packaging;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary><c>kubectl apply --dry-run=client</c> accepts install.yaml, every bundle manifest and every alm-example (API emulator).</summary>
/// <remarks>kubectl validates with the emulator's OpenAPI index; the emulator publishes no OpenAPI for custom
/// resources, so the examples go with <c>--validate=false</c> and their schema checks are in <see cref="CrdAndExampleTests"/>.</remarks>
public sealed class KubectlDryRunTests
{
    [Fact]
    public async Task Kubectl_accepts_the_install_manifest()
    {
        await using var api = await KubeApiServer.StartAsync();
        var output = await Kubectl(api, "apply", "--dry-run=client", "-f", Path.Combine(PackagingPaths.RepositoryRoot, InstallManifest.DefaultPath));
        Assert.Contains("deployment.apps/flux-operator created (dry run)", output, StringComparison.Ordinal);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/fluxinstances.fluxcd.controlplane.io created (dry run)", output, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public async Task Kubectl_accepts_every_bundle_manifest(string flavour)
    {
        await using var api = await KubeApiServer.StartAsync();
        api.Seed(ClusterServiceVersionCrd());
        foreach (var file in Directory.GetFiles(Path.Combine(BundleUnderTest.Get(flavour).Directory, "manifests")).Order(StringComparer.Ordinal))
        {
            var output = await Kubectl(api, "apply", "--dry-run=client", "-f", file);
            Assert.EndsWith("created (dry run)", output.Trim(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Kubectl_accepts_every_alm_example_once_the_bundled_crds_are_installed()
    {
        await using var api = await KubeApiServer.StartAsync();
        var bundle = BundleUnderTest.Get("committed");
        foreach (var crd in bundle.Manifests.Where(m => ManifestSet.KindOf(m.Value) == "CustomResourceDefinition"))
        {
            await Kubectl(api, "apply", "--validate=false", "-f", Path.Combine(bundle.Directory, "manifests", crd.Key));
        }

        var examples = Path.Combine(CatalogUnderTest.TemporaryFolder("flux-operator-examples"), "examples.json");
        File.WriteAllText(examples, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = bundle.Examples.DeepClone() }.ToJsonString());
        var output = await Kubectl(api, "apply", "--dry-run=client", "--validate=false", "-f", examples);
        Assert.Contains("fluxinstance.fluxcd.controlplane.io/flux created (dry run)", output, StringComparison.Ordinal);
        Assert.Contains("fluxreport.fluxcd.controlplane.io/flux created (dry run)", output, StringComparison.Ordinal);
    }

    // OLM installs this CRD on a cluster; a minimal copy lets kubectl map the CSV's kind.
    private static JsonObject ClusterServiceVersionCrd() => JsonNode.Parse("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"clusterserviceversions.operators.coreos.com"},
         "spec":{"group":"operators.coreos.com","scope":"Namespaced",
           "names":{"plural":"clusterserviceversions","singular":"clusterserviceversion","kind":"ClusterServiceVersion","listKind":"ClusterServiceVersionList","shortNames":["csv"]},
           "versions":[{"name":"v1alpha1","served":true,"storage":true,
             "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """)!.AsObject();

    private static async Task<string> Kubectl(KubeApiServer api, params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KUBECONFIG"] = api.KubeconfigPath;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)}: {await error}");
        return await output;
    }
}
