using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>The last healthy revision of an instance and, after a rollback, the revision that must not be retried.</summary>
/// <param name="Healthy">The last revision that passed its health check; null before the first one.</param>
/// <param name="Failed">The rolled-back revision; null when none is held back.</param>
public sealed record RevisionRecord(HealthyRevision? Healthy, FailedRevision? Failed)
{
    /// <summary>Nothing recorded yet.</summary>
    public static RevisionRecord Empty { get; } = new(null, null);

    /// <summary>The record as stored: compact JSON, stable field order, so an unchanged record compares equal as text.</summary>
    public string ToJson()
    {
        var root = new JsonObject();
        if (Healthy is { } healthy)
        {
            root["healthy"] = new JsonObject
            {
                ["revision"] = healthy.Revision,
                ["version"] = healthy.Version,
                ["artifactDigest"] = healthy.ArtifactDigest,
                ["spec"] = JsonSerializer.SerializeToNode(healthy.Spec, ApiJson.Options),
            };
        }

        if (Failed is { } failed)
        {
            root["failed"] = new JsonObject
            {
                ["revision"] = failed.Revision,
                ["specDigest"] = failed.SpecDigest,
                ["artifactDigest"] = failed.ArtifactDigest,
                ["restoredRevision"] = failed.RestoredRevision,
                ["reason"] = failed.Reason,
            };
        }

        return root.ToJsonString();
    }

    /// <summary>Reads a stored record; a damaged one reads as <see cref="Empty"/> (nothing to roll back to is today's behaviour).</summary>
    public static RevisionRecord Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        try
        {
            var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) as JsonObject;
            HealthyRevision? healthy = null;
            if (root?["healthy"] is JsonObject h && h["spec"]?.Deserialize<FluxInstanceSpec>(ApiJson.Options) is { } spec)
            {
                healthy = new HealthyRevision(Text(h, "revision"), Text(h, "version"), Text(h, "artifactDigest"), spec);
            }

            FailedRevision? failed = null;
            if (root?["failed"] is JsonObject f)
            {
                failed = new FailedRevision(Text(f, "revision"), Text(f, "specDigest"), Text(f, "artifactDigest"), Text(f, "restoredRevision"), Text(f, "reason"));
            }

            return new RevisionRecord(healthy, failed);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return Empty;
        }
    }

    private static string Text(JsonObject obj, string key) => obj[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
