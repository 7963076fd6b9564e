using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Expected failures are logged as one line with their reason; stack traces are for bugs.</summary>
[Collection(EndToEndCollection.Name)]
public class FailureLogTests
{
    [Theory]
    [InlineData("  distribution:\n    version: \"2.x\"\n    registry: ghcr.io/fluxcd\n    artifact: oci://127.0.0.1:1/flux-operator-manifests:latest\n", "ArtifactFailed", "fetch failed: ")]
    [InlineData("  distribution:\n    version: \"9.x\"\n    registry: ghcr.io/fluxcd\n", "BuildFailed", "build failed: ")]
    [InlineData("  distribution:\n    version: \"2.x\"\n    registry: ghcr.io/fluxcd\n  sharding:\n    shards: [a, a]\n", "BuildFailed", "build failed: ")]
    public async Task An_expected_failure_is_one_log_line_with_its_reason_and_no_stack_trace(string spec, string reason, string message)
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync($"apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\n  namespace: flux-system\nspec:\n{spec}");

        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i, "False", reason) ? i : null, $"Ready=False/{reason}", op);
        var line = await Poll.UntilAsync(
            () => Task.FromResult(op.Output.Split('\n').FirstOrDefault(l => l.Contains("Reconciler error", StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal))),
            "the reconciler error is logged", op);
        await op.StopAsync();

        // The JSON encoding writes one entry per line; a stack trace would come as an "Exception" field or "at" lines.
        Assert.Contains("flux-system/flux", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Exception\"", op.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", op.Output, StringComparison.Ordinal);
    }
}
