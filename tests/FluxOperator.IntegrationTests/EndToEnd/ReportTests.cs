using System.Text.Json.Nodes;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>The FluxReport <c>flux-system/flux</c> as the real executable maintains it.</summary>
[Collection(EndToEndCollection.Name)]
public class ReportTests
{
    [Fact]
    public async Task Report_exists_at_startup_describes_the_install_and_is_refreshed_after_a_reconcile()
    {
        await using var cluster = await E2eCluster.StartAsync();

        // A long reporting interval: any refresh seen below comes from the FluxInstance pass, not the timer.
        await using var op = OperatorProcess.Start(cluster, false, "--reporting-interval=1h");
        var initial = await Poll.UntilAsync(cluster.ReportAsync, "the report is created at startup, before any FluxInstance", op);
        Assert.Contains(Text(initial["spec"]!["distribution"]!["status"]), new[] { "Unknown", "Not Installed" });

        await cluster.ApplyAsync(Instance("2.7.x", "[source-controller, kustomize-controller]"));
        var installed = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);
        var version = Text(installed["status"]!["lastAppliedRevision"])!.Split('@')[0];

        var report = await Poll.UntilAsync(async () => await cluster.ReportAsync() is { } r && Components(r).Count == 2 && Text(r["spec"]!["distribution"]!["status"]) == "Installed" ? r : null,
            "the report shows the installed distribution", op);
        var distribution = report["spec"]!["distribution"]!;
        Assert.Equal(version, Text(distribution["version"]));
        Assert.Equal("flux-operator", Text(distribution["managedBy"]));
        Assert.Equal(["kustomize-controller", "source-controller"], Components(report).Select(c => Text(c["name"])!).ToArray());
        Assert.All(Components(report), c => Assert.StartsWith("ghcr.io/fluxcd/" + Text(c["name"]) + ":", Text(c["image"]), StringComparison.Ordinal));
        var ready = Condition(report, "Ready")!;
        Assert.Equal("True", Text(ready["status"]));
        Assert.Equal("Succeeded", Text(ready["reason"]));
        Assert.StartsWith("Reporting finished in ", Text(ready["message"]), StringComparison.Ordinal);
        await Poll.UntilAsync(async () => await op.MetricsAsync() is var m && m.Contains("flux_report_age_seconds", StringComparison.Ordinal) && m.Contains("flux_operator_info", StringComparison.Ordinal),
            "/metrics exports the report gauges", op);

        await cluster.ApplyAsync(Instance("2.7.x", "[source-controller, kustomize-controller, helm-controller]"));
        var refreshed = await Poll.UntilAsync(async () => await cluster.ReportAsync() is { } r && Components(r).Count == 3 ? r : null,
            "the report lists the component added by the next reconcile", op);
        Assert.Equal(["helm-controller", "kustomize-controller", "source-controller"], Components(refreshed).Select(c => Text(c["name"])!).ToArray());
        Assert.NotNull(refreshed["metadata"]!["annotations"]?["reconcile.fluxcd.io/requestedAt"]);
    }

    private static IReadOnlyList<JsonObject> Components(JsonObject report) =>
        (report["spec"]?["components"] as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];
}
