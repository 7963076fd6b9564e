using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Migration;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation.Phases;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Composes the FluxInstance reconciler: its collaborators, the built-in phases in pass order, the pipeline and the
/// shell. Phases registered as <see cref="IInstancePhase"/> before or after this call join the pipeline at their
/// <see cref="InstanceStep"/>.
/// </summary>
public static class FluxInstanceServices
{
    /// <summary>
    /// Registers <see cref="FluxInstanceReconciler"/>. The collection must hold <see cref="IKubeClient"/>,
    /// <see cref="ArtifactStore"/>, <see cref="IEventRecorder"/>, <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/>;
    /// <see cref="ManagedObjectWatches"/> and <see cref="ReportRefresher"/> are used when registered.
    /// </summary>
    public static IServiceCollection AddFluxInstanceReconciler(this IServiceCollection services, FluxInstanceReconcilerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(s => new DistributionSource(s.GetRequiredService<IKubeClient>(), s.GetRequiredService<ArtifactStore>(), options.StoragePath));
        services.AddSingleton(s => new ServerSideApplier(s.GetRequiredService<IKubeClient>(),
            new ServerSideApplierOptions { FieldManager = ApiGroup.FieldManager, OverrideManagers = options.OverrideManagers },
            s.GetRequiredService<TimeProvider>(), Loggers(s).CreateLogger<ServerSideApplier>()));
        services.AddSingleton(s => new Pruner(s.GetRequiredService<IKubeClient>(), Loggers(s).CreateLogger<Pruner>()));
        services.AddSingleton(s => new StorageVersionMigrator(s.GetRequiredService<IKubeClient>(), ApiGroup.FieldManager, s.GetRequiredService<TimeProvider>(),
            Loggers(s).CreateLogger<StorageVersionMigrator>()));
        services.AddSingleton(s => new Uninstaller(s.GetRequiredService<IKubeClient>(), s.GetRequiredService<TimeProvider>(), options.HealthPollInterval,
            options.UninstallWaitTimeout, Loggers(s)));
        services.AddSingleton(s => new StatusWriter(s.GetRequiredService<IKubeClient>(), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ReleaseCache>();
        services.AddSingleton<InstanceEvents>();

        // The built-in phases, in the order they run within their step.
        services.AddSingleton<IInstancePhase, ProgressPhase>();
        services.AddSingleton<IInstancePhase, SourcePhase>();
        services.AddSingleton<IInstancePhase, SpecCheckPhase>();
        services.AddSingleton<IInstancePhase, BuildPhase>();
        services.AddSingleton<IInstancePhase, ApplyPhase>();
        services.AddSingleton<IInstancePhase, PrunePhase>();
        services.AddSingleton<IInstancePhase, HealthPhase>();
        services.AddSingleton<IInstancePhase, MigrationPhase>();
        services.AddSingleton<IInstancePhase, CompletionPhase>();

        services.AddSingleton<InstancePipeline>();
        services.AddSingleton<FluxInstanceReconciler>();
        return services;
    }

    private static ILoggerFactory Loggers(IServiceProvider services) => services.GetRequiredService<ILoggerFactory>();
}
