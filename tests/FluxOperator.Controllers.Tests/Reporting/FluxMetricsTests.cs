using System.Diagnostics.Metrics;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FluxOperator.Controllers.Tests.Reporting;

public sealed class FluxMetricsTests : IDisposable
{
    private readonly ServiceProvider _meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly FluxMetrics _metrics;
    private readonly List<(string Name, double Value, Dictionary<string, string?> Tags)> _seen = [];

    public FluxMetricsTests()
    {
        var meters = _meterServices.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // This test's meter only: other tests' instruments share the name, not the factory.
            if (instrument.Meter.Scope == meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
        _metrics = new FluxMetrics(meters);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meterServices.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value?.ToString();
        }

        lock (_seen)
        {
            _seen.Add((instrument.Name, value, map));
        }
    }

    private static FluxReportSpec Spec(string version) => new()
    {
        Distribution = new FluxDistributionStatus { Version = version },
        Operator = new FluxOperatorInfo { Version = "v1.2.3", Platform = "linux/amd64" },
    };

    [Fact]
    public void Gauges_describe_the_last_published_report_and_its_age()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        FluxReconcilerStatus[] reconcilers = [new() { ApiVersion = "kustomize.toolkit.fluxcd.io/v1", Kind = "Kustomization", Stats = new() { Running = 7, Failing = 2, Suspended = 3 } }];

        _metrics.Publish(Spec("v2.7.0"), reconcilers, null, time.GetUtcNow(), time);
        time.Advance(TimeSpan.FromSeconds(42));
        _listener.RecordObservableInstruments();

        Assert.Equal(42, Assert.Single(_seen, m => m.Name == "flux_report_age_seconds").Value);
        var counts = _seen.Where(m => m.Name == "flux_reconciler_resources").ToDictionary(m => m.Tags["state"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, double> { ["running"] = 7, ["failing"] = 2, ["suspended"] = 3 }, counts);
        var info = Assert.Single(_seen, m => m.Name == "flux_operator_info");
        Assert.Equal(("v1.2.3", "linux/amd64"), (info.Tags["version"], info.Tags["platform"]));
    }

    [Theory]
    [InlineData("v2.6.4", "v2.7.0", 1)]
    [InlineData("v2.7.0", "v2.7.0", 0)]
    [InlineData(null, "v2.7.0", 0)]
    public void A_changed_installed_version_counts_as_an_upgrade(string? before, string after, int upgrades)
    {
        _metrics.Publish(Spec(after), [], before, DateTimeOffset.UnixEpoch, TimeProvider.System);

        var counted = _seen.Where(m => m.Name == "flux_distribution_upgrades_total").ToArray();
        Assert.Equal(upgrades, counted.Length);
        Assert.All(counted, m => Assert.Equal((before, after), (m.Tags["from"], m.Tags["to"])));
    }
}
