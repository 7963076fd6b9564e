using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Apply;

/// <summary>
/// Staged server-side apply: definitions, then classes (each waited for until Current), then the rest.
/// Per stage every object is evaluated first (dry-run, forced, our field manager) so a bad object aborts the stage
/// before anything of it is written; then only objects that drifted are cleaned of foreign owners and applied.
/// Objects that provably did not change since they were last verified cost no request at all when the caller
/// passes known live state, and one GET otherwise.
/// </summary>
public sealed partial class ServerSideApplier
{
    private readonly IKubeClient _client;
    private readonly ServerSideApplierOptions _options;
    private readonly HealthChecker _health;
    private readonly OwnershipTakeover _takeover;
    private readonly ILogger _logger;

    /// <summary>Creates an applier; keep one per instance so <see cref="Memory"/> survives between passes.</summary>
    public ServerSideApplier(IKubeClient client, ServerSideApplierOptions options, TimeProvider time, ILogger<ServerSideApplier> logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _health = new HealthChecker(client, time ?? throw new ArgumentNullException(nameof(time)));
        _takeover = new OwnershipTakeover(options.FieldManager, options.OverrideManagers);
    }

    /// <summary>What was verified in earlier passes (see <see cref="AppliedStateStore"/>).</summary>
    public AppliedStateStore Memory { get; } = new();

    /// <summary>
    /// Normalises and applies <paramref name="objects"/> stage by stage; returns one entry per object in apply order.
    /// Throws <see cref="ApplyException"/> naming the object when a dry-run, an apply or a stage wait fails; objects of
    /// earlier stages stay applied.
    /// </summary>
    public async Task<ChangeSet> ApplyAsync(IReadOnlyList<JsonObject> objects, ILiveObjects? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var entries = new List<ChangeSetEntry>();
        foreach (var (stage, members) in ApplyStages.Partition(objects.Select(ObjectNormalizer.Normalize)))
        {
            var applied = await ApplyStageAsync(members, known, cancellationToken);
            entries.AddRange(applied);
            if (ApplyStages.IsWaitedFor(stage))
            {
                await _health.WaitAsync(applied.Select(e => e.ToInventoryEntry()).ToArray(),
                    new HealthCheckOptions(_options.StageWaitInterval, _options.StageWaitTimeout), Unwritten(known, applied), cancellationToken);
            }

            LogStageApplied(_logger, stage, applied.Count(e => e.Action != ChangeAction.Unchanged), applied.Count);
        }

        return new ChangeSet(entries);
    }

