using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Apply.Uninstall;

/// <summary>
/// The second uninstall step (docs/reconciliation.md#uninstall): clears <c>metadata.finalizers</c> on every object of the given kinds in all namespaces, at
/// each group's preferred version, so deleting the CRDs afterwards cannot hang and the stopped controllers cannot
/// garbage-collect what they deployed. Kinds that are not served are skipped silently.
/// </summary>
public sealed class FinalizerReleaser
{
    private readonly IKubeClient _client;
    private readonly string _fieldManager;

    /// <summary>Creates a releaser writing as <paramref name="fieldManager"/>.</summary>
    public FinalizerReleaser(IKubeClient client, string fieldManager)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrEmpty(fieldManager);
        _fieldManager = fieldManager;
    }

    /// <summary>Releases every object of <paramref name="kinds"/>; returns the kinds released and the errors (which uninstall only logs).</summary>
    public async Task<(IReadOnlyList<string> Released, IReadOnlyList<string> Errors)> ReleaseAsync(
        IEnumerable<(string Group, string Kind)> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var released = new List<string>();
        var errors = new List<string>();
        foreach (var (group, kind) in kinds)
        {
            try
            {
                var version = (await _client.GetRawAsync($"apis/{group}", cancellationToken))?["preferredVersion"]?["version"]?.ToString();
                var type = version is null ? null : await _client.Mapper.TryMapAsync(new GroupVersionKind(group, version, kind), cancellationToken);
                if (type is null)
                {
                    continue;
                }

                var list = await _client.ListAllAsync(type, null, null, cancellationToken);
                foreach (var item in list.Items.Where(i => i["metadata"]?["finalizers"] is JsonArray { Count: > 0 }))
                {
                    // A merge patch setting the list to [] needs no resourceVersion, so there is no 409 to retry.
                    var patch = new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray() } };
                    try
                    {
                        await _client.PatchAsync(type, ObjectMeta.Namespace(item), ObjectMeta.Name(item), PatchType.Merge, patch, _fieldManager, cancellationToken);
                    }
                    catch (KubeApiException e) when (e.IsNotFound)
                    {
                        // Gone meanwhile.
                    }
                }

                released.Add(kind);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                errors.Add($"{kind}: {e.Message}");
            }
        }

        return (released, errors);
    }
}
