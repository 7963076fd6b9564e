using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// Wires the <c>resourceset</c> controller: informers on ResourceSets and providers (all namespaces) and on the
/// ConfigMaps/Secrets matching the watch label selector, the trigger mappings and the reconciler. The host runs
/// <see cref="ResourceSetControllerParts.RunAsync"/> while it leads.
/// </summary>
public static class ResourceSetController
{
    /// <summary>The controller name (metrics and log label).</summary>
    public const string Name = "resourceset";

    /// <summary>
    /// Builds the parts. The provider informer exists only when the cluster serves ResourceSetInputProviders (its CRD
    /// belongs to a later release); without it, sets that reference providers fail their pass with the API's answer.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="watchConfigsLabelSelector"/> is not a valid label selector.</exception>
    public static async Task<ResourceSetControllerParts> CreateAsync(KubeApiClient client, IEventRecorder events, ResourceSetReconcilerOptions options,
        string watchConfigsLabelSelector, ControllerOptions? controllerOptions, TimeProvider? time, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        loggers ??= NullLoggerFactory.Instance;
        if (WatchSelectorProblem(watchConfigsLabelSelector) is { } problem)
        {
            throw new ArgumentException(problem, nameof(watchConfigsLabelSelector));
        }

        var reconciler = new ResourceSetReconciler(client, events, options, time, loggers);
        var controller = new Controller(Name, reconciler, controllerOptions, time, loggers.CreateLogger<Controller>());
        var informers = new List<Informer>();
        Informer Inform(ResourceType type, string? selector)
        {
            var informer = new Informer(client, type, new InformerOptions { LabelSelector = selector }, time, loggers.CreateLogger<Informer>());
            informers.Add(informer);
            return informer;
        }

        var sets = Inform(OperatorResources.ResourceSet, null);
        var triggers = new ResourceSetTriggers(sets.Cache);
        reconciler.Triggers = triggers;
        controller.Watch(sets, ResourceSetTriggers.IsSetTrigger, e =>
        {
            reconciler.Interrupt(e.Key, ResourceSetTriggers.Subject(e));
            return [e.Key];
        });

        if (await client.Mapper.TryMapAsync(OperatorResources.ResourceSetInputProvider.Gvk, cancellationToken) is not null)
        {
            controller.Watch(Inform(OperatorResources.ResourceSetInputProvider, null), ResourceSetTriggers.IsProviderTrigger, e => Interrupting(reconciler, e, triggers.ForProvider(e.Object)));
        }

        var selector = string.IsNullOrEmpty(watchConfigsLabelSelector) ? null : watchConfigsLabelSelector;
        foreach (var type in new[] { ResourceSetResources.ConfigMaps, KubeResources.Secret })
        {
            controller.Watch(Inform(type, selector), ResourceSetTriggers.IsConfigTrigger, e => Interrupting(reconciler, e, triggers.ForConfig(e.Object)));
        }

        return new ResourceSetControllerParts(controller, informers, reconciler);
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

/// <summary>The ResourceSet controller and the informers that feed it.</summary>
/// <param name="Controller">The <c>resourceset</c> controller.</param>
/// <param name="Informers">Its informers (sets, providers when served, ConfigMaps, Secrets).</param>
/// <param name="Reconciler">The reconciler.</param>
public sealed record ResourceSetControllerParts(Controller Controller, IReadOnlyList<Informer> Informers, ResourceSetReconciler Reconciler)
{
    /// <summary>Runs the informers and the controller until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informing = Informers.Select(i => Task.Run(() => i.RunAsync(stop.Token), CancellationToken.None)).ToArray();
        try
        {
            await Controller.RunAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var task in informing)
            {
                try
                {
                    await task;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }
}
