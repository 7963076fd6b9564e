using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Controller sharding (<c>spec.sharding</c>): one set of shard controllers per name.</summary>
public sealed class Sharding
{
    /// <summary>Label key in the watch selectors.</summary>
    [JsonPropertyName("key")]
    [SchemaDefault(LabelKeys.DefaultShardingKey)]
    [SchemaDescription("Key is the label key used to shard the resources.")]
    public string? Key { get; set; }

    /// <summary>Shard names, in order.</summary>
    [JsonPropertyName("shards")]
    [SchemaRequired]
    [SchemaMinItems(1)]
    [SchemaDescription("Shards is the list of shard names.")]
    public List<string> Shards { get; set; } = [];

    /// <summary><c>ephemeral</c> (default) or <c>persistent</c> shard storage.</summary>
    [JsonPropertyName("storage")]
    [SchemaEnum(typeof(ShardingStorageModes))]
    [SchemaDescription("Storage defines if the source-controller shards should use an emptyDir or a persistent volume claim for storage. Accepted values are 'ephemeral' or 'persistent', defaults to 'ephemeral'. For 'persistent' to take effect, the '.spec.storage' field must be set.")]
    public string? Storage { get; set; }

    /// <summary><see cref="Key"/>, or <c>sharding.fluxcd.io/key</c> when empty.</summary>
    [JsonIgnore]
    public string KeyOrDefault => string.IsNullOrEmpty(Key) ? LabelKeys.DefaultShardingKey : Key;

    /// <summary>True when <see cref="Storage"/> is <c>persistent</c>.</summary>
    [JsonIgnore]
    public bool IsPersistent => Storage == ShardingStorageModes.Persistent;
}