    /// <summary>
    /// The health check over every applied object. <paramref name="known"/> live state answers the first poll
    /// for objects this pass left unchanged; created and configured objects are always read fresh.
    /// </summary>
    public Task WaitForHealthAsync(ChangeSet changeSet, HealthCheckOptions options, ILiveObjects? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changeSet);
        return _health.WaitAsync(changeSet.ToInventory().Entries, options, Unwritten(known, changeSet.Entries), cancellationToken);
    }

    private static UnwrittenLiveObjects? Unwritten(ILiveObjects? known, IEnumerable<ChangeSetEntry> entries) =>
        known is null ? null : new UnwrittenLiveObjects(known, entries);

    private async Task<IReadOnlyList<ChangeSetEntry>> ApplyStageAsync(IReadOnlyList<JsonObject> members, ILiveObjects? known, CancellationToken cancellationToken)
    {
        // Reads and dry-runs write nothing, so they run concurrently; the first failure in canonical order is reported,
        // whatever finished first, and no object of the stage is written when any evaluation failed.
        var plans = new Plan[members.Count];
        var failures = new Exception?[members.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, members.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.EvaluationConcurrency), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                try
                {
                    plans[i] = await EvaluateAsync(members[i], known, token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    failures[i] = e;
                }
            });
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        var entries = new List<ChangeSetEntry>(plans.Length);
        foreach (var plan in plans)
        {
            entries.Add(await ExecuteAsync(plan, cancellationToken));
        }

        return entries;
    }

    private async Task<Plan> EvaluateAsync(JsonObject desired, ILiveObjects? known, CancellationToken cancellationToken)
    {
        var id = ObjectId.Of(desired);
        var apiVersion = desired["apiVersion"]?.ToString() ?? "";
        var digest = AppliedStateStore.Digest(desired);
        ResourceType type;
        try
        {
            type = await _client.Mapper.MapAsync(desired, cancellationToken);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            throw new ApplyException($"{id.Subject} not found: {e.Message}", e, isTransient: true);
        }
        catch (Exception e) when (e is not OperationCanceledException && KubeErrors.IsTransient(e, cancellationToken))
        {
            throw new ApplyException($"{id.Subject} dry-run failed: {e.Message}", e, isTransient: true);
        }

        if (type.Namespaced && id.Namespace.Length == 0)
        {
            throw new ApplyException($"{id.Kind}/{id.Name} namespace not specified: the server could not find the requested resource", null, isTransient: false);
        }

        JsonObject? live = null;
        var fromKnown = known is not null && known.TryGet(id, out live);
        if (!fromKnown)
        {
            live = await ReadAsync(type, id, cancellationToken);
        }

        if (Memory.ProvesUnchanged(id, digest, live))
        {
            return new Plan(id, apiVersion, type, desired, digest, live, null, NeedsApply: false, CleanupPatch: null);
        }

        JsonObject dryRun;
        try
        {
            try
            {
                dryRun = await _client.ApplyAsync(type, desired, new ApplyOptions(_options.FieldManager, Force: true, DryRun: true), cancellationToken);
            }
            catch (KubeApiException e) when (live is not null && IsImmutableFieldError(e) && Recreates(desired, live))
            {
                await DeleteForRecreationAsync(type, id, live, cancellationToken);
                live = null;
                dryRun = await _client.ApplyAsync(type, desired, new ApplyOptions(_options.FieldManager, Force: true, DryRun: true), cancellationToken);
            }
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            throw new ApplyException($"{id.Subject} not found: {e.Message}", e, isTransient: false);
        }
        catch (KubeApiException e)
        {
            var reason = string.IsNullOrEmpty(e.Reason) ? "" : $" ({e.Reason})";
            throw new ApplyException($"{id.Subject} dry-run failed{reason}: {e.Message}", e, e.IsTransient);
        }
        catch (HttpRequestException e)
        {
            throw new ApplyException($"{id.Subject} dry-run failed: {e.Message}", e, isTransient: true);
        }

        if (live is null && fromKnown && !string.IsNullOrEmpty(dryRun["metadata"]?["resourceVersion"]?.ToString()))
        {
            // The known state missed an existing object (e.g. a label-filtered cache after its labels were removed).
            live = await ReadAsync(type, id, cancellationToken);
        }

        var cleanup = live is null ? null : _takeover.CleanupPatch(live);
        var needsApply = cleanup is not null || DriftDetector.HasDrifted(live, dryRun);
        return new Plan(id, apiVersion, type, desired, digest, live, dryRun, needsApply, cleanup);
    }

    private async Task<ChangeSetEntry> ExecuteAsync(Plan plan, CancellationToken cancellationToken)
    {
        if (!plan.NeedsApply)
        {
            if (plan.Live is not null)
            {
                Memory.Remember(plan.Id, plan.Digest, plan.Live);
            }

            return new ChangeSetEntry(plan.Id, plan.ApiVersion, ChangeAction.Unchanged);
        }

        try
        {
            if (plan.CleanupPatch is { } patch)
            {
                await _client.PatchAsync(plan.Type, NullIfEmpty(plan.Id.Namespace), plan.Id.Name, PatchType.Json, patch, _options.FieldManager, cancellationToken);
            }

            var result = await _client.ApplyAsync(plan.Type, plan.Desired, new ApplyOptions(_options.FieldManager, Force: true), cancellationToken);
            Memory.Remember(plan.Id, plan.Digest, result);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            Memory.Forget(plan.Id);
            throw new ApplyException($"{plan.Id.Subject} apply failed: {e.Message}", e, KubeErrors.IsTransient(e, cancellationToken));
        }

        return new ChangeSetEntry(plan.Id, plan.ApiVersion, plan.Live is null ? ChangeAction.Created : ChangeAction.Configured);
    }

    /// <summary>The API server refuses the change of a field that is fixed after creation (e.g. a Deployment's selector).</summary>
    private static bool IsImmutableFieldError(KubeApiException e) =>
        (int)e.StatusCode == 422 && e.Message.Contains("field is immutable", StringComparison.Ordinal);

    /// <summary>Recreation is opted into for all objects, or per object by the desired or live object's label or annotation.</summary>
    private bool Recreates(JsonObject desired, JsonObject live) =>
        _options.RecreateOnImmutableChange || MarkedForRecreation(desired) || MarkedForRecreation(live);

    private bool MarkedForRecreation(JsonObject obj) => _options.RecreateMarker is { } key
        && (string.Equals(obj["metadata"]?["labels"]?[key]?.ToString(), "enabled", StringComparison.OrdinalIgnoreCase)
            || string.Equals(obj["metadata"]?["annotations"]?[key]?.ToString(), "enabled", StringComparison.OrdinalIgnoreCase));

    /// <summary>Deletes the live object (only that very object, by uid) so the apply can create it with the changed immutable fields.</summary>
    private async Task DeleteForRecreationAsync(ResourceType type, ObjectId id, JsonObject live, CancellationToken cancellationToken)
    {
        Memory.Forget(id);
        try
        {
            await _client.DeleteAsync(type, NullIfEmpty(id.Namespace), id.Name,
                new DeleteOptions { Propagation = PropagationPolicy.Background, PreconditionUid = ObjectMeta.Uid(live) }, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new ApplyException($"{id.Subject} recreation failed: {e.Message}", e, KubeErrors.IsTransient(e, cancellationToken));
        }

        LogRecreated(_logger, id.Subject);
    }

    private async Task<JsonObject?> ReadAsync(ResourceType type, ObjectId id, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetAsync(type, NullIfEmpty(id.Namespace), id.Name, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new ApplyException($"{id.Subject} query failed: {e.Message}", e, KubeErrors.IsTransient(e, cancellationToken));
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subject} deleted for recreation: an immutable field changed")]
    private static partial void LogRecreated(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stage {Stage} applied: {Changed} of {Total} objects changed")]
    private static partial void LogStageApplied(ILogger logger, ApplyStage stage, int changed, int total);

    private sealed record Plan(ObjectId Id, string ApiVersion, ResourceType Type, JsonObject Desired, string Digest, JsonObject? Live,
        JsonObject? DryRun, bool NeedsApply, JsonArray? CleanupPatch);
}
