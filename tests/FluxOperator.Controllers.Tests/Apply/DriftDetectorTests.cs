using FluxOperator.Controllers.Apply;

namespace FluxOperator.Controllers.Tests.Apply;

public class DriftDetectorTests
{
    private const string Live = """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"7","labels":{"a":"1"},"annotations":{"n":"x"},"managedFields":[]},
         "data":{"k":"v"}}
        """;

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"7","labels":{"a":"1"},"annotations":{"n":"x"}},"data":{"k":"v"}}""", false)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"9","uid":"u","labels":{"a":"1"},"annotations":{"n":"x"}},"data":{"k":"v"},"status":{"x":1}}""", false)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"7","labels":{"a":"2"},"annotations":{"n":"x"}},"data":{"k":"v"}}""", true)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"7","labels":{"a":"1"}},"data":{"k":"v"}}""", true)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"7","labels":{"a":"1"},"annotations":{"n":"x"}},"data":{"k":"w"}}""", true)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1"},"annotations":{"n":"x"}},"data":{"k":"v"}}""", true)]
    public void Drift_is_labels_annotations_or_content(string dryRun, bool drifted) =>
        Assert.Equal(drifted, DriftDetector.HasDrifted(Objects.Parse(Live), Objects.Parse(dryRun)));

    [Fact]
    public void A_missing_live_object_has_drifted() =>
        Assert.True(DriftDetector.HasDrifted(null, Objects.Parse(Live)));

    [Fact]
    public void Empty_and_absent_label_maps_are_the_same()
    {
        var live = Objects.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"1","labels":{}}}""");
        var dryRun = Objects.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"1"}}""");

        Assert.False(DriftDetector.HasDrifted(live, dryRun));
    }

    [Fact]
    public void Duplicate_and_empty_hpa_metrics_are_not_drift()
    {
        var live = Objects.Parse("""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"h","resourceVersion":"1"},
             "spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu"}}]}}
            """);
        var dryRun = Objects.Parse("""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"h","resourceVersion":"1"},
             "spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu"}},{"type":"Resource","resource":{"name":"cpu"}},{"type":""}]}}
            """);

        Assert.False(DriftDetector.HasDrifted(live, dryRun));
    }
}
