using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Rendering.Planning;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Planning;

/// <summary>The plan between two renders of the real releases (2.8.x → 2.9.x), read in place.</summary>
public class RenderPlanTests
{
    private const string Components = "components: [source-controller, kustomize-controller, helm-controller, notification-controller, image-reflector-controller, image-automation-controller]";

    [Fact]
    public void Minor_upgrade_lists_every_object_the_version_label_touches_the_new_images_and_the_dropped_crd_versions()
    {
        var (from, before) = Prepared("2.8.8");
        var (to, after) = Prepared("2.9.4");

        var plan = RenderPlan.Compare(from.Version, before, to.Version, after);

        // Every object carries the version label, so every object present in both renders changes.
        var beforeIds = before.Select(FluxOperator.Controllers.Primitives.ObjectId.Of).ToHashSet();
        var afterIds = after.Select(FluxOperator.Controllers.Primitives.ObjectId.Of).ToHashSet();
        Assert.Equal(afterIds.Except(beforeIds).Order().ToArray(), plan.Entries.Where(e => e.Action == PlanAction.Added).Select(e => e.Id).Order().ToArray());
        Assert.Equal(beforeIds.Except(afterIds).Order().ToArray(), plan.Entries.Where(e => e.Action == PlanAction.Removed).Select(e => e.Id).Order().ToArray());
        Assert.Equal(afterIds.Intersect(beforeIds).Count(), plan.Changed);
        Assert.All(plan.Entries.Where(e => e.Action == PlanAction.Changed), e => Assert.Contains("metadata.labels['app.kubernetes.io/version']", e.FieldPaths));

        // One image change per controller, from the 2.8.8 image to the 2.9.4 one, and the field path says where.
        Assert.Equal(6, plan.Images.Count);
        foreach (var component in to.Components)
        {
            var change = Assert.Single(plan.Images, i => i.Workload == $"Deployment/flux-system/{component.Name}");
            Assert.Equal("manager", change.Container);
            Assert.Equal(Image(from.Components.Single(c => c.Name == component.Name)), change.From);
            Assert.Equal(Image(component), change.To);
        }

        var source = plan.Entries.Single(e => e.Id.Subject == "Deployment/flux-system/source-controller");
        Assert.Contains("spec.template.spec.containers[name=manager].image", source.FieldPaths);

        // 2.9 drops the v1beta2 APIs of the image and notification kinds; storage versions stay.
        Assert.Equal(
            [
                "alerts.notification.toolkit.fluxcd.io: v1beta2,v1beta3* → v1beta3*",
                "imagepolicies.image.toolkit.fluxcd.io: v1*,v1beta2 → v1*",
                "imagerepositories.image.toolkit.fluxcd.io: v1*,v1beta2 → v1*",
                "imageupdateautomations.image.toolkit.fluxcd.io: v1*,v1beta2 → v1*",
                "providers.notification.toolkit.fluxcd.io: v1beta2,v1beta3* → v1beta3*",
                "receivers.notification.toolkit.fluxcd.io: v1*,v1beta2 → v1*",
            ],
            plan.Crds.Select(c => c.ToString()));
        Assert.StartsWith($"objects: 0 added, {plan.Changed} changed, 0 removed; images changed: 6; CRD versions change: alerts.notification.toolkit.fluxcd.io (v1beta2,v1beta3* → v1beta3*), ", plan.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Patch_release_within_a_minor_changes_images_but_no_crd_versions()
    {
        var (from, before) = Prepared("2.9.2");
        var (to, after) = Prepared("2.9.4");

        var plan = RenderPlan.Compare(from.Version, before, to.Version, after);

        Assert.Empty(plan.Crds);
        Assert.Equal(0, plan.Added + plan.Removed);
        Assert.Contains("CRD versions change: none", plan.Summary(), StringComparison.Ordinal);
        Assert.Contains("Plan v2.9.2 → v2.9.4: ", plan.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Same_render_is_an_empty_plan()
    {
        var (result, objects) = Prepared("2.9.4");
        var (_, again) = Prepared("2.9.4");

        var plan = RenderPlan.Compare(result.Version, objects, result.Version, again);

        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Images);
        Assert.Equal("objects: 0 added, 0 changed, 0 removed; images changed: 0; CRD versions change: none", plan.Summary());
    }

    [Fact]
    public void Dropping_a_component_removes_its_objects_in_prune_order_and_adding_one_adds_them()
    {
        var (_, all) = Prepared("2.9.4");
        var (_, fewer) = Prepared("2.9.4", "components: [source-controller, kustomize-controller]");

        var removal = RenderPlan.Compare("v2.9.4", all, "v2.9.4", fewer);
        var addition = RenderPlan.Compare("v2.9.4", fewer, "v2.9.4", all);

        var removed = removal.Entries.Where(e => e.Action == PlanAction.Removed).ToArray();
        Assert.Contains(removed, e => e.Id.Subject == "Deployment/flux-system/helm-controller");
        Assert.Contains(removed, e => e.Id.Subject == "CustomResourceDefinition/helmreleases.helm.toolkit.fluxcd.io");
        // Prune order: workloads go before the CRDs they serve.
        Assert.True(Array.FindIndex(removed, e => e.Id.Kind == "Deployment") < Array.FindIndex(removed, e => e.Id.Kind == "CustomResourceDefinition"));
        Assert.Equal(removal.Removed, addition.Added);
        Assert.Contains(addition.Crds, c => c.Name == "helmreleases.helm.toolkit.fluxcd.io" && c.From.Count == 0 && c.To.SequenceEqual(["v2*"]));
        Assert.Contains(addition.Images, i => i.Workload == "Deployment/flux-system/helm-controller" && i.From is null);
    }

    [Fact]
    public void Field_paths_match_named_list_items_by_name_and_quote_keys_with_dots()
    {
        var before = JsonNode.Parse("""{"metadata":{"labels":{"a.b/c":"1"}},"spec":{"containers":[{"name":"a","image":"x:1","args":["--x"]},{"name":"b","image":"y"}]}}""")!.AsObject();
        var after = JsonNode.Parse("""{"metadata":{"labels":{"a.b/c":"2"}},"spec":{"containers":[{"name":"c","image":"z"},{"name":"a","image":"x:2","args":["--x","--y"]},{"name":"b","image":"y"}]}}""")!.AsObject();

        Assert.Equal(
            ["metadata.labels['a.b/c']", "spec.containers[name=a].args", "spec.containers[name=a].image", "spec.containers[name=c]"],
            FieldDiff.Paths(before, after));
    }

    [Fact]
    public void Field_paths_stop_at_the_depth_limit()
    {
        var before = JsonNode.Parse("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":1,"i":1}}}}}}}}""")!.AsObject();
        var after = JsonNode.Parse("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":2,"i":2}}}}}}}}""")!.AsObject();

        Assert.Equal(["a.b.c.d.e.f"], FieldDiff.Paths(before, after));
    }

    private static string Image(ComponentImage image) => $"{image.Repository}:{image.Tag}" + (image.Digest is null ? "" : "@" + image.Digest);

    private static (RenderResult Result, IReadOnlyList<JsonObject> Objects) Prepared(string version, string components = Components)
    {
        var yaml = Instance(Distro(version) + "\n" + components);
        var result = Outcome(yaml).Result;
        return (result, AppliedMetadata.Prepare(result.Objects, ApiYaml.ReadFluxInstance(yaml)));
    }
}
