using System.Net;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace FluxOperator.Hosting;

/// <summary>
/// The two plain-HTTP servers: <c>/healthz</c> and <c>/readyz</c> (ping, independent of leadership) on
/// <c>--health-addr</c>, and Prometheus <c>/metrics</c> through OpenTelemetry on <c>--metrics-addr</c>.
/// </summary>
internal sealed class OperatorEndpoints : IAsyncDisposable
{
    private readonly WebApplication _health;
    private readonly WebApplication _metrics;

    private OperatorEndpoints(WebApplication health, WebApplication metrics)
    {
        _health = health;
        _metrics = metrics;
    }

    public static async Task<OperatorEndpoints> StartAsync(OperatorOptions options, CancellationToken cancellationToken)
    {
        var health = Create(options.HealthAddress, _ => { });
        foreach (var path in new[] { "/healthz", "/readyz", "/healthz/ping", "/readyz/ping" })
        {
            health.MapGet(path, (HttpContext context) => context.Request.Query.ContainsKey("verbose") ? "[+]ping ok\nhealthz check passed\n" : "ok");
        }

        var metrics = Create(options.MetricsAddress, services => services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(RuntimeMetrics.MeterName)
            .AddPrometheusExporter()));
        metrics.MapPrometheusScrapingEndpoint();

        await health.StartAsync(cancellationToken);
        await metrics.StartAsync(cancellationToken);
        return new OperatorEndpoints(health, metrics);
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _metrics.StopAsync(grace.Token);
        await _health.StopAsync(grace.Token);
        await _metrics.DisposeAsync();
        await _health.DisposeAsync();
    }

    private static WebApplication Create(string address, Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        services(builder.Services);
        var (host, port) = OperatorOptionsBinder.SplitAddress(address);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (host.Length == 0)
            {
                kestrel.ListenAnyIP(port);
            }
            else if (host == "localhost")
            {
                kestrel.ListenLocalhost(port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(host), port);
            }
        });
        return builder.Build();
    }
}
