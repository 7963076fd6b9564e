using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Apply;

/// <summary>
/// Remembers, per object, the desired state last verified against the cluster and what the live object looked like
/// then. A later pass with the same desired state and a live object that provably did not change since is
/// <c>unchanged</c> without a dry-run.
/// </summary>
/// <remarks>
/// "Provably" is conservative: the same <c>resourceVersion</c>, or — for objects with a status written by a
/// controller, which bumps resourceVersion only — the same uid, <c>generation</c>, labels, annotations and set of
/// main-resource field managers (a <c>kubectl edit</c> changes one of those). Anything else falls back to the dry-run.
/// </remarks>
public sealed class AppliedStateStore
{
    private readonly ConcurrentDictionary<ObjectId, Verified> _verified = new();

    /// <summary>Whether <paramref name="live"/> is known to already match <paramref name="desiredDigest"/>.</summary>
    public bool ProvesUnchanged(ObjectId id, string desiredDigest, JsonObject? live)
    {
        if (live is null || live["metadata"]?["deletionTimestamp"] is not null || !_verified.TryGetValue(id, out var known) || known.DesiredDigest != desiredDigest)
        {
            return false;
        }

        var rv = live["metadata"]?["resourceVersion"]?.ToString();
        if (!string.IsNullOrEmpty(rv) && rv == known.ResourceVersion)
        {
            return true;
        }

        // Same object (a deleted and re-created one starts at generation 1 again), same spec generation, same metadata.
        var generation = Generation(live);
        return generation > 0 && generation == known.Generation && Uid(live) == known.Uid && MetadataDigest(live) == known.MetadataDigest;
    }

    /// <summary>Records that <paramref name="live"/> matches <paramref name="desiredDigest"/> (after an apply or an unchanged verdict).</summary>
    public void Remember(ObjectId id, string desiredDigest, JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        _verified[id] = new Verified(desiredDigest, live["metadata"]?["resourceVersion"]?.ToString() ?? "", Generation(live), Uid(live), MetadataDigest(live));
    }

    /// <summary>Forgets an object (it was deleted, or its apply failed).</summary>
    public void Forget(ObjectId id) => _verified.TryRemove(id, out _);

    /// <summary>Forgets everything.</summary>
    public void Clear() => _verified.Clear();

    /// <summary>A digest of the desired object as sent.</summary>
    public static string Digest(JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(desired.ToJsonString())));
    }

    private static long Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    private static string MetadataDigest(JsonObject live)
    {
        var managers = (live["metadata"]?["managedFields"] as JsonArray)?.OfType<JsonObject>()
            .Where(e => string.IsNullOrEmpty(e["subresource"]?.ToString()))
            .Select(e => $"{e["manager"]}|{e["operation"]}")
            .Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
        var text = new StringBuilder()
            .Append(Sorted(live["metadata"]?["labels"])).Append('\n')
            .Append(Sorted(live["metadata"]?["annotations"])).Append('\n')
            .AppendJoin(',', managers);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Sorted(JsonNode? map) =>
        map is JsonObject obj ? string.Join('\n', obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value?.ToJsonString()}")) : "";

    private static string Uid(JsonObject obj) => obj["metadata"]?["uid"]?.ToString() ?? "";

    private sealed record Verified(string DesiredDigest, string ResourceVersion, long Generation, string Uid, string MetadataDigest);
}
