using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>get instance|resourceset|inputprovider [name]</c> and <c>get all</c>: Flux objects and their readiness, as a table, JSON or YAML.</summary>
internal static class GetCommands
{
    public static Command Create(ClusterFlags flags)
    {
        var get = new Command("get", "List Flux objects and their readiness.") { Instance(flags), ResourceSet(flags), InputProvider(flags), All(flags) };
        flags.AddTo(get);
        return get;
    }

    private static Command Instance(ClusterFlags flags) =>
        List(flags, FluxKinds.Instance, "instance", ["instances"], "List FluxInstances.", allNamespacesByDefault: true,
            ["RESOURCES"], i => [Inventory(i)], i => new JsonObject { ["resources"] = Inventory(i) }, includeRevision: true);

    private static Command ResourceSet(ClusterFlags flags) =>
        List(flags, FluxKinds.ResourceSet, "resourceset", ["resourcesets", "rset"], "List ResourceSets.", allNamespacesByDefault: false,
            ["RESOURCES"], i => [Inventory(i)], i => new JsonObject { ["resources"] = Inventory(i) }, includeRevision: false);

    // Read generically (metadata, conditions, status counts) so the command does not depend on the provider's typed API.
    private static Command InputProvider(ClusterFlags flags) =>
        List(flags, FluxKinds.InputProvider, "inputprovider", ["inputproviders", "rsip", "resourcesetinputproviders"], "List ResourceSetInputProviders.", allNamespacesByDefault: false,
            ["INPUTS"], i => [Inputs(i)], i => new JsonObject { ["inputs"] = Inputs(i), ["nextSchedule"] = NextSchedule(i) },
            includeRevision: false, trailing: ("NEXT SCHEDULE", i => NextSchedule(i) ?? "-"));

