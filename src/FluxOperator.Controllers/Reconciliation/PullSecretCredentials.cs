using System.Text.Json.Nodes;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The registry credentials of a FluxInstance's <c>spec.distribution.artifactPullSecret</c>, for the fetch phase and the artifact watcher alike.</summary>
public static class PullSecretCredentials
{
    /// <summary>
    /// Anonymous without a secret name; otherwise the Docker config in the secret's <c>.dockerconfigjson</c>.
    /// Throws <see cref="ArtifactException"/> when the secret or its key is missing.
    /// </summary>
    public static async Task<RegistryCredentials> ReadAsync(IKubeClient client, string? @namespace, string? secretName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrEmpty(secretName))
        {
            return RegistryCredentials.Anonymous;
        }

        var secret = await client.GetAsync(KubeResources.Secret, @namespace, secretName, cancellationToken)
            ?? throw new ArtifactException($"secrets \"{secretName}\" not found");
        var encoded = (secret["data"] as JsonObject)?[".dockerconfigjson"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return encoded is null
            ? throw new ArtifactException($"secret {@namespace}/{secretName} has no .dockerconfigjson")
            : DockerConfig.Parse(Convert.FromBase64String(encoded));
    }
}
