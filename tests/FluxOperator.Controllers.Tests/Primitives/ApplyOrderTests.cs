using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Tests.Primitives;

public sealed class ApplyOrderTests
{
    private static JsonObject Object(string apiVersion, string kind, string name, string? ns = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    [Fact]
    public void Crds_and_namespaces_come_first_and_webhooks_last()
    {
        var sorted = ApplyOrder.Sort(
        [
            Object("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "v"),
            Object("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "flux-system"),
            Object("apps/v1", "Deployment", "source-controller", "flux-system"),
            Object("v1", "Namespace", "flux-system"),
            Object("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "m"),
            Object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "buckets.source.toolkit.fluxcd.io"),
            Object("v1", "ServiceAccount", "source-controller", "flux-system"),
        ]);

        Assert.Equal(
            ["CustomResourceDefinition", "Namespace", "ServiceAccount", "Deployment", "GitRepository", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
            sorted.Select(o => o["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void Rank_zero_kinds_sort_by_group_then_kind_then_namespace_then_name()
    {
        var sorted = ApplyOrder.Sort(
        [
            Object("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "flux-system"),
            Object("networking.k8s.io/v1", "NetworkPolicy", "allow-webhooks", "flux-system"),
            Object("networking.k8s.io/v1", "NetworkPolicy", "allow-egress", "flux-system"),
            Object("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", "flux-system"),
            Object("v1", "PersistentVolumeClaim", "source-controller", "flux-system"),
            Object("networking.k8s.io/v1", "NetworkPolicy", "allow-scraping", "flux-system"),
        ]);

        Assert.Equal(
            ["PersistentVolumeClaim/source-controller", "Kustomization/flux-system", "NetworkPolicy/allow-egress", "NetworkPolicy/allow-scraping", "NetworkPolicy/allow-webhooks", "GitRepository/flux-system"],
            sorted.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}"));
    }

    [Theory]
    [InlineData("CustomResourceDefinition", -23)]
    [InlineData("Namespace", -22)]
    [InlineData("ClusterRoleBinding", -13)]
    [InlineData("Deployment", -4)]
    [InlineData("PodDisruptionBudget", -1)]
    [InlineData("NetworkPolicy", 0)]
    [InlineData("MutatingWebhookConfiguration", 1)]
    [InlineData("ValidatingWebhookConfiguration", 2)]
    public void Kind_ranks_follow_the_table(string kind, int rank) => Assert.Equal(rank, ApplyOrder.Rank(kind));

    [Fact]
    public void Kinds_follow_the_priority_list_then_others_then_webhooks()
    {
        ObjectId[] shuffled =
        [
            new("", "v", "admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
            new("ns", "b", "source.toolkit.fluxcd.io", "GitRepository"),
            new("ns", "d", "apps", "Deployment"),
            new("", "m", "admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
            new("ns", "a", "kustomize.toolkit.fluxcd.io", "Kustomization"),
            new("ns", "np", "networking.k8s.io", "NetworkPolicy"),
            new("ns", "svc", "", "Service"),
            new("", "cr", "rbac.authorization.k8s.io", "ClusterRole"),
            new("", "ns", "", "Namespace"),
            new("", "crd", "apiextensions.k8s.io", "CustomResourceDefinition"),
        ];

        var sorted = shuffled.Order(ApplyOrder.Comparer).Select(i => i.Kind).ToArray();

        Assert.Equal(
        [
            "CustomResourceDefinition", "Namespace", "ClusterRole", "Service", "Deployment",
            "Kustomization", "NetworkPolicy", "GitRepository", // other kinds: by group
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        ], sorted);
    }

    [Fact]
    public void Ties_break_on_namespace_then_name()
    {
        ObjectId[] ids = [new("b", "x", "apps", "Deployment"), new("a", "y", "apps", "Deployment"), new("a", "x", "apps", "Deployment")];

        Assert.Equal(["a/x", "a/y", "b/x"], ids.Order(ApplyOrder.Comparer).Select(i => $"{i.Namespace}/{i.Name}"));
    }
}
