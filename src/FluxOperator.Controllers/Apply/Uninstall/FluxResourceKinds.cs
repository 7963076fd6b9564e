namespace FluxOperator.Controllers.Apply.Uninstall;

/// <summary>The Flux custom resource kinds whose finalizers uninstall removes, with their groups.</summary>
public static class FluxResourceKinds
{
    /// <summary>Kind and group, in the documented order.</summary>
    public static IReadOnlyList<(string Group, string Kind)> All { get; } =
    [
        ("kustomize.toolkit.fluxcd.io", "Kustomization"),
        ("helm.toolkit.fluxcd.io", "HelmRelease"),
        ("source.toolkit.fluxcd.io", "GitRepository"),
        ("source.toolkit.fluxcd.io", "OCIRepository"),
        ("source.toolkit.fluxcd.io", "Bucket"),
        ("source.toolkit.fluxcd.io", "HelmRepository"),
        ("source.toolkit.fluxcd.io", "HelmChart"),
        ("source.extensions.fluxcd.io", "ArtifactGenerator"),
        ("source.toolkit.fluxcd.io", "ExternalArtifact"),
        ("notification.toolkit.fluxcd.io", "Alert"),
        ("notification.toolkit.fluxcd.io", "Provider"),
        ("notification.toolkit.fluxcd.io", "Receiver"),
        ("image.toolkit.fluxcd.io", "ImageRepository"),
        ("image.toolkit.fluxcd.io", "ImagePolicy"),
        ("image.toolkit.fluxcd.io", "ImageUpdateAutomation"),
    ];
}
