using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// Computes the FluxReport spec step by step (distribution, cluster, CRDs, components, reconcilers, sync,
/// operator). A failing step ends the computation; what was computed before is kept.
/// </summary>
public sealed class ReportCollector
{
    private readonly IKubeClient _client;
    private readonly ReportOptions _options;
    private readonly ArtifactHealth? _artifactHealth;

    /// <summary>Creates the collector; <paramref name="artifactHealth"/> is the distribution watcher's registry signal.</summary>
    public ReportCollector(IKubeClient client, ReportOptions options, ArtifactHealth? artifactHealth = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _artifactHealth = artifactHealth;
    }

    /// <summary>The operator block, the same in every report.</summary>
    public FluxOperatorInfo Operator => new() { ApiVersion = ApiGroup.GroupVersion, Version = _options.OperatorVersion, Platform = _options.OperatorPlatform };

    /// <summary>Runs every step; never throws for API failures (they end up in <see cref="ReportComputation.Errors"/>).</summary>
    public async Task<ReportComputation> ComputeAsync(CancellationToken cancellationToken)
    {
        var ns = _options.Namespace;
        var spec = new FluxReportSpec();
        var errors = new List<string>();
        ClusterFacts? cluster = null;
        IReadOnlyList<FluxReconcilerStatus> counted = [];
        var resources = new List<KeyValuePair<string, object?>[]>();
        var instance = await ReadInstanceAsync(errors, cancellationToken);
        spec.Distribution = await new DistributionCollector(_client, ns).CollectAsync(_artifactHealth?.Problem ?? ArtifactFailure(instance), errors, cancellationToken);
        if (PendingUpgrade(instance) is { } pending && spec.Distribution.Status == DistributionCollector.Installed)
        {
            spec.Distribution.Status = $"{DistributionCollector.Installed} (upgrade pending approval: {pending})";
        }

        try
        {
            cluster = await new ClusterCollector(_client, _options.PageSize).CollectAsync(cancellationToken);
            spec.Cluster = cluster.Info;
            var kinds = await new CrdCollector(_client, _options.PageSize).CollectAsync(cancellationToken);
            spec.Components = await new ComponentCollector(_client, ns, _options.PageSize).CollectAsync(cancellationToken);
            var counts = await new ReconcilerCollector(_client, _options.PageSize).CollectAsync(kinds, cancellationToken, _options.ResourceInfoMetrics ? resources : null);
            counted = counts.Entries;
            if (counts.Errors.Count > 0)
            {
                throw new ReportException("failed to compute reconcilers: " + string.Join("; ", counts.Errors));
            }

            spec.Reconcilers = counts.Entries;
            spec.Sync = await new SyncCollector(_client, ns).CollectAsync(instance, kinds, cancellationToken);
        }
        catch (ReportException e)
        {
            errors.Add(e.Message);
        }

        spec.Operator = Operator;
        return new ReportComputation(spec, errors, cluster, counted, resources);
    }

    private async Task<JsonObject?> ReadInstanceAsync(ICollection<string> errors, CancellationToken cancellationToken)
    {
        try
        {
            // Null when there is no instance or no FluxInstance API yet: the sync name falls back to the namespace.
            return await _client.GetAsync(OperatorResources.FluxInstance, _options.Namespace, ReportResources.SingletonName, cancellationToken);
        }
        catch (Exception e) when (DistributionCollector.IsReadFailure(e, cancellationToken))
        {
            // Forbidden, a server error or a timeout is not "no instance": say so, then carry on with the fallback.
            errors.Add($"failed to read FluxInstance {_options.Namespace}/{ReportResources.SingletonName}: {DistributionCollector.Reason(e)}");
            return null;
        }
    }

    /// <summary>The headline of the FluxInstance's <c>UpgradePending=True</c> condition (without the plan), or null.</summary>
    private static string? PendingUpgrade(JsonObject? instance)
    {
        if (instance is null || JsonFields.Condition(instance, ConditionTypes.UpgradePending) is not { } pending || JsonFields.Text(pending["status"]) != "True")
        {
            return null;
        }

        var message = JsonFields.Text(pending["message"]) ?? "";
        var plan = message.IndexOf(". Plan: ", StringComparison.Ordinal);
        return plan < 0 ? message : message[..plan];
    }

    /// <summary>The FluxInstance's <c>fetch failed</c> message while its Ready condition says ArtifactFailed.</summary>
    private static string? ArtifactFailure(JsonObject? instance) =>
        instance is not null
        && JsonFields.Condition(instance, ConditionTypes.Ready) is { } ready
        && JsonFields.Text(ready["status"]) == "False"
        && JsonFields.Text(ready["reason"]) == ConditionReasons.ArtifactFailed
            ? JsonFields.Text(ready["message"])
            : null;
}
