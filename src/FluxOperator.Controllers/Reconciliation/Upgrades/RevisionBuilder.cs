using System.Text.Json;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>
/// Builds a given spec against a given artifact digest: the installed version while an upgrade waits for approval,
/// and the last healthy revision for a rollback. The artifact is pulled by digest, so the content-addressed cache
/// answers without the registry and a tag that moved on does not matter.
/// </summary>
public sealed class RevisionBuilder
{
    private readonly IKubeClient _client;
    private readonly ArtifactStore _artifacts;
    private readonly string _storagePath;
    private readonly Func<string, ReleaseManifests> _loadRelease;

    /// <summary>Creates the builder; <paramref name="loadRelease"/> may share parsed releases with the pass's own build.</summary>
    public RevisionBuilder(IKubeClient client, ArtifactStore artifacts, string storagePath, Func<string, ReleaseManifests>? loadRelease = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _artifacts = artifacts ?? throw new ArgumentNullException(nameof(artifacts));
        _storagePath = storagePath ?? throw new ArgumentNullException(nameof(storagePath));
        _loadRelease = loadRelease ?? ReleaseManifests.Load;
    }

    /// <summary>A copy of <paramref name="spec"/> whose version constraint is exactly <paramref name="version"/>.</summary>
    public static FluxInstanceSpec Pinned(FluxInstanceSpec spec, string version)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var copy = JsonSerializer.SerializeToNode(spec, ApiJson.Options).Deserialize<FluxInstanceSpec>(ApiJson.Options)!;
        copy.Distribution.Version = version.TrimStart('v');
        return copy;
    }

    /// <summary>The instance as it would be with <paramref name="spec"/> (same identity, no status).</summary>
    public static FluxInstance WithSpec(FluxInstance instance, FluxInstanceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new FluxInstance { ApiVersion = instance.ApiVersion, Kind = instance.Kind, Metadata = instance.Metadata, Spec = spec };
    }

    /// <summary>Builds <paramref name="spec"/> for <paramref name="instance"/> from the artifact <paramref name="artifactDigest"/> (or the embedded store).</summary>
    /// <param name="instance">The instance (identity and pull secret namespace).</param>
    /// <param name="spec">The spec to build, version pinned.</param>
    /// <param name="artifactDigest">The manifest digest of <c>spec.distribution.artifact</c>; empty means the tag as it is now.</param>
    /// <param name="lastAppliedRevision">For the downgrade guard; null skips it (a rollback may cross a minor).</param>
    /// <param name="cancellationToken">Cancels the pull.</param>
    /// <exception cref="RenderException">The build failed.</exception>
    /// <exception cref="ArtifactException">The artifact could not be pulled.</exception>
    public async Task<(BuildOutcome Build, ResolvedSource Source)> BuildAsync(FluxInstance instance, FluxInstanceSpec spec, string artifactDigest, string? lastAppliedRevision,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(spec);
        var source = await ResolveAsync(instance, spec, artifactDigest, cancellationToken);
        var sources = new BuildSources(source.Root)
        {
            EmbeddedRoot = _storagePath,
            LastAppliedRevision = lastAppliedRevision,
            LoadRelease = _loadRelease,
        };
        return (FluxInstanceBuilder.Build(WithSpec(instance, spec), sources), source);
    }

    private async Task<ResolvedSource> ResolveAsync(FluxInstance instance, FluxInstanceSpec spec, string artifactDigest, CancellationToken cancellationToken)
    {
        var artifact = spec.Distribution.Artifact;
        if (string.IsNullOrEmpty(artifact))
        {
            return new ResolvedSource(_storagePath, "");
        }

        if (!OciReference.TryParse(artifact, out var reference, out var parseError))
        {
            throw new ArtifactException($"pulling artifact {artifact} failed: {parseError}");
        }

        if (!string.IsNullOrEmpty(artifactDigest))
        {
            reference = reference.WithDigest(artifactDigest);
        }

        var credentials = await PullSecretCredentials.ReadAsync(_client, instance.Metadata.NamespaceProperty, spec.Distribution.ArtifactPullSecret, cancellationToken);
        var pulled = await _artifacts.PullAsync(reference, credentials, cancellationToken);
        return new ResolvedSource(pulled.Directory, pulled.Digest);
    }
}
