using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Runtime;

/// <summary>
/// A fresh API emulator per test with our client on it, acting as the operator's service account bound to the RBAC we ship,
/// and the runtime loops the test starts, stopped at the end.
/// </summary>
public abstract class EmulatorRun : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Kubernetes _kubernetes = null!;
    private string _kubeconfig = null!;

    /// <summary>The emulator, for seeding, knobs and the request log.</summary>
    protected KubeApiServer Api { get; private set; } = null!;

    /// <summary>Our unstructured client over real HTTP.</summary>
    protected KubeApiClient Client { get; private set; } = null!;

    /// <summary>Cancelled when the test ends; pass it to the loops the test starts.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>The loops the test started; awaited (bounded) after <see cref="Stopping"/> fires.</summary>
    protected Task? Running { get; set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Api = await KubeApiServer.StartAsync();
        _kubeconfig = ShippedRbac.InstallFor(Api);
        _kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_kubeconfig));
        Client = new KubeApiClient(_kubernetes);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Running is not null)
        {
            await Running.WaitAsync(TimeSpan.FromSeconds(20));
        }

        _kubernetes.Dispose();
        await Api.DisposeAsync();
        File.Delete(_kubeconfig);
        _stop.Dispose();
    }
}
