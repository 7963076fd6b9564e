using FluxOperator.Controllers.Inventory;

namespace FluxOperator.Controllers.Tests.Inventory;

public class CanonicalOrderTests
{
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

        var sorted = shuffled.Order(CanonicalOrder.Instance).Select(i => i.Kind).ToArray();

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

        Assert.Equal(["a/x", "a/y", "b/x"], ids.Order(CanonicalOrder.Instance).Select(i => $"{i.Namespace}/{i.Name}"));
    }
}
