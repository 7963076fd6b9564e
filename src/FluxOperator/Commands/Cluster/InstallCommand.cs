using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// <c>install -f INSTANCE</c>: applies the operator from our own install manifests (embedded at build time, or
/// <c>--manifests FILE</c>), waits until its Deployment is available, applies the FluxInstance and waits until it is Ready.
/// </summary>
internal static class InstallCommand
{
    /// <summary>The logical name of the embedded <c>dist/install.yaml</c>.</summary>
    public const string EmbeddedManifests = "install.yaml";

    private static readonly ResourceType Deployments = new("apps", "v1", "Deployment", "deployments", true);
    private static readonly ResourceType Crds = new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    public static Command Create(ClusterFlags flags)
    {
        var instanceFile = new Option<string>("--instance-file", "-f") { Description = "The FluxInstance manifest to install (a file, or - for stdin; required).", Required = true };
        var manifests = new Option<string?>("--manifests") { Description = "The operator's install manifests (default: the install.yaml built into this binary)." };
        var command = new Command("install", "Install the Flux Operator and a FluxInstance, and wait until both are ready (timeouts below 2m become 5m).") { instanceFile, manifests };
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var started = Stopwatch.StartNew();
            var operatorObjects = Parse(ReadManifests(parseResult.GetValue(manifests)), "the operator manifests");
            var instance = Parse(Read(parseResult.GetValue(instanceFile)!), parseResult.GetValue(instanceFile)!)
                .Where(o => o["kind"]?.GetValue<string>() == FluxKinds.Instance.Kind).ToArray() switch
            {
                [var one] => one,
                var found => throw new CliException($"{parseResult.GetValue(instanceFile)} must hold exactly one FluxInstance, found {found.Length}"),
            };
            var deployment = operatorObjects.FirstOrDefault(o => o["kind"]?.GetValue<string>() == "Deployment")
                ?? throw new CliException("the operator manifests hold no Deployment");
            var ns = ObjectMeta.Namespace(deployment) ?? "flux-system";

            var present = await session.Client.GetAsync(Deployments, ns, ObjectMeta.Name(deployment), token) is not null;
            await stdout.WriteLineAsync($"{CliOutput.Waiting} {(present ? "Upgrading" : "Installing")} Flux Operator in {ns} namespace...");
            await ApplyAsync(session, operatorObjects, stdout, token);
            await stdout.WriteLineAsync($"{CliOutput.Waiting} Waiting for Flux Operator to be ready...");
            await UntilAvailableAsync(session, ns, ObjectMeta.Name(deployment), token);
            await stdout.WriteLineAsync($"{CliOutput.Success} Flux Operator has been installed successfully");

            var instanceNamespace = ObjectMeta.Namespace(instance) ?? ns;
            instance["metadata"]!["namespace"] = instanceNamespace;
            await stdout.WriteLineAsync($"{CliOutput.Waiting} Installing the Flux instance...");
            await ApplyAsync(session, [instance], stdout, token);
            await stdout.WriteLineAsync($"{CliOutput.Waiting} Waiting for Flux instance to be ready...");
            await ReadinessWait.UntilReadyAsync(session, FluxKinds.Instance, instanceNamespace, ObjectMeta.Name(instance), null, token);
            await stdout.WriteLineAsync($"{CliOutput.Success} Flux has been installed successfully");
            await stdout.WriteLineAsync($"{CliOutput.Success} Installation completed in {GoDuration.Format(started.Elapsed.Ticks / TimeSpan.TicksPerSecond * 1_000_000_000)}");
            return 0;
        }, timeout => timeout < TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(5) : timeout));
        return command;
    }

    /// <summary>Server-side apply in file order, CRDs first and waited for until Established so the kinds they add resolve.</summary>
    private static async Task ApplyAsync(ClusterSession session, IReadOnlyList<JsonObject> objects, TextWriter stdout, CancellationToken cancellationToken)
    {
        var ordered = objects.OrderBy(o => o["kind"]?.GetValue<string>() switch { "CustomResourceDefinition" => 0, "Namespace" => 1, _ => 2 }).ToArray();
        var waitForCrds = ordered.Any(o => o["kind"]?.GetValue<string>() == "CustomResourceDefinition");
        foreach (var obj in ordered)
        {
            if (waitForCrds && obj["kind"]?.GetValue<string>() != "CustomResourceDefinition")
            {
                await UntilEstablishedAsync(session, ordered, cancellationToken);
                waitForCrds = false;
            }

            var type = await session.Client.Mapper.MapAsync(obj, cancellationToken);
            await session.Client.ApplyAsync(type, obj, new ApplyOptions(ClusterFlags.FieldManager, Force: true), cancellationToken);
            var ns = ObjectMeta.Namespace(obj);
            await stdout.WriteLineAsync($"{CliOutput.Success} {type.Kind}/{(ns is null ? "" : ns + "/")}{ObjectMeta.Name(obj)} applied");
        }
    }

    private static async Task UntilEstablishedAsync(ClusterSession session, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken)
    {
        foreach (var crd in objects.Where(o => o["kind"]?.GetValue<string>() == "CustomResourceDefinition"))
        {
            while (await session.Client.GetAsync(Crds, null, ObjectMeta.Name(crd), cancellationToken) is not { } live
                   || !(live["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().Any(c => c["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True"))
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }

        session.Client.Mapper.Invalidate();
    }

    private static async Task UntilAvailableAsync(ClusterSession session, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var live = await session.Client.GetAsync(Deployments, ns, name, cancellationToken);
                var wanted = live?["spec"]?["replicas"] is JsonValue r && r.TryGetValue<long>(out var replicas) ? replicas : 1;
                var available = live?["status"]?["availableReplicas"] is JsonValue a && a.TryGetValue<long>(out var count) ? count : 0;
                var observed = live?["status"]?["observedGeneration"] is JsonValue g && g.TryGetValue<long>(out var generation) ? generation : 0;
                if (live is not null && available >= wanted && observed >= ObjectMeta.Generation(live))
                {
                    return;
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"timed out waiting for Deployment {ns}/{name} to become available");
        }
    }

    private static string ReadManifests(string? path)
    {
        if (path is not null)
        {
            return Read(path);
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(EmbeddedManifests)
            ?? throw new CliException("this build carries no operator manifests: pass --manifests dist/install.yaml");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Read(string path)
    {
        try
        {
            return path == "-" ? BoundedTextReader.ReadAll(Console.In, InputLimits.Current) : BoundedTextReader.ReadFile(path, InputLimits.Current);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException)
        {
            throw new CliException($"unable to read {path}: {e.Message}");
        }
    }

    private static IReadOnlyList<JsonObject> Parse(string yaml, string what)
    {
        try
        {
            return YamlDocuments.ParseObjects(yaml);
        }
        catch (Exception e) when (e is YamlException or System.Text.Json.JsonException)
        {
            throw new CliException($"invalid YAML in {what}: {e.Message}");
        }
    }
}
