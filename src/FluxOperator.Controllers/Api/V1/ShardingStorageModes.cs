namespace FluxOperator.Controllers.Api.V1;

/// <summary>Values of <c>spec.sharding.storage</c>.</summary>
public static class ShardingStorageModes
{
    /// <summary><c>ephemeral</c>.</summary>
    public const string Ephemeral = "ephemeral";

    /// <summary><c>persistent</c>.</summary>
    public const string Persistent = "persistent";

    /// <summary>Every accepted value, in the order the CRD enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Ephemeral, Persistent];
}
