using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Apply;

/// <summary>
/// <see cref="ILiveObjects"/> over running informers, one per kind: authoritative for a kind once its informer has
/// synced and unless it watches another namespace. Informers may be label-filtered (ownership labels); an object
/// that lost its labels then looks absent, which the applier detects from the dry-run and reads it instead.
/// </summary>
public sealed class InformerLiveObjects : ILiveObjects
{
    private readonly Dictionary<(string Group, string Kind), Informer> _informers = [];

    /// <summary>Answers from <paramref name="informers"/> (the last one wins for a kind watched twice).</summary>
    public InformerLiveObjects(IEnumerable<Informer> informers)
    {
        ArgumentNullException.ThrowIfNull(informers);
        foreach (var informer in informers)
        {
            _informers[(informer.Type.Group, informer.Type.Kind)] = informer;
        }
    }

    /// <inheritdoc />
    public bool TryGet(ObjectId id, out JsonObject? live)
    {
        live = null;
        if (!_informers.TryGetValue((id.Group, id.Kind), out var informer) || !informer.HasSynced ||
            (informer.Options.Namespace is { Length: > 0 } ns && ns != id.Namespace))
        {
            return false;
        }

        live = informer.Cache.Get(id.Namespace.Length == 0 ? null : id.Namespace, id.Name);
        return true;
    }
}
