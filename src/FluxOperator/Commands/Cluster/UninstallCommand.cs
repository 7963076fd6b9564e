using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// <c>uninstall</c>: removes the operator and Flux in the order that cannot strand anything: cluster roles and bindings
/// (so no controller acts any more), Deployments, finalizers of every Flux object, the CRDs, then the namespace. Objects
/// Flux applied are left in place. Every step is attempted; any failure makes the exit code 1.
/// </summary>
internal static class UninstallCommand
{
    private static readonly ResourceType ClusterRoles = new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
    private static readonly ResourceType ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false);
    private static readonly ResourceType Deployments = new("apps", "v1", "Deployment", "deployments", true);
    private static readonly ResourceType Crds = new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    private static readonly ResourceType Namespaces = new("", "v1", "Namespace", "namespaces", false);

    public static Command Create(ClusterFlags flags)
    {
        var keepNamespace = new Option<bool>("--keep-namespace") { Description = "Leave the namespace in place (default false)." };
        var command = new Command("uninstall", "Remove the Flux Operator, the Flux controllers and their CRDs; objects Flux applied stay (timeout at least 2m).") { keepNamespace };
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var started = Stopwatch.StartNew();
            var ns = session.NamespaceGiven ? session.Namespace : "flux-system";
            var failures = 0;

            async Task DeleteAllAsync(ResourceType type, string? scope, IEnumerable<JsonObject> items)
            {
                foreach (var item in items)
                {
                    var id = $"{type.Kind}/{(scope is null ? "" : scope + "/")}{ObjectMeta.Name(item)}";
                    try
                    {
                        if (await session.Client.DeleteAsync(type, scope, ObjectMeta.Name(item), null, token))
                        {
                            await stdout.WriteLineAsync($"{CliOutput.Success} {id} deleted");
                        }
                    }
                    catch (KubeApiException e)
                    {
                        failures++;
                        await stdout.WriteLineAsync($"{CliOutput.Failure} Failed to delete {id}: {e.Message}");
                    }
                }
            }

            async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceType type, string? scope, string step)
            {
                try
                {
                    return (await session.Client.ListAllAsync(type, scope, null, token)).Items;
                }
                catch (KubeApiException e) when (e.IsNotFound)
                {
                    return [];
                }
                catch (KubeApiException e)
                {
                    failures++;
                    await stdout.WriteLineAsync($"{CliOutput.Failure} Failed to {step}: {e.Message}");
                    return [];
                }
            }

            await stdout.WriteLineAsync($"{CliOutput.Waiting} Deleting cluster roles and bindings...");
            await DeleteAllAsync(ClusterRoleBindings, null, (await ListAsync(ClusterRoleBindings, null, "list cluster role bindings")).Where(IsFlux));
            await DeleteAllAsync(ClusterRoles, null, (await ListAsync(ClusterRoles, null, "list cluster roles")).Where(IsFlux));

            await stdout.WriteLineAsync($"{CliOutput.Waiting} Deleting deployments in {ns}...");
            var deployments = (await ListAsync(Deployments, ns, "list deployments")).Where(IsFlux).ToArray();
            await DeleteAllAsync(Deployments, ns, deployments);
            using (var grace = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                // The controllers get their termination grace period to stop; then the uninstall goes on regardless.
                grace.CancelAfter(TimeSpan.FromSeconds(35));
                try
                {
                    foreach (var deployment in deployments)
                    {
                        await ReadinessWait.UntilDeletedAsync(session, new FluxKind(Deployments, "deploy", false, false), ns, ObjectMeta.Name(deployment), grace.Token);
                    }
                }
                catch (CliException e) when (!token.IsCancellationRequested)
                {
                    await stdout.WriteLineAsync($"{CliOutput.Waiting} {e.Message}; going on");
                }
            }

            await stdout.WriteLineAsync($"{CliOutput.Waiting} Removing finalizers from Flux objects...");
            var released = 0;
            foreach (var kind in FluxKinds.All)
            {
                foreach (var item in (await ListAsync(kind.Type, null, $"list {kind.Kind} objects")).Where(i => i["metadata"]?["finalizers"] is JsonArray { Count: > 0 }))
                {
                    try
                    {
                        await session.Client.PatchAsync(kind.Type, ObjectMeta.Namespace(item), ObjectMeta.Name(item), PatchType.Merge,
                            new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = null } }, ClusterFlags.FieldManager, token);
                        released++;
                    }
                    catch (KubeApiException e) when (!e.IsNotFound)
                    {
                        failures++;
                        await stdout.WriteLineAsync($"{CliOutput.Failure} Failed to remove the finalizers of {kind.Kind}/{ObjectMeta.Namespace(item)}/{ObjectMeta.Name(item)}: {e.Message}");
                    }
                }
            }

            await stdout.WriteLineAsync($"{CliOutput.Success} Finalizers removed from {released} objects");
            await stdout.WriteLineAsync($"{CliOutput.Waiting} Deleting CRDs...");
            await DeleteAllAsync(Crds, null, (await ListAsync(Crds, null, "list CRDs")).Where(c => c["spec"]?["group"]?.GetValue<string>() is { } group
                && (group == "fluxcd.controlplane.io" || group.EndsWith(".fluxcd.io", StringComparison.Ordinal) || group.EndsWith(".fluxcd.controlplane.io", StringComparison.Ordinal))));

            if (!parseResult.GetValue(keepNamespace))
            {
                await stdout.WriteLineAsync($"{CliOutput.Waiting} Deleting namespace {ns}...");
                await DeleteAllAsync(Namespaces, null, [new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }]);
            }

            if (failures > 0)
            {
                throw new CliException($"uninstall finished with {failures} failed step(s)");
            }

            await stdout.WriteLineAsync($"{CliOutput.Success} Uninstallation completed in {GoDuration.Format(started.Elapsed.Ticks / TimeSpan.TicksPerSecond * 1_000_000_000)}");
            return 0;
        }, timeout => timeout < TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(2) : timeout));
        return command;
    }

    /// <summary>The operator's own objects (named flux-operator…) and the Flux controllers' (labelled part-of flux).</summary>
    private static bool IsFlux(JsonObject obj) =>
        ObjectMeta.Name(obj).StartsWith("flux-operator", StringComparison.Ordinal)
        || obj["metadata"]?["labels"]?["app.kubernetes.io/part-of"]?.GetValue<string>() == "flux"
        || obj["metadata"]?["labels"]?["app.kubernetes.io/name"]?.GetValue<string>() == "flux-operator";
}
