using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The fetch phase: the embedded store, or the instance's OCI artifact pulled with its pull secret through
/// the digest-keyed <see cref="ArtifactStore"/>, which keeps serving the last artifact while the registry is down.
/// </summary>
public sealed class DistributionSource
{
    private readonly IKubeClient _client;
    private readonly ArtifactStore _store;
    private readonly string _storagePath;

    /// <summary>Creates the phase.</summary>
    public DistributionSource(IKubeClient client, ArtifactStore store, string storagePath)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _storagePath = storagePath ?? throw new ArgumentNullException(nameof(storagePath));
    }

    /// <summary>Resolves the distribution; throws <see cref="PhaseFailure"/> (<c>ArtifactFailed</c>, retried) on errors.</summary>
    public async Task<ResolvedSource> ResolveAsync(FluxInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var artifact = instance.Spec.Distribution.Artifact;
        if (string.IsNullOrEmpty(artifact))
        {
            return new ResolvedSource(_storagePath, "");
        }

        try
        {
            if (!OciReference.TryParse(artifact, out var reference, out var parseError))
            {
                throw new ArtifactException($"pulling artifact {artifact} failed: {parseError}");
            }

            var credentials = await PullSecretCredentials.ReadAsync(_client, instance.Metadata.NamespaceProperty, instance.Spec.Distribution.ArtifactPullSecret, cancellationToken);
            var pulled = await _store.PullAsync(reference, credentials, cancellationToken);
            return new ResolvedSource(pulled.Directory, pulled.Digest, pulled.ServedFromCache && pulled.RegistryError is not null ? pulled.RegistryError : null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PhaseFailure(ConditionReasons.ArtifactFailed, $"fetch failed: {e.Message}", terminal: false, e);
        }
    }
}
