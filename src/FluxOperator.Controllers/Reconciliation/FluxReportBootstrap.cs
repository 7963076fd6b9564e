using System.Text.Json;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Creates the report <c>&lt;ns&gt;/flux</c> at process start (every replica, before leader election) and when a pass
/// finds it deleted: server-side apply without force, so an existing report owned by the update manager is left as is.
/// </summary>
public static class FluxReportBootstrap
{
    /// <summary>The startup budget of the creation.</summary>
    public static TimeSpan StartupTimeout { get; } = TimeSpan.FromSeconds(15);

    /// <summary>Applies the initial report unless one exists; a 409 conflict (created meanwhile) is success.</summary>
    public static async Task EnsureAsync(IKubeClient client, ReportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (await client.GetAsync(OperatorResources.FluxReport, options.Namespace, ReportResources.SingletonName, cancellationToken) is not null)
        {
            // Checked first rather than relying on the apply conflict alone: only API servers that track Apply and
            // Update ownership apart refuse the apply, and elsewhere it would reset the computed spec to Unknown.
            return;
        }

        var report = new FluxReport
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = ReportResources.SingletonName, NamespaceProperty = options.Namespace },
            Spec = new FluxReportSpec
            {
                Distribution = new FluxDistributionStatus { Status = DistributionCollector.Unknown, Entitlement = DistributionCollector.Unknown },
                Operator = new FluxOperatorInfo { ApiVersion = ApiGroup.GroupVersion, Version = options.OperatorVersion, Platform = options.OperatorPlatform },
            },
        };
        var body = JsonSerializer.SerializeToNode(report, ApiJson.Options)!.AsObject();
        body.Remove("status");
        try
        {
            await client.ApplyAsync(OperatorResources.FluxReport, body, new ApplyOptions(OperatorInfo.Name, Force: false), cancellationToken);
        }
        catch (KubeApiException e) when (e.IsConflict)
        {
            // The report exists and its fields belong to the update manager: nothing to do.
        }
    }

    /// <summary>The startup call: <see cref="EnsureAsync"/> within <see cref="StartupTimeout"/>.</summary>
    public static async Task EnsureAtStartupAsync(IKubeClient client, ReportOptions options, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(StartupTimeout);
        await EnsureAsync(client, options, budget.Token);
    }
}
