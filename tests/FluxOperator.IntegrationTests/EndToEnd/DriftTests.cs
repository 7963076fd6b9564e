using FluxOperator.Controllers.Primitives;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>
/// Drift is corrected within seconds, not at the next hourly pass: the managed kinds are watched. The instance
/// asks for a pass every hour, so anything faster than that is the watch at work.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class DriftTests
{
    private const string Components = "[source-controller, kustomize-controller]";

    [Fact]
    public async Task Deleted_managed_deployment_is_restored_within_seconds()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.x", Components));
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);
        var before = (await cluster.DeploymentAsync("kustomize-controller"))!["metadata"]!["uid"]!.GetValue<string>();

        await cluster.DeleteDeploymentAsync("kustomize-controller");

        var restored = await Poll.UntilAsync(
            async () => await cluster.DeploymentAsync("kustomize-controller") is { } d && d["metadata"]!["uid"]!.GetValue<string>() != before ? d : null,
            "kustomize-controller is re-created", op, TimeSpan.FromSeconds(15));
        Assert.Equal("flux", Text(restored["metadata"]!["labels"]!["fluxcd.controlplane.io/name"]));
        await Poll.UntilAsync(async () => (await cluster.EventsAsync()).Any(e =>
            Text(e["message"]) == "Flux v2.9.4 updated\nDeployment/flux-system/kustomize-controller created"), "the change event names the re-created Deployment", op);
        await Poll.UntilAsync(async () => IsReady(await cluster.InstanceAsync()), "the instance is Ready again", op);
    }

    [Fact]
    public async Task Edited_managed_field_is_reverted_and_hand_added_env_removed()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.x", Components));
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);
        var args = (await cluster.DeploymentAsync("source-controller"))!["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.ToJsonString();

        // What `kubectl edit` does: an update by a kubectl manager that changes args and adds an env var.
        var edited = (await cluster.DeploymentAsync("source-controller"))!;
        var container = edited["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        container["args"] = new System.Text.Json.Nodes.JsonArray("--edited-by-hand");
        container["env"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "HAND", ["value"] = "1" });
        var deployments = new FluxOperator.Controllers.Primitives.ResourceType("apps", "v1", "Deployment", "deployments", true);
        await cluster.Client.UpdateAsync(deployments, edited, "kubectl-edit", CancellationToken.None);

        await Poll.UntilAsync(async () =>
        {
            var c = (await cluster.DeploymentAsync("source-controller"))!["spec"]!["template"]!["spec"]!["containers"]![0]!;
            var env = c["env"] as System.Text.Json.Nodes.JsonArray ?? [];
            return c["args"]!.ToJsonString() == args && env.All(v => Text(v!["name"]) != "HAND");
        }, "args are restored and the hand-added env var is gone", op, TimeSpan.FromSeconds(15));
        var managers = (await cluster.DeploymentAsync("source-controller"))!["metadata"]!["managedFields"]!.AsArray().Select(m => Text(m!["manager"])).ToArray();
        Assert.DoesNotContain("kubectl-edit", managers);
    }
}
