using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;
using k8s.Models;

namespace FluxOperator.Controllers.Tests.Reconciliation;

public class InstanceSettingsTests
{
    [Theory]
    [InlineData(null, 3600.0)]
    [InlineData("1m", 60.0)]
    [InlineData("90s", 90.0)]
    [InlineData("1h30m", 5400.0)]
    [InlineData("1d", 3600.0)]
    [InlineData("bad", 3600.0)]
    public void Reconcile_every_falls_back_to_one_hour_when_absent_or_unparsable(string? value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Settings((AnnotationKeys.ReconcileEvery, value)).ReconcileEvery);

    [Theory]
    [InlineData("0s")]
    [InlineData("0")]
    [InlineData("-5m")]
    public void Zero_or_negative_reconcile_every_means_no_periodic_pass(string value) =>
        Assert.Null(Settings((AnnotationKeys.ReconcileEvery, value)).ReconcileEvery);

    [Theory]
    [InlineData(null, 300.0)]
    [InlineData("4s", 4.0)]
    [InlineData("bad", 300.0)]
    public void Reconcile_timeout_falls_back_to_five_minutes(string? value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Settings((AnnotationKeys.ReconcileTimeout, value)).ReconcileTimeout);

    [Theory]
    [InlineData("1ms", 10.0)]
    [InlineData("9s", 10.0)]
    [InlineData("10s", 10.0)]
    [InlineData("11s", 11.0)]
    public void Reconcile_every_below_ten_seconds_is_raised_to_ten_seconds(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Settings((AnnotationKeys.ReconcileEvery, value)).ReconcileEvery);

    [Fact]
    public void A_raised_interval_is_named_with_the_value_given_and_the_value_used()
    {
        var settings = Settings((AnnotationKeys.ReconcileEvery, "1ms"), (AnnotationKeys.ReconcileTimeout, "1ms"));

        Assert.Equal(
            [
                "annotation fluxcd.controlplane.io/reconcileEvery: 1ms is below the minimum of 10s; using 10s",
                "annotation fluxcd.controlplane.io/reconcileTimeout: 1ms is below the minimum of 1s; using 1s",
            ],
            settings.FloorWarnings);
        Assert.Empty(Settings((AnnotationKeys.ReconcileEvery, "10s"), (AnnotationKeys.ReconcileTimeout, "1s")).FloorWarnings);
    }

    [Fact]
    public void The_floor_is_the_one_the_process_configured()
    {
        var instance = new FluxInstance { Metadata = new V1ObjectMeta { Name = "flux", Annotations = new Dictionary<string, string> { [AnnotationKeys.ReconcileEvery] = "2s" } } };

        var settings = InstanceSettings.Of(instance, new Controllers.Reporting.IntervalFloors { Periodic = TimeSpan.FromSeconds(1) });

        Assert.Equal(TimeSpan.FromSeconds(2), settings.ReconcileEvery);
        Assert.Empty(settings.FloorWarnings);
    }

    [Theory]
    [InlineData("disabled", true)]
    [InlineData("Disabled", true)]
    [InlineData("enabled", false)]
    [InlineData("off", false)]
    [InlineData(null, false)]
    public void Only_disabled_in_any_case_disables(string? value, bool disabled) =>
        Assert.Equal(disabled, Settings((AnnotationKeys.Reconcile, value)).Disabled);

    [Fact]
    public void Request_and_force_annotations_are_read_verbatim()
    {
        var settings = Settings((AnnotationKeys.RequestedAt, "2025-01-01T00:00:00Z"), (AnnotationKeys.ForceAt, "now"));

        Assert.Equal(("2025-01-01T00:00:00Z", "now"), (settings.RequestedAt, settings.ForceAt));
    }

    private static InstanceSettings Settings(params (string Key, string? Value)[] annotations)
    {
        var map = annotations.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!);
        return InstanceSettings.Of(new FluxInstance { Metadata = new V1ObjectMeta { Name = "flux", Annotations = map } });
    }
}
