using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.IntegrationTests.Reconciliation;

/// <summary>The FluxInstance reconciler and its phases composed as the operator composes them, over a test's client.</summary>
internal static class InstanceServices
{
    /// <summary>What <see cref="FluxInstanceServices.AddFluxInstanceReconciler"/> expects, with events recorded in the cluster.</summary>
    public static IServiceCollection Basics(IKubeClient client, ArtifactStore artifacts, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        return new ServiceCollection()
            .AddSingleton(client)
            .AddSingleton(artifacts)
            .AddSingleton(clock)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton<IEventRecorder>(new KubeEventRecorder(client, clock, NullLogger<KubeEventRecorder>.Instance));
    }

    /// <summary>The composed services, with the built-in phases.</summary>
    public static ServiceProvider Compose(IKubeClient client, ArtifactStore artifacts, FluxInstanceReconcilerOptions options, TimeProvider? time = null) =>
        Basics(client, artifacts, time).AddFluxInstanceReconciler(options).BuildServiceProvider();

    /// <summary>The reconciler, as the operator composes it (without drift watches or report refresh).</summary>
    public static FluxInstanceReconciler Reconciler(IKubeClient client, ArtifactStore artifacts, FluxInstanceReconcilerOptions options, TimeProvider? time = null) =>
        Compose(client, artifacts, options, time).GetRequiredService<FluxInstanceReconciler>();
}
