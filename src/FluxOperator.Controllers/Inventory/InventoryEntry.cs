using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Inventory;

/// <summary>One inventory entry: the object's identity and the API version (without group) it was applied at.</summary>
/// <param name="Id">The object identity.</param>
/// <param name="Version">The version without the group, e.g. <c>v1</c> or <c>v1beta2</c>.</param>
public sealed record InventoryEntry(ObjectId Id, string Version)
{
    /// <summary>The object's <c>apiVersion</c>: <c>v1</c> for the core group, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => Id.Group.Length == 0 ? Version : $"{Id.Group}/{Version}";

    /// <summary>The entry from an object's <c>apiVersion</c>.</summary>
    public static InventoryEntry Of(ObjectId id, string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return new InventoryEntry(id, slash < 0 ? apiVersion : apiVersion[(slash + 1)..]);
    }

    /// <summary>The status form (<c>{id, v}</c>).</summary>
    public ResourceRef ToResourceRef() => new() { Id = Id.ToString(), Version = Version };
}
