using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>get instance [name]</c> and <c>get all</c>: Flux objects and their readiness, as a table, JSON or YAML.</summary>
internal static class GetCommands
{
    public static Command Create(ClusterFlags flags)
    {
        var get = new Command("get", "List Flux objects and their readiness.") { Instance(flags), All(flags) };
        flags.AddTo(get);
        return get;
    }

    private static Command Instance(ClusterFlags flags)
    {
        var name = new Argument<string?>("name") { Description = "Only this FluxInstance.", Arity = ArgumentArity.ZeroOrOne };
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "Look in every namespace (default true unless -n is given)." };
        var output = OutputFormat.Create("table", "table", "json", "yaml");
        var command = new Command("instance", "List FluxInstances.") { name, allNamespaces, output };
        command.Aliases.Add("instances");
        command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            // Instances live in one namespace per cluster: all namespaces unless -n narrows it.
            var everywhere = parseResult.GetResult(allNamespaces) is { Implicit: false } ? parseResult.GetValue(allNamespaces) : !session.NamespaceGiven;
            var options = parseResult.GetValue(name) is { } only ? new ListOptions { FieldSelector = $"metadata.name={only}" } : null;
            var items = (await session.Client.ListAllAsync(FluxKinds.Instance.Type, everywhere ? null : session.Namespace, options, token)).Items
                .OrderBy(i => ObjectMeta.Namespace(i), StringComparer.Ordinal).ThenBy(ObjectMeta.Name, StringComparer.Ordinal).ToArray();
            var format = parseResult.GetValue(output)!;
            if (format != "table")
            {
                await stdout.WriteAsync(OutputFormat.Write(new JsonArray(items.Select(InstanceRow).ToArray<JsonNode?>()), format));
                return 0;
            }

            string[] headers = ["NAME", "RESOURCES", "READY", "MESSAGE", "LAST RECONCILED"];
            var rows = items.Select(i =>
            {
                var status = FluxObjectStatus.Of(i);
                string[] row = [ObjectMeta.Name(i), Inventory(i).ToString(System.Globalization.CultureInfo.InvariantCulture), status.Ready, status.Message, status.LastReconciled];
                return everywhere ? [ObjectMeta.Namespace(i) ?? "", .. row] : row;
            }).ToArray();
            await stdout.WriteAsync(CliOutput.Table(everywhere ? ["NAMESPACE", .. headers] : headers, rows));
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

    private static JsonObject InstanceRow(JsonObject instance)
    {
        var status = FluxObjectStatus.Of(instance);
        return new JsonObject
        {
            ["namespace"] = ObjectMeta.Namespace(instance),
            ["name"] = ObjectMeta.Name(instance),
            ["resources"] = Inventory(instance),
            ["ready"] = status.Ready,
            ["message"] = status.Message,
            ["lastReconciled"] = status.LastReconciled,
            ["revision"] = instance["status"]?["lastAppliedRevision"]?.GetValue<string>(),
        };
    }

    private static int Inventory(JsonObject obj) => (obj["status"]?["inventory"]?["entries"] as JsonArray)?.Count ?? 0;
}
