using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// <c>trace KIND/NAME</c> (or <c>KIND NAME</c>): from any object to the Flux applier that owns it (following owner
/// references up, e.g. Pod → ReplicaSet → Deployment) and on to that applier's source, with revisions and statuses.
/// </summary>
internal static class TraceCommand
{
    private const int LabelWidth = 17;
    private const int MaxOwnerHops = 10;

    /// <summary>The ownership labels an applier stamps, in the order they are checked.</summary>
    private static readonly (string Kind, string NameLabel, string NamespaceLabel)[] Appliers =
    [
        ("FluxInstance", "fluxcd.controlplane.io/name", "fluxcd.controlplane.io/namespace"),
        ("Kustomization", "kustomize.toolkit.fluxcd.io/name", "kustomize.toolkit.fluxcd.io/namespace"),
        ("HelmRelease", "helm.toolkit.fluxcd.io/name", "helm.toolkit.fluxcd.io/namespace"),
        ("ResourceSet", "resourceset.fluxcd.controlplane.io/name", "resourceset.fluxcd.controlplane.io/namespace"),
    ];

    public static Command Create(ClusterFlags flags)
    {
        var target = new Argument<string[]>("object") { Description = "KIND/NAME or KIND NAME, kubectl-style (deploy/podinfo, hr podinfo, ns/apps).", Arity = new ArgumentArity(1, 2) };
        var command = new Command("trace", "Trace an object to the Flux object that applied it and that object's source.") { target };
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var words = parseResult.GetValue(target) ?? [];
            var (kindText, name) = words switch
            {
                [var one] when one.Split('/') is [{ Length: > 0 } k, { Length: > 0 } n] => (k, n),
                [var k, var n] when !k.Contains('/', StringComparison.Ordinal) && !n.Contains('/', StringComparison.Ordinal) => (k, n),
                _ => throw new CliException("either `<resource>/<name>` or `<resource> <name>` is required as an argument"),
            };
            var type = await KindResolver.ResolveAsync(session, kindText, token)
                ?? throw new CliException($"failed to find object: the server doesn't have a resource type \"{kindText}\"");
            var ns = type.Namespaced ? session.Namespace : null;
            var obj = await session.Client.GetAsync(type, ns, name, token)
                ?? throw new CliException($"failed to find object: {Reference(type.Kind, ns, name)} not found");
            await stdout.WriteAsync(await TraceAsync(session, obj, type, token));
            return 0;
        }));
        return command;
    }

    private static async Task<string> TraceAsync(ClusterSession session, JsonObject obj, ResourceType type, CancellationToken cancellationToken)
    {
        var label = Reference(type.Kind, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));
        var (applierKind, applierNs, applierName) = await FindApplierAsync(session, obj, cancellationToken)
            ?? throw new CliException($"failed to trace '{type.Kind}/{ObjectMeta.Name(obj)}': object not managed by Flux");
        var lines = new List<(string, string)> { ("Object", label) };

        var kind = FluxKinds.Find(applierKind)!;
        kind = await FluxKinds.ServedAsync(session, kind, cancellationToken);
        var applier = await session.Client.GetAsync(kind.Type, applierNs, applierName, cancellationToken)
            ?? throw new CliException($"failed to trace '{type.Kind}/{ObjectMeta.Name(obj)}': {applierKind}/{applierNs}/{applierName} not found");
        var ready = FluxObjectStatus.ReadyCondition(applier);
        var time = ready?["lastTransitionTime"]?.GetValue<string>() ?? "Unknown";
        lines.Add(("Status", ready?["status"]?.GetValue<string>() == "False" ? $"Last reconciliation failed at {time}" : $"Last reconciled at {time}"));
        lines.Add(("Revision", Text(applier["status"]?["lastAppliedRevision"]) ?? Text(applier["status"]?["lastAttemptedRevision"]) ?? "Unknown"));
        lines.Add(("Reconciler", $"{applierKind}/{applierNs}/{applierName}"));

        if (await SourceAsync(session, applier, applierNs, cancellationToken) is { } source)
        {
            lines.Add(("Source", source.Reference));
            if (source.Url is not null)
            {
                lines.Add(("Source URL", source.Url));
            }

            if (Text(source.Object?["status"]?["artifact"]?["metadata"]?["org.opencontainers.image.source"]) is { } origin)
            {
                lines.Add(("Origin URL", origin));
            }

            if (Text(source.Object?["status"]?["artifact"]?["metadata"]?["org.opencontainers.image.revision"]) is { } originRevision)
            {
                lines.Add(("Origin Revision", originRevision));
            }
        }

        lines.Add(("Message", Text(ready?["message"]) is { Length: > 0 } message ? message : "Not initialized"));
        var text = new StringBuilder();
        foreach (var (name, value) in lines)
        {
            text.Append((name + ":").PadRight(LabelWidth)).Append(value.ReplaceLineEndings(" ")).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The applier named by the object's labels, else by the first labelled owner up the owner references.</summary>
    private static async Task<(string Kind, string Namespace, string Name)?> FindApplierAsync(ClusterSession session, JsonObject obj, CancellationToken cancellationToken)
    {
        var current = obj;
        for (var hop = 0; hop <= MaxOwnerHops && current is not null; hop++)
        {
            var labels = current["metadata"]?["labels"] as JsonObject;
            foreach (var (kind, nameLabel, namespaceLabel) in Appliers)
            {
                // FluxInstance labels also mark objects a ResourceSet copies; the managed-by label tells them apart.
                if (kind == "FluxInstance" && Text(labels?["app.kubernetes.io/managed-by"]) != "flux-operator")
                {
                    continue;
                }

                if (Text(labels?[nameLabel]) is { Length: > 0 } name && Text(labels?[namespaceLabel]) is { Length: > 0 } ns)
                {
                    return (kind, ns, name);
                }
            }

            var owner = (current["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
                .OrderByDescending(o => o["controller"] is JsonValue c && c.TryGetValue<bool>(out var b) && b).FirstOrDefault();
            if (owner is null || Text(owner["apiVersion"]) is not { } apiVersion || Text(owner["kind"]) is not { } ownerKind || Text(owner["name"]) is not { } ownerName)
            {
                return null;
            }

            var type = await KindResolver.MapAsync(session, apiVersion, ownerKind, cancellationToken);
            current = type is null ? null : await session.Client.GetAsync(type, type.Namespaced ? ObjectMeta.Namespace(current) : null, ownerName, cancellationToken);
        }

        return null;
    }

    private sealed record Source(string Reference, string? Url, JsonObject? Object);

    /// <summary>A Kustomization's <c>spec.sourceRef</c>; a HelmRelease's <c>spec.chartRef</c> or chart template source.</summary>
    private static async Task<Source?> SourceAsync(ClusterSession session, JsonObject applier, string applierNamespace, CancellationToken cancellationToken)
    {
        var reference = applier["spec"]?["sourceRef"] ?? applier["spec"]?["chartRef"] ?? applier["spec"]?["chart"]?["spec"]?["sourceRef"];
        if (reference is not JsonObject sourceRef || Text(sourceRef["kind"]) is not { } kind || Text(sourceRef["name"]) is not { } name)
        {
            return null;
        }

        var ns = Text(sourceRef["namespace"]) ?? applierNamespace;
        JsonObject? source = null;
        if (FluxKinds.Find(kind) is { } fluxKind)
        {
            var served = await FluxKinds.ServedAsync(session, fluxKind, cancellationToken);
            try
            {
                source = await session.Client.GetAsync(served.Type, ns, name, cancellationToken);
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                // The source kind is not installed: the reference is all there is to show.
            }
        }

        var url = Text(source?["spec"]?["url"]) ?? Text(source?["spec"]?["endpoint"]) ?? Text(source?["status"]?["artifact"]?["url"]);
        return new Source($"{kind}/{ns}/{name}", url, source);
    }

    private static string Reference(string kind, string? ns, string name) => ns is null ? $"{kind}/{name}" : $"{kind}/{ns}/{name}";

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
