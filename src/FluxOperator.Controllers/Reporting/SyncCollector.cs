using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// <c>spec.sync</c>: the Kustomization named after <c>spec.sync.name</c> of the FluxInstance (else the namespace)
/// and the source object of the same name; null when that Kustomization does not exist.
/// </summary>
public sealed class SyncCollector(IKubeClient client, string @namespace)
{
    /// <summary>Builds the sync block from <paramref name="instance"/> (may be null) and the discovered kinds.</summary>
    public async Task<FluxSyncStatus?> CollectAsync(JsonObject? instance, IReadOnlyList<FluxKind> kinds, CancellationToken cancellationToken)
    {
        var syncName = JsonFields.Text(instance?["spec"]?["sync"]?["name"]) is { Length: > 0 } name ? name : @namespace;
        var kustomizationKind = kinds.FirstOrDefault(k => k.Kind == "Kustomization" && k.Type.Group == "kustomize.toolkit.fluxcd.io")
            ?? throw new ReportException("failed to compute sync status: source kind Kustomization not found");
        try
        {
            if (await client.GetAsync(kustomizationKind.Type, @namespace, syncName, cancellationToken) is not { } kustomization)
            {
                return null;
            }

            var sync = new FluxSyncStatus
            {
                Id = $"kustomization/{syncName}",
                Path = JsonFields.Text(kustomization["spec"]?["path"]),
                Ready = false,
                Status = "not initialized",
            };
            if (JsonFields.Condition(kustomization, ConditionTypes.Ready) is { } ready)
            {
                sync.Ready = JsonFields.Text(ready["status"]) != "False";
                sync.Status = JsonFields.Text(ready["message"]) ?? "";
            }

            var sourceKindName = JsonFields.Text(kustomization["spec"]?["sourceRef"]?["kind"]) ?? "";
            var sourceKind = kinds.FirstOrDefault(k => k.Kind == sourceKindName && k.Type.Group == "source.toolkit.fluxcd.io")
                ?? throw new ReportException($"failed to compute sync status: source kind {sourceKindName} not found");
            var source = await client.GetAsync(sourceKind.Type, @namespace, syncName, cancellationToken)
                ?? throw new ReportException($"failed to compute sync status: {sourceKindName} {@namespace}/{syncName} not found");
            sync.Source = sourceKindName == "Bucket"
                ? $"{JsonFields.Text(source["spec"]?["endpoint"])}/{JsonFields.Text(source["spec"]?["bucketName"])}"
                : JsonFields.Text(source["spec"]?["url"]);
            if (JsonFields.Condition(source, ConditionTypes.Ready) is { } sourceReady && JsonFields.Text(sourceReady["status"]) == "False")
            {
                sync.Ready = false;
                sync.Status += "\n" + JsonFields.Text(sourceReady["message"]);
            }

            if (JsonFields.IsTrue(kustomization["spec"]?["suspend"]))
            {
                sync.Status = "Suspended " + sync.Status;
            }

            return sync;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new ReportException($"failed to compute sync status: {e.Message}", e);
        }
    }
}
