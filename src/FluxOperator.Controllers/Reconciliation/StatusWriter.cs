using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Writes a pass's finalizers and status with our field manager: finalizers by a merge patch of the object,
/// the status by a merge patch of the status subresource carrying every field (cleared ones as null), retried on 409.
/// </summary>
public sealed class StatusWriter
{
    private const int Attempts = 5;
    private readonly IKubeClient _client;
    private readonly TimeProvider _time;

    /// <summary>Creates a writer.</summary>
    public StatusWriter(IKubeClient client, TimeProvider time)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Writes the finalizers when they changed; false when the object no longer exists.</summary>
    public async Task<bool> WriteFinalizersAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (pass.Finalizers.SequenceEqual(pass.OriginalFinalizers))
        {
            return true;
        }

        return await WriteFinalizersAsync(OperatorResources.FluxInstance, Namespace(pass), Name(pass), pass.Finalizers, cancellationToken);
    }

    /// <summary>Writes the finalizers of any object; false when it no longer exists.</summary>
    public async Task<bool> WriteFinalizersAsync(ResourceType type, string @namespace, string name, IReadOnlyList<string> finalizers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finalizers);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]) },
        };
        return await RetryAsync(() => _client.PatchAsync(type, @namespace, name, PatchType.Merge, patch, ApiGroup.FieldManager, cancellationToken), cancellationToken);
    }

    /// <summary>Writes the whole status; false when the object no longer exists.</summary>
    public Task<bool> WriteStatusAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        return WriteStatusAsync(OperatorResources.FluxInstance, Namespace(pass), Name(pass), StatusPatch(pass.Status), cancellationToken);
    }

    /// <summary>Writes a whole status (a <see cref="StatusPatch{T}"/>) of any object; false when it no longer exists.</summary>
    public Task<bool> WriteStatusAsync(ResourceType type, string @namespace, string name, JsonObject statusPatch, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["status"] = statusPatch };
        return RetryAsync(() => _client.PatchStatusAsync(type, @namespace, name, patch, ApiGroup.FieldManager, cancellationToken), cancellationToken);
    }

    /// <summary>The status as a merge patch: every field of <typeparamref name="T"/>, absent ones as null so they are removed.</summary>
    public static JsonObject StatusPatch<T>(T status)
        where T : class
    {
        var node = JsonSerializer.SerializeToNode(status, ApiJson.Options)?.AsObject() ?? [];
        foreach (var property in typeof(T).GetProperties())
        {
            var name = property.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
                .OfType<System.Text.Json.Serialization.JsonPropertyNameAttribute>().FirstOrDefault()?.Name;
            if (name is not null && !node.ContainsKey(name))
            {
                node[name] = null;
            }
        }

        return node;
    }

    private async Task<bool> RetryAsync(Func<Task<JsonObject>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return true;
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                return false;
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 + Random.Shared.Next(100)), _time, cancellationToken);
            }
        }
    }

    private static string Namespace(InstancePass pass) => pass.Instance.Metadata.NamespaceProperty;

    private static string Name(InstancePass pass) => pass.Instance.Metadata.Name;
}
