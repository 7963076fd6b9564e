using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Apply.Migration;

/// <summary>
/// Rewrites every custom resource of the Flux CRDs at the CRD's storage version and then sets
/// <c>status.storedVersions</c> to just that version, so an older version can later be dropped safely.
/// </summary>
public sealed partial class StorageVersionMigrator
{
    private const int ConflictAttempts = 5;
    private readonly IKubeClient _client;
    private readonly string _fieldManager;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a migrator writing as <paramref name="fieldManager"/>.</summary>
    public StorageVersionMigrator(IKubeClient client, string fieldManager, TimeProvider time, ILogger<StorageVersionMigrator> logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrEmpty(fieldManager);
        _fieldManager = fieldManager;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Migrates every CRD matching <paramref name="crdSelector"/> (default <c>app.kubernetes.io/part-of=flux</c>)
    /// whose stored versions are not exactly its storage version, or all of them when <paramref name="force"/>.
    /// Returns the errors (the pass only logs them); the CRDs are read fresh.
    /// </summary>
    public Task<IReadOnlyList<string>> MigrateAsync(bool force, CancellationToken cancellationToken) =>
        MigrateAsync(force, "app.kubernetes.io/part-of=flux", cancellationToken);

    /// <summary>As <see cref="MigrateAsync(bool, CancellationToken)"/>, for the CRDs matching <paramref name="crdSelector"/>.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(bool force, string crdSelector, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        ObjectList crds;
        try
        {
            crds = await _client.ListAllAsync(KubeResources.CustomResourceDefinition, null, new ListOptions { LabelSelector = crdSelector }, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            return [$"failed to list CRDs: {e.Message}"];
        }

        foreach (var crd in crds.Items)
        {
            try
            {
                await MigrateCrdAsync(crd, force, cancellationToken);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException or InvalidOperationException)
            {
                errors.Add($"{ObjectMeta.Name(crd)}: {e.Message}");
            }
        }

        return errors;
    }

    private async Task MigrateCrdAsync(JsonObject crd, bool force, CancellationToken cancellationToken)
    {
        var name = ObjectMeta.Name(crd);
        var spec = crd["spec"];
        var storage = (spec?["versions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b)?["name"]?.ToString()
            ?? throw new InvalidOperationException($"no storage version found for CRD {name}");
        var stored = (crd["status"]?["storedVersions"] as JsonArray)?.Select(v => v?.ToString()).ToArray() ?? [];
        if (!force && stored.Length == 1 && stored[0] == storage)
        {
            return;
        }

        var group = spec?["group"]?.ToString() ?? "";
        var type = new ResourceType(group, storage, spec?["names"]?["kind"]?.ToString() ?? "", spec?["names"]?["plural"]?.ToString() ?? "",
            spec?["scope"]?.ToString() == "Namespaced");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RewriteAllAsync(type, cancellationToken);
                break;
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < ConflictAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken);
            }
        }

        var status = new JsonObject { ["status"] = new JsonObject { ["storedVersions"] = new JsonArray(storage) } };
        await _client.PatchStatusAsync(KubeResources.CustomResourceDefinition, null, name, status, _fieldManager, cancellationToken);
        LogMigrated(_logger, name, storage);
    }

    private async Task RewriteAllAsync(ResourceType type, CancellationToken cancellationToken)
    {
        var list = await _client.ListAllAsync(type, null, null, cancellationToken);
        foreach (var item in list.Items)
        {
            JsonNode patch;
            var patchType = PatchType.Merge;
            var managed = item["metadata"]?["managedFields"] as JsonArray;
            if (managed is not null && managed.OfType<JsonObject>().Any(m => m["apiVersion"]?.ToString() != type.ApiVersion))
            {
                var rewritten = new JsonArray(managed.OfType<JsonObject>().Select(m =>
                {
                    var copy = m.DeepClone().AsObject();
                    copy["apiVersion"] = type.ApiVersion;
                    return (JsonNode)copy;
                }).ToArray());
                patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = rewritten });
                patchType = PatchType.Json;
            }
            else
            {
                patch = new JsonObject(); // the empty merge patch still re-encodes the object at the storage version
            }

            try
            {
                await _client.PatchAsync(type, ObjectMeta.Namespace(item), ObjectMeta.Name(item), patchType, patch, _fieldManager, cancellationToken);
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                // Deleted meanwhile: nothing left to migrate.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CRD migrated {Crd} to storage version {Version}")]
    private static partial void LogMigrated(ILogger logger, string crd, string version);
}
