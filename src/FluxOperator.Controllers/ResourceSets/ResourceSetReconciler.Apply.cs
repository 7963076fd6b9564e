using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>Object preparation, the steps loop, garbage collection and uninstall.</summary>
public sealed partial class ResourceSetReconciler
{
    private static readonly string[] AppliersFirst = ["kustomize.toolkit.fluxcd.io/", "helm.toolkit.fluxcd.io/"];

    /// <summary>Stamps ownership and common metadata, runs the data helpers, normalises and digests every object.</summary>
    private async Task<PreparedSet> PrepareAsync(ResourceSetPass pass, SetClients clients, IReadOnlyList<BuiltStep> steps, CancellationToken cancellationToken)
    {
        var stamped = SetObjects.Stamp(steps.SelectMany(s => s.Objects), pass.Set);
        var helpers = new DataHelpers(clients.Client);
        IReadOnlyList<JsonObject> normalized;
        try
        {
            try
            {
                await helpers.ApplyAsync(stamped, cancellationToken);
            }
            finally
            {
                // Known even when a later reference fails, so edits of what was read re-trigger the set.
                pass.Status.ExternalChecksumRefs = helpers.ExternalReferences.Count == 0 ? null : [.. helpers.ExternalReferences];
                Triggers?.RememberSources(new ObjectKey(pass.Namespace, pass.Name), helpers.Sources);
            }

            normalized = SetObjects.Normalize(stamped);
        }
        catch (Exception e) when (e is DataHelperException or ApplyException)
        {
            throw Failed(pass, SetObjects.Digest(stamped), e.Message);
        }

        var prepared = new List<PreparedStep>();
        var offset = 0;
        foreach (var step in steps)
        {
            var timeout = pass.Set.Spec.Steps?.Find(s => s.Name == step.Name)?.Timeout is { Length: > 0 } text && GoDuration.TryParse(text, out var ns)
                ? TimeSpan.FromTicks(ns / 100)
                : pass.Settings.ReconcileTimeout;
            prepared.Add(new PreparedStep(step.Name, normalized.Skip(offset).Take(step.Objects.Count).ToArray(), timeout));
            offset += step.Objects.Count;
        }

        return new PreparedSet(prepared, SetObjects.Digest(normalized));
    }

    /// <summary>
    /// Applies step by step (each non-final step is health-checked before the next), then garbage-collects what the
    /// previous inventory lists and no step produced, then waits for the final step when <c>spec.wait</c> asks.
    /// False when a new trigger interrupted a wait (the pass ends without error).
    /// </summary>
    private async Task<bool?> ApplyStepsAsync(ObjectKey key, ResourceSetPass pass, SetClients clients, PreparedSet prepared, CancellationToken cancellationToken)
    {
        var old = pass.PreviousInventory;
        var next = new List<InventoryEntry>();
        ChangeSet finalChanges = ChangeSet.Empty;
        var finalLines = new List<string>();
        for (var i = 0; i < prepared.Steps.Count; i++)
        {
            var step = prepared.Steps[i];
            var final = i == prepared.Steps.Count - 1;
            try
            {
                await RecreateFailedJobsAsync(pass, clients, step, cancellationToken);
            }
            catch (ApplyException e)
            {
                throw Failed(pass, prepared.Digest, Wrap(step, "job recreation failed", e.Message));
            }

            var (entries, error) = await ApplyStagesAsync(clients, step.Objects, cancellationToken);
            next.AddRange(entries.Where(e => e.Action is not ChangeAction.Deleted).Select(e => e.ToInventoryEntry()));
            pass.Status.Inventory = Merge(old, next).ToStatus();
            if (error is not null)
            {
                throw Failed(pass, prepared.Digest, Wrap(step, "apply failed", error));
            }

            var changes = new ChangeSet(entries);
            var lines = changes.Changes.Select(e => e.ToString()).ToList();
            if (lines.Count > 0)
            {
                LogApplied(_logger, step.Name, lines.Count, entries.Count);
            }

            if (final)
            {
                finalChanges = changes;
                finalLines = lines;
                break;
            }

            InstanceConditions.Set(pass.Status, ConditionTypes.Reconciling, "True", ConditionReasons.Progressing,
                $"Applying step {i + 2}/{prepared.Steps.Count} \"{prepared.Steps[i + 1].Name}\"", pass.Generation, _time.GetUtcNow());
            await WriteStatusAsync(pass, cancellationToken);
            if (lines.Count > 0)
            {
                await RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.ApplySucceeded, $"step \"{step.Name}\": {string.Join('\n', lines)}"), forwarded: true, cancellationToken);
            }

