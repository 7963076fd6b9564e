using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Tests.TestSupport;
using CanonicalJson = FluxOperator.Controllers.Rendering.CanonicalJson;
using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Scenarios;

/// <summary>What the revision depends on, artifacts limited to embedded minors, downgrades.</summary>
public class RevisionScenarioTests
{
    private const string CommonMetadata = """

        commonMetadata:
          labels:
            app.kubernetes.io/name: flux
          annotations:
            toolkit.fluxcd.io/tenant: sre-team
        """;

    [Fact]
    public void Common_metadata_is_outside_the_build_and_the_revision()
    {
        var yaml = Instance(Distro("2.9.x") + CommonMetadata);
        var with = Build(yaml);
        var without = Build(Instance(Distro("2.9.x")));

        Assert.Equal(without.Result.Revision, with.Result.Revision);
        Assert.Equal(without.All.Select(CanonicalJson.Write), with.All.Select(CanonicalJson.Write));
    }

    [Fact]
    public void Objects_prepared_for_apply_carry_common_metadata_and_ownership_but_pod_templates_do_not()
    {
        var instance = ApiYaml.ReadFluxInstance(Instance(Distro("2.9.x") + CommonMetadata));
        var build = FluxInstanceBuilder.Build(instance, new BuildSources(Store)).Result;

        var prepared = AppliedMetadata.Prepare(build.Objects, instance);

        Assert.Equal(build.Objects.Count, prepared.Count);
        foreach (var obj in prepared)
        {
            Assert.Equal("flux", Labels(obj)["app.kubernetes.io/name"]);
            Assert.Equal("flux", Labels(obj)["fluxcd.controlplane.io/name"]);
            Assert.Equal("flux-system", Labels(obj)["fluxcd.controlplane.io/namespace"]);
            Assert.Equal("sre-team", Annotations(obj)["toolkit.fluxcd.io/tenant"]);
        }

        Assert.All(prepared.Where(o => Kind(o) == "Deployment"), d =>
        {
            Assert.False(Map(d["spec"]!["template"]!["metadata"]!["labels"]).ContainsKey("app.kubernetes.io/name"));
            Assert.False(Map(d["spec"]!["template"]!["metadata"]!["annotations"]).ContainsKey("toolkit.fluxcd.io/tenant"));
        });
        Assert.DoesNotContain(build.Objects, o => Labels(o).ContainsKey("fluxcd.controlplane.io/name"));
    }

    [Fact]
    public void An_artifact_never_brings_a_minor_the_operator_does_not_embed()
    {
        using var stores = new TemporaryDirectory();
        var embedded = Path.Combine(stores.Path, "embedded");
        var artifact = Path.Combine(stores.Path, "artifact");
        var release = Path.Combine(SharedData.DistributionRoot, "flux", "v2.3.0");
        CopyFolder(release, Path.Combine(embedded, "flux", "v2.3.0"));
        CopyFolder(release, Path.Combine(artifact, "flux", "v2.3.1"));
        CopyFolder(release, Path.Combine(artifact, "flux", "v2.9.0"));
        Directory.CreateDirectory(Path.Combine(artifact, "flux-images", "v2.3.1"));
        File.WriteAllText(
            Path.Combine(artifact, "flux-images", "v2.3.1", "upstream-alpine.yaml"),
            "images:\n  - name: ghcr.io/fluxcd/source-controller\n    newTag: v1.3.0\n    digest: sha256:" + new string('a', 64) + "\n");
        var spec = Distro("2.x") + "\n  artifact: \"oci://registry.local/flux-operator-manifests:latest\"\ncomponents: [source-controller]";
        var sources = new BuildSources(artifact) { EmbeddedRoot = embedded };

        var build = new RenderedObjects(FluxInstanceBuilder.Build(ApiYaml.ReadFluxInstance(Instance(spec)), sources).Result);
        var error = Assert.Throws<RenderException>(() =>
            FluxInstanceBuilder.Build(ApiYaml.ReadFluxInstance(Instance(spec.Replace("\"2.x\"", "\"2.9.x\"", StringComparison.Ordinal))), sources));

        Assert.Equal("v2.3.1", build.Result.Version);
        Assert.EndsWith("@sha256:" + new string('a', 64), build.Image("source-controller"), StringComparison.Ordinal);
        Assert.Equal(
            $"no match found for semver: 2.9.x in {Path.Combine(artifact, "flux")} matching embedded minor versions in {Path.Combine(embedded, "flux")}",
            error.Message);
    }

    [Fact]
    public void Minor_downgrades_are_refused_and_patch_downgrades_allowed()
    {
        const string Last = "v2.9.4@sha256:0000000000000000000000000000000000000000000000000000000000000000";

        Assert.Equal("downgrading from v2.9.4 to v2.8.8 is not supported, reinstall needed", Error(Instance(Distro("2.8.x")), Last));
        Assert.Equal("v2.9.0", Build(Instance(Distro("2.9.0")), Last).Result.Version);
    }

    [Fact]
    public void Builds_are_deterministic()
    {
        var yaml = Instance(Distro("2.x") + "\n" + DefaultBuildScenarioTests.AllComponents);
        var first = Build(yaml);
        var second = Build(yaml);

        Assert.Equal(first.Result.Revision, second.Result.Revision);
        Assert.Equal(first.All.Select(CanonicalJson.Write), second.All.Select(CanonicalJson.Write));
    }

    [Fact]
    public void Component_order_changes_the_revision_but_not_the_sorted_objects()
    {
        var original = Build(Instance(Distro("2.x") + "\n" + DefaultBuildScenarioTests.AllComponents));
        var reordered = Build(Instance(Distro("2.x") + """

            components:
              - source-watcher
              - image-automation-controller
              - image-reflector-controller
              - notification-controller
              - helm-controller
              - kustomize-controller
              - source-controller
            """));

        Assert.NotEqual(original.Result.Revision, reordered.Result.Revision);
        Assert.Equal(original.All.Select(CanonicalJson.Write), reordered.All.Select(CanonicalJson.Write));
        Assert.Equal(original.Result.Components.Select(c => c.Name).Reverse(), reordered.Result.Components.Select(c => c.Name));
    }

    [Fact]
    public void Runtime_only_fields_and_annotations_keep_the_revision()
    {
        var plain = Build(Instance(Distro("2.x"))).Result.Revision;
        var runtimeOnly = Instance(Distro("2.x") + "\nwait: false\nmigrateResources: false")
            .Replace("  namespace: flux-system", "  namespace: flux-system\n  annotations:\n    fluxcd.controlplane.io/reconcileEvery: 5m", StringComparison.Ordinal);

        Assert.Equal(plain, Build(runtimeOnly).Result.Revision);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
