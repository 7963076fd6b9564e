using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>export report</c> and <c>export resource KIND/NAME</c>: the FluxReport or a Flux object as a clean manifest (no status, no server-owned metadata).</summary>
internal static class ExportCommands
{
    public static Command Create(ClusterFlags flags)
    {
        var output = OutputFormat.Create("yaml", "yaml", "json");
        var report = new Command("report", "Print the FluxReport of the cluster.") { output };
        report.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var reports = await session.Client.ListAllAsync(FluxKinds.Report.Type, null, null, token);
            var first = reports.Items.FirstOrDefault() ?? throw new CliException("no FluxReport resources found");
            await stdout.WriteAsync(OutputFormat.Write(Clean(first), parseResult.GetValue(output)!));
            return 0;
        }));
        var resourceOutput = OutputFormat.Create("yaml", "yaml", "json");
        var target = TargetCommand.All(_ => "", includeResource: true).Single(t => t.IsResource);
        target.Command.Description = "Print a Flux object as a manifest (KIND/NAME; short names accepted).";
        target.Command.Options.Add(resourceOutput);
        target.Command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            // The instance-namespace notice would corrupt the manifest on stdout: it goes to stderr.
            var obj = await target.ResolveAsync(session, parseResult, parseResult.InvocationConfiguration.Error, token);
            JsonObject? found;
            try
            {
                found = await session.Client.GetAsync(obj.Kind.Type, obj.Namespace, obj.Name, token);
            }
            catch (FluxOperator.Controllers.Runtime.Kube.KubeApiException e)
            {
                throw new CliException($"unable to get resource {obj.Kind.Kind}/{obj.Name}: {e.Message}");
            }

            var manifest = found ?? throw new CliException($"unable to get resource {obj.Kind.Kind}/{obj.Name}: {obj} not found");
            await stdout.WriteAsync(OutputFormat.Write(Clean(manifest), parseResult.GetValue(resourceOutput)!));
            return 0;
        }));
        var export = new Command("export", "Print Flux objects as manifests.") { report, target.Command };
        flags.AddTo(export);
        return export;
    }

    /// <summary>The object without status and with only the metadata a manifest carries; request stamps and Flux owner labels dropped.</summary>
    public static JsonObject Clean(JsonObject obj)
    {
        var clean = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "status" or "metadata")
            {
                continue;
            }

            clean[key] = value?.DeepClone();
        }

        var metadata = new JsonObject();
        var source = obj["metadata"] as JsonObject ?? [];
        foreach (var key in new[] { "name", "namespace" })
        {
            if (source[key] is { } v)
            {
                metadata[key] = v.DeepClone();
            }
        }

        if (Filtered(source["labels"], k => !IsFluxOwnerLabel(k)) is { } labels)
        {
            metadata["labels"] = labels;
        }

        if (Filtered(source["annotations"], k => k is not (AnnotationKeys.RequestedAt or AnnotationKeys.ForceAt or "kubectl.kubernetes.io/last-applied-configuration")) is { } annotations)
        {
            metadata["annotations"] = annotations;
        }

        var result = new JsonObject { ["apiVersion"] = clean["apiVersion"]?.DeepClone(), ["kind"] = clean["kind"]?.DeepClone(), ["metadata"] = metadata };
        foreach (var (key, value) in clean)
        {
            if (key is not ("apiVersion" or "kind"))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static JsonObject? Filtered(JsonNode? map, Func<string, bool> keep)
    {
        if (map is not JsonObject obj)
        {
            return null;
        }

        var kept = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (keep(key))
            {
                kept[key] = value?.DeepClone();
            }
        }

        return kept.Count == 0 ? null : kept;
    }

    // Labels such as kustomize.toolkit.fluxcd.io/name that tie an object to the Flux applier owning it.
    private static bool IsFluxOwnerLabel(string key) =>
        key.Contains(".fluxcd.", StringComparison.Ordinal) && (key.EndsWith("/name", StringComparison.Ordinal) || key.EndsWith("/namespace", StringComparison.Ordinal));
}
