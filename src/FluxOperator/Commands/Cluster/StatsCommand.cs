using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>stats</c>: the FluxReport's reconciler statistics per kind (running, failing, suspended, artifact storage).</summary>
internal static class StatsCommand
{
    public static Command Create(ClusterFlags flags)
    {
        var output = OutputFormat.Create("table", "table", "json", "yaml");
        var command = new Command("stats", "Show how many Flux objects of each kind run, fail or are suspended.") { output };
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var reports = await session.Client.ListAllAsync(FluxKinds.Report.Type, null, null, token);
            var report = reports.Items.FirstOrDefault() ?? throw new CliException("no FluxReport resources found, ensure the Flux Operator is installed");
            if (report["spec"]?["reconcilers"] is not JsonArray { Count: > 0 } reconcilers)
            {
                throw new CliException("no stats found in the FluxReport");
            }

            var rows = reconcilers.OfType<JsonObject>().Select(r => new JsonObject
            {
                ["kind"] = r["kind"]?.GetValue<string>() ?? "",
                ["running"] = Count(r, "running"),
                ["failing"] = Count(r, "failing"),
                ["suspended"] = Count(r, "suspended"),
                ["storage"] = r["stats"]?["totalSize"]?.GetValue<string>() is { Length: > 0 } size ? size : "-",
            }).ToArray();
            var format = parseResult.GetValue(output)!;
            if (format != "table")
            {
                await stdout.WriteAsync(OutputFormat.Write(new JsonArray(rows.ToArray<JsonNode?>()), format));
                return 0;
            }

            await stdout.WriteAsync(CliOutput.Table(["RECONCILERS", "RUNNING", "FAILING", "SUSPENDED", "STORAGE"],
                rows.Select(r => (IReadOnlyList<string>)
                [
                    r["kind"]!.GetValue<string>(), Text(r["running"]), Text(r["failing"]), Text(r["suspended"]), r["storage"]!.GetValue<string>(),
                ])));
            return 0;
        }));
        return command;
    }

    private static long Count(JsonObject reconciler, string field) =>
        reconciler["stats"]?[field] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    private static string Text(JsonNode? node) => node!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
}
