using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Apply;

/// <summary>An <see cref="ILiveObjects"/> over a fixed set of objects, authoritative for the kinds it was given.</summary>
public sealed class LiveObjectSnapshot : ILiveObjects
{
    private readonly Dictionary<ObjectId, JsonObject> _objects;
    private readonly HashSet<(string Group, string Kind)> _kinds;

    /// <summary>
    /// A snapshot of <paramref name="objects"/> that answers for every object of <paramref name="authoritativeKinds"/>
    /// (absent ones are known not to exist) and knows nothing about other kinds.
    /// </summary>
    public LiveObjectSnapshot(IEnumerable<JsonObject> objects, IEnumerable<(string Group, string Kind)> authoritativeKinds)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(authoritativeKinds);
        _objects = objects.ToDictionary(ObjectId.Of);
        _kinds = [.. authoritativeKinds];
    }

    /// <inheritdoc />
    public bool TryGet(ObjectId id, out JsonObject? live)
    {
        if (!_kinds.Contains((id.Group, id.Kind)))
        {
            live = null;
            return false;
        }

        live = _objects.GetValueOrDefault(id);
        return true;
    }
}