    /// <summary>
    /// <c>get KIND [name]</c>: NAME, the kind's own columns, READY, MESSAGE, LAST RECONCILED (and an optional trailing column),
    /// prefixed with NAMESPACE when listing every namespace; <c>-o json|yaml</c> gives the same rows as objects.
    /// </summary>
    private static Command List(ClusterFlags flags, FluxKind kind, string noun, string[] aliases, string description, bool allNamespacesByDefault,
        string[] ownHeaders, Func<JsonObject, int[]> ownCells, Func<JsonObject, JsonObject> ownFields, bool includeRevision,
        (string Header, Func<JsonObject, string> Cell)? trailing = null)
    {
        var name = new Argument<string?>("name") { Description = $"Only this {kind.Kind}.", Arity = ArgumentArity.ZeroOrOne };
        var allNamespaces = new Option<bool>("--all-namespaces", "-A")
        {
            Description = allNamespacesByDefault ? "Look in every namespace (default true unless -n is given)." : "Look in every namespace (default false).",
        };
        var output = OutputFormat.Create("table", "table", "json", "yaml");
        var command = new Command(noun, description) { name, allNamespaces, output };
        foreach (var alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            // Instances live in one namespace per cluster: all namespaces unless -n narrows it.
            var everywhere = parseResult.GetResult(allNamespaces) is { Implicit: false }
                ? parseResult.GetValue(allNamespaces)
                : allNamespacesByDefault && !session.NamespaceGiven;
            var options = parseResult.GetValue(name) is { } only ? new ListOptions { FieldSelector = $"metadata.name={only}" } : null;
            IReadOnlyList<JsonObject> listed;
            try
            {
                listed = (await session.Client.ListAllAsync(kind.Type, everywhere ? null : session.Namespace, options, token)).Items;
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                throw new CliException($"the cluster does not serve {kind.Kind} objects: its CRD is not installed");
            }

            var items = listed
                .OrderBy(i => ObjectMeta.Namespace(i), StringComparer.Ordinal).ThenBy(ObjectMeta.Name, StringComparer.Ordinal).ToArray();
            var format = parseResult.GetValue(output)!;
            if (format != "table")
            {
                var rows = items.Select(i =>
                {
                    var status = FluxObjectStatus.Of(i);
                    var row = new JsonObject { ["namespace"] = ObjectMeta.Namespace(i), ["name"] = ObjectMeta.Name(i) };
                    foreach (var (key, value) in ownFields(i))
                    {
                        row[key] = value?.DeepClone();
                    }

                    row["ready"] = status.Ready;
                    row["message"] = status.Message;
                    row["lastReconciled"] = status.LastReconciled;
                    if (includeRevision)
                    {
                        row["revision"] = i["status"]?["lastAppliedRevision"]?.GetValue<string>();
                    }

                    return (JsonNode?)row;
                });
                await stdout.WriteAsync(OutputFormat.Write(new JsonArray(rows.ToArray()), format));
                return 0;
            }

            string[] headers = ["NAME", .. ownHeaders, "READY", "MESSAGE", "LAST RECONCILED", .. trailing is { } t ? [t.Header] : Array.Empty<string>()];
            var table = items.Select(i =>
            {
                var status = FluxObjectStatus.Of(i);
                string[] row =
                [
                    ObjectMeta.Name(i), .. ownCells(i).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    status.Ready, status.Message, status.LastReconciled, .. trailing is { } t ? [t.Cell(i)] : Array.Empty<string>(),
                ];
                return everywhere ? [ObjectMeta.Namespace(i) ?? "", .. row] : row;
            }).ToArray();
            await stdout.WriteAsync(CliOutput.Table(everywhere ? ["NAMESPACE", .. headers] : headers, table));
            return 0;
        }));
        return command;
    }

    private static Command All(ClusterFlags flags)
    {
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "Look in every namespace (default false)." };
        var kinds = new Option<string?>("--kind") { Description = "Comma-separated kinds or short names, case-insensitive (default every reconcilable kind)." };
        var readyStatus = new Option<string?>("--ready-status") { Description = "Only objects whose READY is True, False, Unknown or Suspended." };
        var output = OutputFormat.Create("table", "table", "json", "yaml");
        var command = new Command("all", "List every Flux object and its readiness.") { allNamespaces, kinds, readyStatus, output };
        command.Aliases.Add("resources");
        command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var selected = new List<FluxKind>();
            foreach (var text in (parseResult.GetValue(kinds) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                selected.Add(FluxKinds.Find(text) ?? throw new CliException($"kind {text} not found"));
            }

            if (selected.Count == 0)
            {
                selected.AddRange(FluxKinds.All.Where(k => k.Reconcilable));
            }

            var wanted = parseResult.GetValue(readyStatus);
            if (wanted is not null && !new[] { "True", "False", "Unknown", "Suspended" }.Contains(wanted, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliException($"invalid --ready-status \"{wanted}\": write True, False, Unknown or Suspended");
            }

            var scope = parseResult.GetValue(allNamespaces) ? null : session.Namespace;
            var rows = new List<(string Kind, string Name, FluxObjectStatus Status)>();
            foreach (var kind in selected.Distinct())
            {
                IReadOnlyList<JsonObject> items;
                try
                {
                    items = (await session.Client.ListAllAsync(kind.Type, scope, null, token)).Items;
                }
                catch (KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    continue; // the kind's CRD is not installed
                }

                rows.AddRange(items.Select(i => (kind.Kind, $"{ObjectMeta.Namespace(i)}/{ObjectMeta.Name(i)}", FluxObjectStatus.Of(i)))
                    .Where(r => wanted is null || string.Equals(r.Item3.Ready, wanted, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(r => r.Item2, StringComparer.Ordinal));
            }

            var format = parseResult.GetValue(output)!;
            if (format != "table")
            {
                var array = new JsonArray(rows.Select(r => (JsonNode?)new JsonObject
                {
                    ["kind"] = r.Kind, ["name"] = r.Name, ["lastReconciled"] = r.Status.LastReconciled, ["ready"] = r.Status.Ready, ["message"] = r.Status.Message,
                }).ToArray());
                await stdout.WriteAsync(OutputFormat.Write(array, format));
                return 0;
            }

            await stdout.WriteAsync(CliOutput.Table(["KIND", "NAME", "LAST RECONCILED", "READY", "MESSAGE"],
                rows.Select(r => (IReadOnlyList<string>)[r.Kind, r.Name, r.Status.LastReconciled, r.Status.Ready, r.Status.Message])));
            return 0;
        }));
        return command;
    }

    private static int Inventory(JsonObject obj) => (obj["status"]?["inventory"]?["entries"] as JsonArray)?.Count ?? 0;

    private static int Inputs(JsonObject obj) => (obj["status"]?["exportedInputs"] as JsonArray)?.Count ?? 0;

    private static string? NextSchedule(JsonObject obj) =>
        obj["status"]?["nextSchedule"]?["when"] is JsonValue v && v.TryGetValue<string>(out var when) ? when : null;
}
