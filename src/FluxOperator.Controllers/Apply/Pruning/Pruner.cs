using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Apply.Pruning;

/// <summary>
/// Garbage collection of stale inventory entries: only what the inventory lists, only live objects that
/// carry our ownership labels, never prune-disabled ones, one by one in reverse canonical order, background
/// propagation. Unlike the Go operator, failed deletions and CRDs that still have custom resources are returned as
/// <see cref="PruneResult.Retained"/> so they stay in the inventory and are retried.
/// </summary>
public sealed partial class Pruner
{
    private const string CrdGroup = "apiextensions.k8s.io";
    private readonly IKubeClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates a pruner deleting through <paramref name="client"/>.</summary>
    public Pruner(IKubeClient client, ILogger<Pruner> logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Deletes the stale entries that may be deleted; never throws for a single object's failure.</summary>
    public async Task<PruneResult> PruneAsync(IReadOnlyList<InventoryEntry> stale, PruneOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stale);
        ArgumentNullException.ThrowIfNull(options);
        var entries = new List<ChangeSetEntry>();
        var retained = new List<InventoryEntry>();
        var errors = new List<string>();
        foreach (var entry in stale.OrderByDescending(e => e.Id, ApplyOrder.Comparer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = entry.Id;
            ResourceType? type;
            JsonObject? live;
            try
            {
                type = await _client.Mapper.TryMapAsync(new GroupVersionKind(id.Group, entry.Version, id.Kind), cancellationToken);
                live = type is null ? null : await _client.GetAsync(type, NullIfEmpty(id.Namespace), id.Name, cancellationToken);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                errors.Add($"{id.Subject} query failed: {e.Message}");
                retained.Add(entry);
                continue;
            }

            switch (PruneRules.Decide(live, options.OwnerName, options.OwnerNamespace, options.OwnerNameLabel, options.OwnerNamespaceLabel))
            {
                case PruneVerdict.AlreadyGone:
                    entries.Add(new ChangeSetEntry(id, entry.ApiVersion, ChangeAction.Deleted));
                    continue;
                case PruneVerdict.NotOwned:
                    entries.Add(new ChangeSetEntry(id, entry.ApiVersion, ChangeAction.Skipped, "ownership labels removed"));
                    continue;
                case PruneVerdict.PruneDisabled:
                    entries.Add(new ChangeSetEntry(id, entry.ApiVersion, ChangeAction.Skipped, "prune disabled"));
                    continue;
            }

            if (id is { Group: CrdGroup, Kind: "CustomResourceDefinition" } && !options.DeleteCrdsWithResources)
            {
                var example = await FindCustomResourceAsync(live!, cancellationToken);
                if (example is not null)
                {
                    var reason = $"custom resources still exist (e.g. {example}); annotate the instance to allow deleting them";
                    entries.Add(new ChangeSetEntry(id, entry.ApiVersion, ChangeAction.Skipped, reason));
                    retained.Add(entry);
                    LogCrdKept(_logger, id.Name, example);
                    continue;
                }
            }

            try
            {
                await _client.DeleteAsync(type!, NullIfEmpty(id.Namespace), id.Name, new DeleteOptions { Propagation = PropagationPolicy.Background }, cancellationToken);
                entries.Add(new ChangeSetEntry(id, entry.ApiVersion, ChangeAction.Deleted));
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                errors.Add($"{id.Subject} delete failed: {e.Message}");
                retained.Add(entry);
            }
        }

        LogPruned(_logger, entries.Count(e => e.Action == ChangeAction.Deleted), entries.Count(e => e.Action == ChangeAction.Skipped), errors.Count);
        return new PruneResult(new ChangeSet(entries), retained, errors);
    }

    /// <summary>
    /// The <c>Kind namespace/name</c> of one custom resource of <paramref name="crd"/>, or null when there is none.
    /// A failed read counts as "exists": better to keep a CRD one pass longer than to lose data.
    /// </summary>
    private async Task<string?> FindCustomResourceAsync(JsonObject crd, CancellationToken cancellationToken)
    {
        var spec = crd["spec"];
        var group = spec?["group"]?.ToString() ?? "";
        var kind = spec?["names"]?["kind"]?.ToString() ?? "";
        var plural = spec?["names"]?["plural"]?.ToString() ?? "";
        var version = (spec?["versions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b)?["name"]?.ToString();
        if (group.Length == 0 || plural.Length == 0 || version is null)
        {
            return null;
        }

        var type = new ResourceType(group, version, kind, plural, spec?["scope"]?.ToString() == "Namespaced");
        try
        {
            var page = await _client.ListAsync(type, null, new ListOptions { Limit = 1 }, cancellationToken);
            if (page.Items.Count == 0)
            {
                return null;
            }

            var item = page.Items[0];
            var ns = ObjectMeta.Namespace(item);
            return ns is null ? $"{kind}/{ObjectMeta.Name(item)}" : $"{kind}/{ns}/{ObjectMeta.Name(item)}";
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            return $"{kind} (list failed: {e.Message})";
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection completed: {Deleted} deleted, {Skipped} skipped, {Failed} failed")]
    private static partial void LogPruned(ILogger logger, int deleted, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CRD {Crd} kept: custom resources still exist, e.g. {Example}")]
    private static partial void LogCrdKept(ILogger logger, string crd, string example);
}
