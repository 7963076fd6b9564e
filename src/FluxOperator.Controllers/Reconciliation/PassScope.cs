using System.Collections;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The log scope of one pass: controller, kind, namespace, name and a fresh reconcile id (§1.10).</summary>
public sealed class PassScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items;

    /// <summary>Creates the scope of a pass over <paramref name="namespace"/>/<paramref name="name"/>.</summary>
    public PassScope(string controller, string kind, string? @namespace, string name)
    {
        ReconcileId = Guid.NewGuid().ToString();
        _items =
        [
            new("controller", controller),
            new("kind", kind),
            new("namespace", @namespace),
            new("name", name),
            new("reconcileID", ReconcileId),
        ];
    }

    /// <summary>The pass's id.</summary>
    public string ReconcileId { get; }

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', _items.Select(i => $"{i.Key}={i.Value}"));
}
