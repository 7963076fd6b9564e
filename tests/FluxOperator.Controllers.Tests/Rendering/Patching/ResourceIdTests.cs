using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

public sealed class ResourceIdTests
{
    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"source-controller-shard1","namespace":"flux-system"}}""", "Service.v1.[noGrp]/source-controller-shard1.flux-system")]
    [InlineData("""{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"buckets.source.toolkit.fluxcd.io"}}""", "CustomResourceDefinition.v1.apiextensions.k8s.io/buckets.source.toolkit.fluxcd.io.[noNs]")]
    [InlineData("""{"kind":"Thing"}""", "Thing.[noVer].[noGrp]/[noName].[noNs]")]
    public void String_form_is_kustomizes(string manifest, string expected) =>
        Assert.Equal(expected, ResourceId.Of((JsonObject)JsonNode.Parse(manifest)!).ToString());

    [Fact]
    public void Empty_namespace_equals_default_for_namespaced_kinds_only()
    {
        Assert.Equal(new ResourceId("", "v1", "Service", "a", ""), new ResourceId("", "v1", "Service", "a", "default"));
        Assert.Equal("_non_namespaceable_", new ResourceId("rbac.authorization.k8s.io", "v1", "ClusterRole", "a", "").EffectiveNamespace);
        Assert.NotEqual(new ResourceId("", "v1", "Service", "a", ""), new ResourceId("", "v1", "Service", "a", "flux-system"));
    }
}
