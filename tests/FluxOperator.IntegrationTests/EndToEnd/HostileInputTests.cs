using FluxOperator.IntegrationTests.Commands;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>A FluxInstance written to take the operator down is reported in its own status; the process survives.</summary>
[Collection(EndToEndCollection.Name)]
public class HostileInputTests
{
    private const long MemoryBudget = 512L << 20;

    private static string WithPatch(string patchText, string annotations = "") =>
        Instance("2.x", "[source-controller, kustomize-controller]", annotations, extraSpec: $"""
              kustomize:
                patches:
                - target:
                    kind: Deployment
                  patch: |
            {string.Join("\n", patchText.TrimEnd('\n').Split('\n').Select(l => "          " + l))}

            """);

    [Fact]
    public async Task Alias_bomb_and_deep_nesting_in_a_patch_stall_the_instance_while_the_process_stays_small_and_serving()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);

        await cluster.ApplyAsync(WithPatch(HostileInputs.AliasBomb()));
        var bombed = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsStalled(i) ? i : null, "the alias bomb stalls the instance", op);
        Assert.Equal("BuildFailed", Text(Condition(bombed, "Ready")!["reason"]));
        Assert.Contains("patch rejected: document contains excessive aliasing", Text(Condition(bombed, "Ready")!["message"]), StringComparison.Ordinal);

        await cluster.ApplyAsync(WithPatch(HostileInputs.DeepFlow(100_000)));
        var deep = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsStalled(i) && Text(Condition(i, "Ready")!["message"])!.Contains("depth limit", StringComparison.Ordinal) ? i : null, "the deep patch stalls the instance", op);
        Assert.Contains("patch rejected: nesting exceeds the depth limit of 256 at 1:257", Text(Condition(deep, "Ready")!["message"]), StringComparison.Ordinal);
        Assert.Empty(await cluster.DeploymentNamesAsync());

        Assert.False(op.HasExited, op.Output);
        Assert.Equal("ok", await op.HealthzAsync());
        Assert.True(op.PeakResidentBytes() < MemoryBudget, $"peak working set {op.PeakResidentBytes() >> 20} MiB");

        // A fixed spec reconciles; the 1ms typo in its interval is raised to the floor and announced.
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]", "    fluxcd.controlplane.io/reconcileEvery: 1ms\n"));
        await Poll.UntilAsync(async () => IsReady(await cluster.InstanceAsync()), "the fixed instance is Ready", op);
        var clamped = Assert.Single(await cluster.EventsAsync(), e => Text(e["reason"]) == "IntervalClamped");
        Assert.Equal("Warning", Text(clamped["type"]));
        Assert.Equal("annotation fluxcd.controlplane.io/reconcileEvery: 1ms is below the minimum of 10s; using 10s", Text(clamped["message"]));
        Assert.True(op.PeakResidentBytes() < MemoryBudget, $"peak working set {op.PeakResidentBytes() >> 20} MiB");
    }

    private static bool IsStalled(System.Text.Json.Nodes.JsonObject instance) =>
        Condition(instance, "Stalled") is { } stalled && Text(stalled["status"]) == "True";
}
