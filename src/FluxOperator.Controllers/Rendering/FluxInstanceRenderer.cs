using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Renders the Flux installation: build parameters + release manifests → ordered objects, images, revision (docs/rendering.md).</summary>
/// <remarks>Pure: values in, values out. Every built-in behaviour is a patch run by the same engine as the user's
/// patches, so both share one set of semantics and the patch order (docs/rendering.md#root-patches) holds by construction.</remarks>
public static class FluxInstanceRenderer
{
    /// <summary>Builds the objects for <paramref name="parameters"/> from <paramref name="release"/>.</summary>
    /// <exception cref="RenderException">A build check failed or the build did; no objects are returned.</exception>
    public static RenderResult Render(BuildParameters parameters, ReleaseManifests release) =>
        Render(parameters, release, BuildChecks.Run(parameters));

    /// <summary>Builds the objects when <see cref="BuildChecks.Run"/> already passed for these parameters.</summary>
    /// <param name="parameters">The build parameters the checks ran on (images may have been added since).</param>
    /// <param name="release">The release manifests.</param>
    /// <param name="gates">What <see cref="BuildChecks.Run"/> returned.</param>
    /// <exception cref="RenderException">The build failed; no objects are returned.</exception>
    internal static RenderResult Render(BuildParameters parameters, ReleaseManifests release, ReleaseGates gates)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(release);
        IReadOnlyList<Resource> emitted;
        try
        {
            emitted = RootLayer(parameters, release, gates).Build();
        }
        catch (KustomizeError e)
        {
            throw new RenderException(e.Reason, e.PatchOrigin, e);
        }

        var inEmissionOrder = emitted.Select(r => r.Manifest).ToArray();
        var revision = RevisionDigest.Revision(parameters.Version, inEmissionOrder);
        var sorted = ApplyOrder.Sort(inEmissionOrder);
        return new RenderResult(parameters.Version, sorted, StatusComponents.Extract(sorted, parameters.Components), revision);
    }

    private static Layer RootLayer(BuildParameters parameters, ReleaseManifests release, ReleaseGates gates)
    {
        // Emission order (docs/rendering.md#emission-order): it is what the revision hashes, so it must not change.
        var root = new Layer { Namespace = parameters.Namespace };
        root.Add(GeneratedObjects.Namespace(parameters.Namespace));
        if (parameters.NetworkPolicy)
        {
            root.Add(release.Objects("policies"));
        }

        root.Add(RolesLayer.Create(release.Text("rbac"), parameters.Namespace, gates, WorkloadIdentity.RemovesTokenPermission(parameters, gates)));
        foreach (var component in parameters.Components)
        {
            root.Add(release.Objects(component));
        }

        var shardable = parameters.Components.Where(c => ShardLayer.IsShardable(c, gates)).ToArray();
        foreach (var shard in parameters.Shards)
        {
            root.Add(ShardLayer.Create(shard, shardable.SelectMany(release.Objects), parameters, gates));
        }

        if (parameters.Storage is not null)
        {
            root.Add(GeneratedObjects.PersistentVolumeClaim(parameters.Storage));
        }

        if (parameters.Sync is not null)
        {
            root.Add(GeneratedObjects.SyncSource(parameters.Sync, parameters.Namespace, gates));
            root.Add(GeneratedObjects.SyncKustomization(parameters.Sync, parameters.Namespace));
        }

        foreach (var patch in RootPatches.For(parameters, gates))
        {
            root.Patches.Add(patch);
        }

        if (!string.IsNullOrEmpty(parameters.Registry))
        {
            foreach (var image in parameters.Images)
            {
                root.Images.Add(new ImageOverride(
                    "fluxcd/" + image.Name,
                    image.Repository,
                    image.Tag,
                    string.IsNullOrEmpty(image.Digest) ? null : image.Digest));
            }
        }

        foreach (var (key, value) in RootAnnotations)
        {
            root.Annotations[key] = value;
        }

        foreach (var (key, value) in RootLabels(parameters))
        {
            root.Labels[key] = value;
        }

        return root;
    }

    /// <summary>The annotations set on every object after the patches.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> RootAnnotations { get; } =
    [
        new("kustomize.toolkit.fluxcd.io/ssa", "Ignore"),
        new("kustomize.toolkit.fluxcd.io/prune", "Disabled"),
    ];

    /// <summary>The labels set on every object after the patches.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> RootLabels(BuildParameters parameters) =>
    [
        new(LabelKeys.ManagedBy, LabelKeys.ManagedByValue),
        new(LabelKeys.Instance, parameters.Namespace),
        new(LabelKeys.Version, parameters.Version),
        new(LabelKeys.PartOf, LabelKeys.PartOfValue),
    ];
}
