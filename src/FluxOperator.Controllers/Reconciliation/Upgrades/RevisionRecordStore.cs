using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>
/// Keeps an instance's <see cref="RevisionRecord"/> in the ConfigMap <c>&lt;instance&gt;-revisions</c> of the instance's
/// namespace (docs/safe-upgrades.md#where-the-last-healthy-revision-is-kept): the FluxInstance CRD stays identical to
/// upstream's, the operator's namespaced role already covers ConfigMaps there, and an owner reference lets the API
/// server delete the record with the instance.
/// </summary>
public sealed class RevisionRecordStore
{
    /// <summary>The data key holding the record's JSON.</summary>
    public const string DataKey = "record.json";

    private readonly IKubeClient _client;

    // The last record read or written, so a pass that changes nothing sends no request.
    private (string Key, string Json)? _known;

    /// <summary>Creates the store.</summary>
    public RevisionRecordStore(IKubeClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The ConfigMap name for an instance.</summary>
    public static string ConfigMapName(string instanceName) => instanceName + "-revisions";

    /// <summary>Reads the record; <see cref="RevisionRecord.Empty"/> when there is none.</summary>
    public async Task<RevisionRecord> ReadAsync(FluxInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var key = Key(instance);
        if (_known is { } known && known.Key == key)
        {
            return RevisionRecord.Parse(known.Json);
        }

        var map = await _client.GetAsync(KubeResources.ConfigMap, instance.Metadata.NamespaceProperty, ConfigMapName(instance.Metadata.Name), cancellationToken);
        var json = map?["data"]?[DataKey] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
        _known = (key, json);
        return RevisionRecord.Parse(json);
    }

    /// <summary>Writes the record when it differs from the stored one (server-side apply, owned by the instance).</summary>
    public async Task WriteAsync(FluxInstance instance, RevisionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(record);
        var key = Key(instance);
        var json = record.ToJson();
        if (_known is { } known && known.Key == key && known.Json == json)
        {
            return;
        }

        var map = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = ConfigMapName(instance.Metadata.Name),
                ["namespace"] = instance.Metadata.NamespaceProperty,
                ["labels"] = new JsonObject { [LabelKeys.ManagedBy] = LabelKeys.ManagedByValue },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = ApiGroup.GroupVersion,
                    ["kind"] = FluxInstance.KubeKind,
                    ["name"] = instance.Metadata.Name,
                    ["uid"] = instance.Metadata.Uid,
                }),
            },
            ["data"] = new JsonObject { [DataKey] = json },
        };
        await _client.ApplyAsync(KubeResources.ConfigMap, map, new ApplyOptions(ApiGroup.FieldManager), cancellationToken);
        _known = (key, json);
    }

    // A new instance (uid) never inherits what was known about a deleted one.
    private static string Key(FluxInstance instance) => $"{instance.Metadata.NamespaceProperty}/{instance.Metadata.Name}/{instance.Metadata.Uid}";
}
