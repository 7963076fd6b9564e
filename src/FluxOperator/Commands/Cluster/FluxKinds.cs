using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Commands.Cluster;

/// <summary>One Flux kind as the command line addresses it: its resource, short name, and whether a controller reconciles it.</summary>
internal sealed record FluxKind(ResourceType Type, string ShortName, bool Reconcilable, bool OperatorKind)
{
    public string Kind => Type.Kind;
}

/// <summary>
/// The Flux kinds the CLI knows, by group/version/plural only: commands read them as untyped JSON, so a kind added here
/// (ResourceSet, ResourceSetInputProvider, …) works in <c>get all</c> and <c>--kind</c> without any typed class.
/// </summary>
internal static class FluxKinds
{
    public static FluxKind Instance { get; } = Operator("FluxInstance", "fluxinstances", "instance");

    public static FluxKind Report { get; } = Operator("FluxReport", "fluxreports", "report");

    public static FluxKind ResourceSet { get; } = Operator("ResourceSet", "resourcesets", "rset");

    public static FluxKind InputProvider { get; } = Operator("ResourceSetInputProvider", "resourcesetinputproviders", "rsip");

    public static FluxKind Kustomization { get; } = Toolkit("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations", "ks");

    public static FluxKind HelmRelease { get; } = Toolkit("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases", "hr");

    public static IReadOnlyList<FluxKind> All { get; } =
    [
        Instance,
        Report,
        ResourceSet,
        InputProvider,
        Kustomization,
        HelmRelease,
        Toolkit("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories", "gitrepo"),
        Toolkit("source.toolkit.fluxcd.io", "v1", "OCIRepository", "ocirepositories", "ocirepo"),
        Toolkit("source.toolkit.fluxcd.io", "v1", "Bucket", "buckets", "bucket"),
        Toolkit("source.toolkit.fluxcd.io", "v1", "HelmRepository", "helmrepositories", "helmrepo"),
        Toolkit("source.toolkit.fluxcd.io", "v1", "HelmChart", "helmcharts", "hc"),
        Toolkit("source.extensions.fluxcd.io", "v1beta1", "ArtifactGenerator", "artifactgenerators", "ag"),
        Toolkit("source.toolkit.fluxcd.io", "v1", "ExternalArtifact", "externalartifacts", "ea", reconcilable: false),
        Toolkit("notification.toolkit.fluxcd.io", "v1beta3", "Alert", "alerts", "alert", reconcilable: false),
        Toolkit("notification.toolkit.fluxcd.io", "v1beta3", "Provider", "providers", "provider", reconcilable: false),
        Toolkit("notification.toolkit.fluxcd.io", "v1", "Receiver", "receivers", "receiver"),
        Toolkit("image.toolkit.fluxcd.io", "v1", "ImageRepository", "imagerepositories", "imgrepo"),
        Toolkit("image.toolkit.fluxcd.io", "v1", "ImagePolicy", "imagepolicies", "imgpol"),
        Toolkit("image.toolkit.fluxcd.io", "v1", "ImageUpdateAutomation", "imageupdateautomations", "imgauto"),
    ];

    /// <summary>A kind by its name or short name, case-insensitively; null when unknown.</summary>
    public static FluxKind? Find(string nameOrShortName) =>
        All.FirstOrDefault(k => string.Equals(k.Kind, nameOrShortName, StringComparison.OrdinalIgnoreCase)
                                || string.Equals(k.ShortName, nameOrShortName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The kind at the version the cluster prefers for its group (a cluster may still serve only an older version, e.g.
    /// <c>helm.toolkit.fluxcd.io/v2beta2</c>); the table's version when discovery does not say.
    /// </summary>
    public static async Task<FluxKind> ServedAsync(ClusterSession session, FluxKind kind, CancellationToken cancellationToken)
    {
        try
        {
            var group = await session.Client.GetRawAsync($"apis/{kind.Type.Group}", cancellationToken).ConfigureAwait(false);
            if (group?["preferredVersion"]?["version"] is JsonValue value && value.TryGetValue<string>(out var version) && version != kind.Type.Version)
            {
                return kind with { Type = kind.Type with { Version = version } };
            }
        }
        catch (FluxOperator.Controllers.Runtime.Kube.KubeApiException)
        {
            // Discovery denied or absent: the table's version is the best guess.
        }

        return kind;
    }

    private static FluxKind Operator(string kind, string plural, string shortName) =>
        new(new ResourceType("fluxcd.controlplane.io", "v1", kind, plural, true), shortName, true, OperatorKind: true);

    private static FluxKind Toolkit(string group, string version, string kind, string plural, string shortName, bool reconcilable = true) =>
        new(new ResourceType(group, version, kind, plural, true), shortName, reconcilable, OperatorKind: false);
}
