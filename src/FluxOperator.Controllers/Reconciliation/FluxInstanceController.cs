using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The <c>fluxinstance</c> controller: the FluxInstance <c>&lt;ns&gt;/flux</c>, its drift watches, and a new trigger
/// abandoning a health wait in progress (the runtime's superseded signal).
/// </summary>
public static class FluxInstanceController
{
    /// <summary>The controller name (metrics and log label).</summary>
    public const string Name = "fluxinstance";

    /// <summary>The informer of the instance: only <c>&lt;ns&gt;/flux</c> is ever seen.</summary>
    public static InformerOptions Watched(string @namespace) =>
        new() { Namespace = @namespace, FieldSelector = $"metadata.name={ApiGroup.DefaultName},metadata.namespace={@namespace}" };

    /// <summary>
    /// Adds the controller to <paramref name="host"/>, its reconciler composed from <paramref name="services"/> (which
    /// must hold what <see cref="FluxInstanceServices.AddFluxInstanceReconciler"/> expects, plus any extra phases);
    /// returns what queues a pass of the instance (for the distribution watcher).
    /// </summary>
    public static Action<ObjectKey> Add(ControllerHost host, IServiceCollection services, FluxInstanceReconcilerOptions options, ControllerOptions? controllerOptions)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var controller = host.NewController(Name, controllerOptions);
        var owner = new ObjectKey(options.Namespace, ApiGroup.DefaultName);
        services.AddSingleton(s => new ManagedObjectWatches(host.Client, controller.Queue.Add, owner, s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILoggerFactory>()));
        services.AddFluxInstanceReconciler(options);

        // The composed parts live as long as the process: the host runs them until it stops.
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        host.Add("drift watches", provider.GetRequiredService<ManagedObjectWatches>().RunAsync);
        controller.For(OperatorResources.FluxInstance, Watched(options.Namespace), FluxInstanceTriggers.IsInstanceTrigger, interruptRunningPass: true)
            .Complete(provider.GetRequiredService<FluxInstanceReconciler>());
        return controller.Queue.Add;
    }
}
