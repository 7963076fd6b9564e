using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation.Phases;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>Composes the approval gate and the rollback into the FluxInstance pass (docs/safe-upgrades.md).</summary>
public static class SafeUpgradeServices
{
    /// <summary>
    /// Registers the approval, recovery and completion phases of safe upgrades. Call it before
    /// <see cref="FluxInstanceServices.AddFluxInstanceReconciler"/>: the record phase must run first in its step, before the
    /// success bookkeeping.
    /// </summary>
    public static IServiceCollection AddSafeUpgrades(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(s => new RevisionBuilder(s.GetRequiredService<IKubeClient>(), s.GetRequiredService<ArtifactStore>(),
            s.GetRequiredService<FluxInstanceReconcilerOptions>().StoragePath, s.GetRequiredService<ReleaseCache>().Load));
        services.AddSingleton(s => new RevisionRecordStore(s.GetRequiredService<IKubeClient>()));
        services.AddSingleton(s => new UpgradeGate(s.GetRequiredService<RevisionBuilder>(), s.GetRequiredService<RevisionRecordStore>(),
            s.GetRequiredService<InstanceEvents>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILoggerFactory>().CreateLogger<UpgradeGate>()));
        services.AddSingleton(s => new RevisionRollback(s.GetRequiredService<RevisionBuilder>(), s.GetRequiredService<RevisionRecordStore>(),
            s.GetRequiredService<ServerSideApplier>(), s.GetRequiredService<Pruner>(), s.GetRequiredService<InstanceEvents>(),
            s.GetRequiredService<FluxInstanceReconcilerOptions>(), s.GetRequiredService<TimeProvider>(),
            s.GetRequiredService<ILoggerFactory>().CreateLogger<RevisionRollback>(), s.GetService<ManagedObjectWatches>()));
        services.AddSingleton<IInstancePhase, UpgradeApprovalPhase>();
        services.AddSingleton<IInstancePhase, RollbackPhase>();
        services.AddSingleton<IInstancePhase, RevisionRecordPhase>();
        return services;
    }
}