            if (changes.Entries.Count > 0 && await WaitAsync(key, pass, clients, step, changes, prepared.Digest, cancellationToken) is false)
            {
                return null;
            }
        }

        var current = new ObjectInventory(next);
        var pruned = await CollectGarbageAsync(pass, clients, old.StaleComparedTo(current), cancellationToken);
        if (pruned.Errors.Count > 0)
        {
            pass.Status.Inventory = Merge(old, next).ToStatus();
            throw Failed(pass, prepared.Digest, "delete failed, errors: " + string.Concat(pruned.Errors.Select(e => e + ";")));
        }

        pass.Status.Inventory = current.With(pruned.Retained).ToStatus();
        finalLines.AddRange(pruned.Entries.Select(e => e.ToString()));
        if (finalLines.Count > 0)
        {
            await RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.ApplySucceeded, string.Join('\n', finalLines)), forwarded: true, cancellationToken);
        }

        if (pass.Set.Spec.WaitOrDefault && finalChanges.Entries.Count > 0
            && await WaitAsync(key, pass, clients, prepared.Steps[^1], finalChanges, prepared.Digest, cancellationToken) is false)
        {
            return null;
        }

        return true;
    }

    /// <summary>
    /// One step through the apply engine, stage by stage (definitions, classes, namespaced Roles, the rest), so what
    /// earlier stages applied is known even when a later stage fails.
    /// </summary>
    private static async Task<(List<ChangeSetEntry> Entries, string? Error)> ApplyStagesAsync(SetClients clients, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken)
    {
        var entries = new List<ChangeSetEntry>();
        foreach (var (stage, members) in ApplyStages.Partition(objects))
        {
            IEnumerable<IReadOnlyList<JsonObject>> groups = stage == ApplyStage.Resources
                ? new[] { members.Where(IsRole).ToArray(), members.Where(o => !IsRole(o)).ToArray() }.Where(g => g.Length > 0)
                : [members];
            foreach (var group in groups)
            {
                try
                {
                    entries.AddRange((await clients.Applier.ApplyAsync(group, null, cancellationToken)).Entries);
                }
                catch (ApplyException e)
                {
                    return (entries, e.Message);
                }
            }
        }

        return (entries, null);

        static bool IsRole(JsonObject o) => ObjectId.Of(o) is { Group: "rbac.authorization.k8s.io", Kind: "Role" };
    }

    /// <summary>Deletes failed Jobs marked <c>recreateOnFailure: enabled</c> that this set owns, so the apply runs them again.</summary>
    private async Task RecreateFailedJobsAsync(ResourceSetPass pass, SetClients clients, PreparedStep step, CancellationToken cancellationToken)
    {
        var deleted = new List<InventoryEntry>();
        foreach (var job in step.Objects.Where(o => o["apiVersion"]?.ToString() == "batch/v1" && o["kind"]?.ToString() == "Job"
            && o["metadata"]?["annotations"]?[AnnotationKeys.RecreateOnFailure]?.ToString() == AnnotationKeys.EnabledValue))
        {
            var id = ObjectId.Of(job);
            try
            {
                var type = await clients.Client.Mapper.MapAsync(job, cancellationToken);
                var live = await clients.Client.GetAsync(type, id.Namespace, id.Name, cancellationToken);
                if (live is null || KStatus.Compute(live).Status != HealthStatus.Failed
                    || PruneRules.Decide(live, pass.Name, pass.Namespace, LabelKeys.ResourceSetName, LabelKeys.ResourceSetNamespace) is PruneVerdict.NotOwned)
                {
                    continue;
                }

                try
                {
                    await clients.Client.DeleteAsync(type, id.Namespace, id.Name,
                        new DeleteOptions { Propagation = PropagationPolicy.Foreground, PreconditionUid = ObjectMeta.Uid(live) }, cancellationToken);
                }
                catch (Exception e) when (e is KubeApiException or HttpRequestException)
                {
                    throw new ApplyException($"failed to delete failed Job {id.Subject}: {e.Message}", e, isTransient: true);
                }

                LogJobRecreated(_logger, id.Subject);
                deleted.Add(InventoryEntry.Of(id, "batch/v1"));
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                throw new ApplyException($"failed to read Job {id.Subject} status: {e.Message}", e, isTransient: true);
            }
        }

        if (deleted.Count > 0)
        {
            var remaining = await clients.Health.WaitForDeletionAsync(deleted, new HealthCheckOptions(_options.HealthPollInterval, _options.ApplierDeletionTimeout), cancellationToken);
            if (remaining.Count > 0)
            {
                throw new ApplyException($"failed to wait for Jobs termination: timeout waiting for {string.Join(", ", remaining)}", null, isTransient: true);
            }
        }
    }

    /// <summary>Waits for a step's objects; false when a new trigger interrupted the wait.</summary>
    private async Task<bool> WaitAsync(ObjectKey key, ResourceSetPass pass, SetClients clients, PreparedStep step, ChangeSet changes, string digest, CancellationToken cancellationToken)
    {
        InterruptedBy.TryRemove(key, out _);
        using var interrupt = Interrupts.Begin(key);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interrupt.Token);
        try
        {
            await clients.Health.WaitAsync(changes.Entries.Select(e => e.ToInventoryEntry()).ToArray(), new HealthCheckOptions(_options.HealthPollInterval, step.Timeout), null, linked.Token);
            LogHealthy(_logger, step.Name);
            return true;
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var subject = InterruptedBy.TryRemove(key, out var by) ? by : pass.Subject;
            LogHealthCanceled(_logger);
            InstanceConditions.Set(pass.Status, ConditionTypes.Ready, "False", ConditionReasons.HealthCheckCanceled, $"New reconciliation triggered by {subject}", pass.Generation, _time.GetUtcNow());
            await _events.RecordAsync(pass.Reference, InstanceEvent.Normal(ConditionReasons.HealthCheckCanceled, $"Health checks canceled due to new reconciliation triggered by {subject}"), cancellationToken);
            return false;
        }
        catch (ApplyException e)
        {
            throw Failed(pass, digest, Wrap(step, "health check failed", e.Message));
        }
    }

    /// <summary>
    /// Deletes stale objects the set still owns: Flux appliers first (their own garbage collection runs while they go),
    /// then the rest, each in reverse apply order. Never deletes objects without this set's labels or marked prune-disabled.
    /// </summary>
    private async Task<GarbageCollection> CollectGarbageAsync(ResourceSetPass pass, SetClients clients, IReadOnlyList<InventoryEntry> stale, CancellationToken cancellationToken)
    {
        if (stale.Count == 0)
        {
            return new GarbageCollection([], [], []);
        }

        var options = new PruneOptions(pass.Name, pass.Namespace,
            DeleteCrdsWithResources: string.Equals(pass.Set.Annotation(AnnotationKeys.PruneCustomResourceDefinitions), AnnotationKeys.EnabledValue, StringComparison.OrdinalIgnoreCase),
            OwnerNameLabel: LabelKeys.ResourceSetName, OwnerNamespaceLabel: LabelKeys.ResourceSetNamespace);
        var appliers = stale.Where(e => AppliersFirst.Any(p => e.ApiVersion.StartsWith(p, StringComparison.Ordinal))).ToArray();
        var rest = stale.Where(e => !appliers.Contains(e)).ToArray();
        var entries = new List<ChangeSetEntry>();
        var retained = new List<InventoryEntry>();
        var errors = new List<string>();
        if (appliers.Length > 0)
        {
            var first = await clients.Pruner.PruneAsync(appliers, options, cancellationToken);
            Collect(first);
            var gone = first.ChangeSet.Entries.Where(e => e.Action == ChangeAction.Deleted).Select(e => e.ToInventoryEntry()).ToArray();
            var remaining = await clients.Health.WaitForDeletionAsync(gone, new HealthCheckOptions(_options.HealthPollInterval, _options.ApplierDeletionTimeout), cancellationToken);
            if (remaining.Count > 0)
            {
                LogAppliersLinger(_logger, string.Join(", ", remaining));
            }
        }

        if (rest.Length > 0)
        {
            Collect(await clients.Pruner.PruneAsync(rest, options, cancellationToken));
        }

        return new GarbageCollection(entries, retained, errors);

        void Collect(PruneResult result)
        {
            entries.AddRange(result.ChangeSet.Entries);
            retained.AddRange(result.Retained);
            errors.AddRange(result.Errors);
        }
    }

    /// <summary>Deletion of the set: its owned objects go too, unless it is disabled or its service account is gone.</summary>
    private async Task UninstallAsync(ObjectKey key, ResourceSetPass pass, CancellationToken cancellationToken)
    {
        if (pass.Settings.Disabled || pass.PreviousInventory.Count == 0)
        {
            _clients.TryRemove(key, out _);
            return;
        }

        if (ServiceAccountName(pass) is { } sa)
        {
            JsonObject? account;
            try
            {
                account = await _client.GetAsync(ResourceSetResources.ServiceAccounts, pass.Namespace, sa, cancellationToken);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                LogPruneSkipped(_logger, e.Message);
                return;
            }

            if (account is null)
            {
                LogPruneSkipped(_logger, $"service account {pass.Namespace}/{sa} not found");
                return;
            }
        }

        var clients = ClientsFor(key, pass);
        var result = await CollectGarbageAsync(pass, clients, pass.PreviousInventory.Sorted().Reverse().ToArray(), cancellationToken);
        if (result.Errors.Count > 0)
        {
            LogUninstallFailed(_logger, string.Join("; ", result.Errors));
        }

        LogUninstalled(_logger, PassDuration.Rounded(_time.GetElapsedTime(pass.StartedAt)), string.Join("\n", result.Entries.Select(e => e.ToString())));
        _clients.TryRemove(key, out _);
    }

    private PhaseFailure Failed(ResourceSetPass pass, string digest, string message)
    {
        RecordHistory(pass, digest, ConditionReasons.ReconciliationFailed, pass.HistoryMetadata);
        return new PhaseFailure(ConditionReasons.ReconciliationFailed, $"reconciliation failed: {message}", terminal: false);
    }

    /// <summary>Named steps say which step failed and how; the anonymous step keeps the bare message.</summary>
    private static string Wrap(PreparedStep step, string what, string message) =>
        step.Name.Length == 0 ? message : $"step \"{step.Name}\" {what}: {message}";

    /// <summary>Union by identity, the newer version winning, sorted by id (what is tracked while a pass is incomplete).</summary>
    private static ObjectInventory Merge(ObjectInventory old, IEnumerable<InventoryEntry> next) =>
        new(old.Entries.Concat(next).GroupBy(e => e.Id).Select(g => g.Last()).OrderBy(e => e.Id.ToString(), StringComparer.Ordinal));

    /// <summary>The prepared objects of one step and its health-check budget.</summary>
    private sealed record PreparedStep(string Name, IReadOnlyList<JsonObject> Objects, TimeSpan Timeout);

    /// <summary>Every step, ready to apply, and the revision digest over all objects.</summary>
    private sealed record PreparedSet(IReadOnlyList<PreparedStep> Steps, string Digest);

    /// <summary>The outcome of garbage collection over both stages.</summary>
    private sealed record GarbageCollection(IReadOnlyList<ChangeSetEntry> Entries, IReadOnlyList<InventoryEntry> Retained, IReadOnlyList<string> Errors);
}
