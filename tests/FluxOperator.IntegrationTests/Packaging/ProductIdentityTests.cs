using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>
/// We publish under our own identity (image, OLM package, vendor), never the Go operator's, while every name the
/// cluster sees stays the Go operator's so we remain a drop-in replacement.
/// </summary>
public sealed partial class ProductIdentityTests
{
    // The Go operator's publisher: none of it may appear as ours in anything we ship.
    private static readonly string[] UpstreamIdentity =
    [
        "ghcr.io/controlplaneio-fluxcd/flux-operator:", "ghcr.io/controlplaneio-fluxcd/flux-operator@", "controlplaneio-fluxcd/flux-operator-bundle",
        "controlplaneio-fluxcd/flux-operator-catalog", "flux-enterprise@control-plane.io", "ControlPlane Ltd.", "ControlPlane Flux Team",
        "https://github.com/controlplaneio-fluxcd/flux-operator",
    ];

    [Fact]
    public void The_identity_is_set_once_in_Directory_Build_props_and_is_not_upstreams()
    {
        var props = XDocument.Load(Path.Combine(PackagingPaths.RepositoryRoot, "Directory.Build.props"));
        string Property(string name) => props.Descendants(name).Single().Value;

        Assert.Equal(Property("ProductPackageName"), ProductIdentity.PackageName);
        Assert.Equal(Property("ProductImageRepository"), ProductIdentity.ImageRepository);
        Assert.Equal(Property("ProductDisplayName"), ProductIdentity.DisplayName);
        Assert.NotEqual("flux-operator", ProductIdentity.PackageName);
        Assert.DoesNotContain("controlplaneio-fluxcd", ProductIdentity.ImageRepository, StringComparison.Ordinal);
        Assert.DoesNotContain("ControlPlane", ProductIdentity.Provider, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_files_carry_our_identity_and_none_of_upstreams()
    {
        var shipped = new[] { "dist", "bundle", "olm", "config" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(PackagingPaths.RepositoryRoot, d), "*", SearchOption.AllDirectories))
            .Append(Path.Combine(PackagingPaths.RepositoryRoot, "Dockerfile"))
            .ToArray();

        Assert.All(shipped, file =>
        {
            var text = File.ReadAllText(file);
            Assert.All(UpstreamIdentity, marker => Assert.False(text.Contains(marker, StringComparison.Ordinal), $"{file} names {marker}"));
        });
    }

    [Fact]
    public void Bundle_catalog_and_install_manifest_read_the_identity()
    {
        var csv = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(PackagingPaths.CommittedBundle, BundleRenderer.CsvFile))).Single();
        Assert.Equal($"{ProductIdentity.PackageName}.v{Controllers.OperatorInfo.Version}", csv["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(ProductIdentity.DisplayName, csv["spec"]!["displayName"]!.GetValue<string>());
        Assert.Equal(ProductIdentity.Provider, csv["spec"]!["provider"]!["name"]!.GetValue<string>());
        Assert.Equal(ProductIdentity.MaintainerEmail, csv["spec"]!["maintainers"]![0]!["email"]!.GetValue<string>());
        Assert.Equal(ProductIdentity.SourceUrl, csv["metadata"]!["annotations"]!["repository"]!.GetValue<string>());
        Assert.StartsWith(ProductIdentity.ImageRepository + ":v", csv["metadata"]!["annotations"]!["containerImage"]!.GetValue<string>(), StringComparison.Ordinal);

        var annotations = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(PackagingPaths.CommittedBundle, "metadata", "annotations.yaml"))).Single();
        Assert.Equal(ProductIdentity.PackageName, annotations["annotations"]!["operators.operatorframework.io.bundle.package.v1"]!.GetValue<string>());

        var catalog = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(PackagingPaths.CatalogRoot, ProductIdentity.PackageName, "catalog.yaml")));
        Assert.Contains(catalog, d => d["schema"]!.GetValue<string>() == "olm.package" && d["name"]!.GetValue<string>() == ProductIdentity.PackageName);
        Assert.All(catalog.Where(d => d["schema"]!.GetValue<string>() == "olm.bundle"),
            b => Assert.StartsWith(OlmPackage.BundleImage + "@sha256:", b["image"]!.GetValue<string>(), StringComparison.Ordinal));

        var install = ManifestSet.FromKustomization(Path.Combine(PackagingPaths.ConfigRoot, "default"));
        var image = install.Single("Deployment", "flux-operator")["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
        Assert.StartsWith(ProductIdentity.ImageRepository + ":", image, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_facing_names_stay_the_go_operators_for_a_drop_in()
    {
        var install = ManifestSet.FromKustomization(Path.Combine(PackagingPaths.ConfigRoot, "default"));

        Assert.NotNull(install.Single("ServiceAccount", "flux-operator"));
        Assert.NotNull(install.Single("Service", "flux-operator"));
        var deployment = install.Single("Deployment", "flux-operator");
        Assert.Equal("flux-system", deployment["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("flux-operator", deployment["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
        Assert.All(install.Objects.Where(o => ManifestSet.KindOf(o) == "CustomResourceDefinition"),
            crd => Assert.Equal("fluxcd.controlplane.io", crd["spec"]!["group"]!.GetValue<string>()));
    }

    [Fact]
    public void Dockerfile_identity_labels_equal_the_identity()
    {
        var text = File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, "Dockerfile"));
        string Label(string key) => Regex.Match(text, $@"{Regex.Escape(key)}=""([^""]*)""").Groups[1].Value;

        Assert.Equal(ProductIdentity.DisplayName, Label("org.opencontainers.image.title"));
        Assert.Equal(ProductIdentity.SourceUrl, Label("org.opencontainers.image.source"));
        Assert.Equal(ProductIdentity.DocumentationUrl, Label("org.opencontainers.image.url"));
        Assert.Equal(ProductIdentity.Provider, Label("org.opencontainers.image.vendor"));
        Assert.Equal($"{ProductIdentity.MaintainerName} <{ProductIdentity.MaintainerEmail}>", Label("maintainer"));
        Assert.Contains($"-t {ProductIdentity.ImageRepository}:v", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_icon_is_our_own_simple_svg()
    {
        var icon = File.ReadAllText(Path.Combine(PackagingPaths.ConfigRoot, ClusterServiceVersionRenderer.IconPath));

        Assert.StartsWith("<svg ", icon, StringComparison.Ordinal);
        Assert.Contains($"<title>{ProductIdentity.DisplayName}</title>", icon, StringComparison.Ordinal);
        Assert.DoesNotContain("<image", icon, StringComparison.Ordinal);
    }
}
