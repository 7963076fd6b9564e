using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// The <c>resourceset</c> controller: ResourceSets in every namespace, re-run by their providers (when the cluster
/// serves them) and by the ConfigMaps/Secrets matching the watch label selector that they read.
/// </summary>
public static class ResourceSetController
{
    /// <summary>The controller name (metrics and log label).</summary>
    public const string Name = "resourceset";

    /// <summary>
    /// Whether the cluster serves ResourceSetInputProviders. Their CRD belongs to a later release; without it no
    /// provider watch is started (it could never sync), and sets that reference providers fail with the API's answer.
    /// </summary>
    public static async Task<bool> ServesProvidersAsync(KubeApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.Mapper.TryMapAsync(OperatorResources.ResourceSetInputProvider.Gvk, cancellationToken) is not null;
    }

    /// <summary>Adds the controller to <paramref name="host"/>; <paramref name="client"/> acts with the operator's identity.</summary>
    /// <exception cref="ArgumentException"><paramref name="watchConfigsLabelSelector"/> is not a valid label selector.</exception>
    public static ResourceSetReconciler Add(ControllerHost host, KubeApiClient client, IEventRecorder events, ResourceSetReconcilerOptions options,
        string watchConfigsLabelSelector, bool watchProviders, ControllerOptions? controllerOptions = null, TimeProvider? time = null, ILoggerFactory? loggers = null,
        ResourceSetMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(client);
        if (WatchSelectorProblem(watchConfigsLabelSelector) is { } problem)
        {
            throw new ArgumentException(problem, nameof(watchConfigsLabelSelector));
        }

        time ??= TimeProvider.System;
        loggers ??= NullLoggerFactory.Instance;
        var reconciler = new ResourceSetReconciler(client, events, options, time, loggers, metrics);
        var triggers = new ResourceSetTriggers(host.Informer(OperatorResources.ResourceSet).Cache);
        reconciler.Triggers = triggers;
        var controller = host.NewController(Name, controllerOptions);
        controller.Watches(OperatorResources.ResourceSet, null, e =>
        {
            reconciler.Interrupt(e.Key, ResourceSetTriggers.Subject(e));
            return [e.Key];
        }, ResourceSetTriggers.IsSetTrigger);
        if (watchProviders)
        {
            controller.Watches(OperatorResources.ResourceSetInputProvider, null, e => Interrupting(reconciler, e, triggers.ForProvider(e.Object)), ResourceSetTriggers.IsProviderTrigger);
        }

        var configs = new InformerOptions { LabelSelector = string.IsNullOrEmpty(watchConfigsLabelSelector) ? null : watchConfigsLabelSelector };
        foreach (var type in new[] { ResourceSetResources.ConfigMaps, KubeResources.Secret })
        {
            controller.Watches(type, configs, e => Interrupting(reconciler, e, triggers.ForConfig(e.Object)), ResourceSetTriggers.IsConfigTrigger);
        }

        controller.Complete(reconciler);
        return reconciler;
    }

    /// <summary>Why <c>--watch-configs-label-selector</c> is unusable, or null when it parses (empty selects all).</summary>
    public static string? WatchSelectorProblem(string? selector)
    {
        try
        {
            LabelSelector.Parse(selector ?? "");
            return null;
        }
        catch (ArgumentException e)
        {
            return $"unable to configure watch configs label selector for controller: {e.Message}";
        }
    }

    private static IReadOnlyList<ObjectKey> Interrupting(ResourceSetReconciler reconciler, InformerEvent e, IEnumerable<ObjectKey> keys)
    {
        var list = keys.ToArray();
        foreach (var key in list)
        {
            reconciler.Interrupt(key, ResourceSetTriggers.Subject(e));
        }

        return list;
    }
}
