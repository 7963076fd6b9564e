using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>reconcile instance|resourceset|inputprovider|resource|all</c>: request a pass and wait until it is handled and Ready.</summary>
internal static class ReconcileCommands
{
    public static Command Create(ClusterFlags flags)
    {
        var commands = new List<Command>();
        foreach (var target in TargetCommand.All(what => $"Trigger a reconciliation of {what} and wait until it is Ready."))
        {
            var wait = ObjectVerbs.WaitOption("the object is Ready");
            target.Command.Options.Add(wait);
            Option<bool>? force = target.Noun switch
            {
                "instance" => new Option<bool>("--force") { Description = "Also request a forced pass, which migrates every Flux resource to its latest API version (default false)." },
                "inputprovider" => new Option<bool>("--force") { Description = "Run even outside the schedule window (default false)." },
                "resource" => new Option<bool>("--force") { Description = "Request a forced pass, e.g. a HelmRelease upgrade without changes (default false)." },
                _ => null,
            };
            if (force is not null)
            {
                target.Command.Options.Add(force);
            }

            target.Command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
            {
                var obj = await target.ResolveAsync(session, parseResult, stdout, token);
                var now = ReadinessWait.Now();
                await obj.AnnotateAsync(session, RequestAnnotations(now, force is not null && parseResult.GetValue(force)), token);
                await stdout.WriteLineAsync($"{CliOutput.Action} Reconciliation triggered");
                return parseResult.GetValue(wait) ? await ObjectVerbs.WaitForReconciliationAsync(session, obj, now, stdout, token) : 0;
            }));
            commands.Add(target.Command);
        }

        commands.Add(All(flags));
        return ObjectVerbs.Group("reconcile", "Trigger a reconciliation.", flags, commands);
    }

    private static JsonObject RequestAnnotations(string now, bool force)
    {
        var annotations = new JsonObject { [AnnotationKeys.RequestedAt] = now };
        if (force)
        {
            annotations[AnnotationKeys.ForceAt] = now;
        }

        return annotations;
    }

    private static Command All(ClusterFlags flags)
    {
        var kind = new Option<string?>("--kind") { Description = "The kind or its short name, case-insensitive (required)." };
        var force = new Option<bool>("--force") { Description = "Request forced passes (default false)." };
        var readyStatus = new Option<string?>("--ready-status") { Description = "Only objects whose READY is True, False or Unknown." };
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "Look in every namespace (default false)." };
        var command = new Command("all", "Trigger a reconciliation of every object of a kind.") { kind, force, readyStatus, allNamespaces };
        command.Aliases.Add("resources");
        command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var text = parseResult.GetValue(kind) ?? throw new CliException("--kind is required");
            var found = FluxKinds.Find(text) ?? throw new CliException($"kind {text} not found");
            var wanted = parseResult.GetValue(readyStatus);
            if (wanted is not null && !new[] { "True", "False", "Unknown" }.Contains(wanted, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliException($"invalid --ready-status \"{wanted}\": write True, False or Unknown");
            }

            var served = await FluxKinds.ServedAsync(session, found, token);
            IReadOnlyList<JsonObject> listed;
            try
            {
                listed = (await session.Client.ListAllAsync(served.Type, parseResult.GetValue(allNamespaces) ? null : session.Namespace, null, token)).Items;
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                listed = []; // the kind's CRD is not installed: nothing to reconcile
            }

            var items = listed
                .Where(i => wanted is null || string.Equals(FluxObjectStatus.ReadyCondition(i)?["status"]?.GetValue<string>() ?? "Unknown", wanted, StringComparison.OrdinalIgnoreCase))
                .OrderBy(i => ObjectMeta.Namespace(i), StringComparer.Ordinal).ThenBy(ObjectMeta.Name, StringComparer.Ordinal);
            var reconciled = 0;
            foreach (var item in items)
            {
                var target = new ObjectTarget(served, ObjectMeta.Namespace(item) ?? "", ObjectMeta.Name(item));
                try
                {
                    await target.AnnotateAsync(session, RequestAnnotations(ReadinessWait.Now(), parseResult.GetValue(force)), token);
                    await stdout.WriteLineAsync($"{CliOutput.Success} Reconciliation triggered for {target.Namespace}/{target.Name}");
                    reconciled++;
                }
                catch (CliException e)
                {
                    await stdout.WriteLineAsync($"{CliOutput.Failure} Failed to annotate {target.Namespace}/{target.Name}: {e.Message}");
                }
            }

            return reconciled == 0 ? throw new CliException($"no resources reconciled of kind {found.Kind}") : 0;
        }));
        return command;
    }
}
