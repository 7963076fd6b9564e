using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Primitives;

public class ObjectIdTests
{
    [Theory]
    [InlineData("flux-system", "source-controller", "", "ServiceAccount", "flux-system_source-controller__ServiceAccount")]
    [InlineData("", "cluster-reconciler-flux-system", "rbac.authorization.k8s.io", "ClusterRoleBinding", "_cluster-reconciler-flux-system_rbac.authorization.k8s.io_ClusterRoleBinding")]
    [InlineData("", "gitrepositories.source.toolkit.fluxcd.io", "apiextensions.k8s.io", "CustomResourceDefinition", "_gitrepositories.source.toolkit.fluxcd.io_apiextensions.k8s.io_CustomResourceDefinition")]
    [InlineData("", "system:flux:edit", "rbac.authorization.k8s.io", "ClusterRole", "_system__flux__edit_rbac.authorization.k8s.io_ClusterRole")]
    [InlineData("flux-system", "a:b", "rbac.authorization.k8s.io", "RoleBinding", "flux-system_a__b_rbac.authorization.k8s.io_RoleBinding")]
    [InlineData("flux-system", "flux-system", "source.toolkit.fluxcd.io", "GitRepository", "flux-system_flux-system_source.toolkit.fluxcd.io_GitRepository")]
    public void Id_is_written_and_parsed_like_the_go_operator(string ns, string name, string group, string kind, string text)
    {
        var id = new ObjectId(ns, name, group, kind);

        Assert.Equal(text, id.ToString());
        Assert.Equal(id, ObjectId.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-separators")]
    [InlineData("ns_name")]
    [InlineData("ns_name_group")]
    [InlineData("ns__group_")]
    [InlineData("ns_a_b_group_Kind")]
    public void Malformed_ids_are_rejected(string text)
    {
        Assert.False(ObjectId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ObjectId.Parse(text));
    }

    [Fact]
    public void Colons_stay_in_names_of_kinds_other_than_rbac()
    {
        var id = new ObjectId("", "x:y", "example.com", "Widget");

        Assert.Equal("_x:y_example.com_Widget", id.ToString());
    }

    [Fact]
    public void Identity_comes_from_api_version_kind_and_metadata()
    {
        var obj = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"apps"}}""")!.AsObject();

        var id = ObjectId.Of(obj);

        Assert.Equal(new ObjectId("apps", "web", "apps", "Deployment"), id);
        Assert.Equal("Deployment/apps/web", id.Subject);
        Assert.Equal("Namespace/flux-system", new ObjectId("", "flux-system", "", "Namespace").Subject);
    }
}
