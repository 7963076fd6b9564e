using System.Collections;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// The log scope of one reconcile pass: controller, optional kind, namespace, name and a fresh reconcile id.
/// Structured loggers read the key/value pairs; console loggers print <see cref="ToString"/>.
/// </summary>
public sealed class ReconcileScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items;

    /// <summary>Creates the scope of a pass of <paramref name="controller"/> over <paramref name="key"/>; <paramref name="kind"/> only when given.</summary>
    public ReconcileScope(string controller, ObjectKey key, string? kind = null)
    {
        ReconcileId = Guid.NewGuid().ToString();
        List<KeyValuePair<string, object?>> items = [new("controller", controller)];
        if (kind is not null)
        {
            items.Add(new("kind", kind));
        }

        items.Add(new("namespace", key.Namespace));
        items.Add(new("name", key.Name));
        items.Add(new("reconcileID", ReconcileId));
        _items = [.. items];
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

    /// <summary>The pairs as <c>controller=… namespace=… name=… reconcileID=…</c> (what console and JSON loggers print).</summary>
    public override string ToString() => string.Join(' ', _items.Select(i => $"{i.Key}={i.Value}"));
}
