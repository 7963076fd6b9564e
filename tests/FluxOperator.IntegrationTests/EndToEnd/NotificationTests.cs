using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Events forwarded to notification-controller, here a listener at NOTIFICATION_CONTROLLER_ADDRESS.</summary>
[Collection(EndToEndCollection.Name)]
public class NotificationTests
{
    [Fact]
    public async Task Change_events_are_posted_to_the_notification_address_with_revision_and_event_metadata()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new ConcurrentQueue<JsonObject>();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().WaitAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream);
                received.Enqueue(JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject());
                context.Response.StatusCode = 202;
                context.Response.Close();
            }
        });

        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster, new Dictionary<string, string> { ["NOTIFICATION_CONTROLLER_ADDRESS"] = $"http://127.0.0.1:{port}/" });
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]", annotations: "    event.toolkit.fluxcd.io/cluster: prod-eu\n"));
        var ready = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);

        var installed = await Poll.UntilAsync(() => Task.FromResult(received.FirstOrDefault(e => Text(e["reason"]) == "ReconciliationSucceeded")), "the change event is posted", op);
        Assert.StartsWith("Flux v2.9.4 installed\n", Text(installed["message"]));
        Assert.Equal("info", Text(installed["severity"]));
        Assert.Equal("flux-operator", Text(installed["reportingController"]));
        Assert.Equal(("FluxInstance", "flux-system", "flux"), (Text(installed["involvedObject"]!["kind"]), Text(installed["involvedObject"]!["namespace"]), Text(installed["involvedObject"]!["name"])));
        Assert.Equal(Text(ready["status"]!["lastAttemptedRevision"]), Text(installed["metadata"]!["fluxcd.controlplane.io/revision"]));
        Assert.Equal("prod-eu", Text(installed["metadata"]!["event.toolkit.fluxcd.io/cluster"]));

        // Kubernetes-only events (Progressing, the "finished" notice) are not forwarded.
        Assert.DoesNotContain(received, e => Text(e["reason"]) == "Progressing" || Text(e["message"])!.StartsWith("Reconciliation finished", StringComparison.Ordinal));
        await stop.CancelAsync();
        listener.Stop();
        await serving;
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
