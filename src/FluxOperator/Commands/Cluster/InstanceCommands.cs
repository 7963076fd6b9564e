using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>reconcile</c>, <c>suspend</c> and <c>resume</c> of a FluxInstance, with the readiness wait.</summary>
internal static class InstanceCommands
{
    /// <summary>Who suspended an object, as the web UI records it.</summary>
    public const string SuspendedBy = ApiGroup.Group + "/suspendedBy";

    public static Command Reconcile(ClusterFlags flags)
    {
        var name = NameArgument();
        var force = new Option<bool>("--force") { Description = "Also request a forced pass, which migrates every Flux resource to its latest API version (default false)." };
        var wait = WaitOption();
        var instance = new Command("instance", "Trigger a reconciliation of a FluxInstance and wait until it is Ready.") { name, force, wait };
        instance.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var (ns, target) = await LocateAsync(session, parseResult.GetValue(name)!, stdout, token);
            var now = ReadinessWait.Now();
            var annotations = new JsonObject { [AnnotationKeys.RequestedAt] = now };
            if (parseResult.GetValue(force))
            {
                annotations[AnnotationKeys.ForceAt] = now;
            }

            await AnnotateAsync(session, ns, target, annotations, token);
            await stdout.WriteLineAsync($"{CliOutput.Action} Reconciliation triggered");
            return await WaitAsync(session, parseResult.GetValue(wait), ns, target, now, stdout, token);
        }));
        return Group("reconcile", "Trigger a reconciliation.", flags, instance);
    }

    public static Command Suspend(ClusterFlags flags)
    {
        var name = NameArgument();
        var instance = new Command("instance", "Suspend the reconciliation of a FluxInstance, recording who suspended it.") { name };
        instance.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var (ns, target) = await LocateAsync(session, parseResult.GetValue(name)!, stdout, token);
            var user = await session.UserNameAsync(token);
            await AnnotateAsync(session, ns, target, new JsonObject { [AnnotationKeys.Reconcile] = AnnotationKeys.DisabledValue, [SuspendedBy] = user }, token);
            await stdout.WriteLineAsync($"{CliOutput.Success} Reconciliation suspended");
            return 0;
        }));
        return Group("suspend", "Suspend reconciliation.", flags, instance);
    }

    public static Command Resume(ClusterFlags flags)
    {
        var name = NameArgument();
        var wait = WaitOption();
        var instance = new Command("instance", "Resume the reconciliation of a FluxInstance and wait until it is Ready.") { name, wait };
        instance.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
        {
            var (ns, target) = await LocateAsync(session, parseResult.GetValue(name)!, stdout, token);
            var now = ReadinessWait.Now();
            await AnnotateAsync(session, ns, target, new JsonObject
            {
                [AnnotationKeys.Reconcile] = AnnotationKeys.EnabledValue,
                [AnnotationKeys.RequestedAt] = now,
                [SuspendedBy] = null,
            }, token);
            if (!parseResult.GetValue(wait))
            {
                await stdout.WriteLineAsync($"{CliOutput.Success} Reconciliation resumed");
                return 0;
            }

            return await WaitAsync(session, true, ns, target, now, stdout, token);
        }));
        return Group("resume", "Resume reconciliation.", flags, instance);
    }

    private static Command Group(string verb, string description, ClusterFlags flags, Command instance)
    {
        var group = new Command(verb, description) { instance };
        flags.AddTo(group);
        return group;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The FluxInstance's name." };

    private static Option<bool> WaitOption() => new("--wait")
    {
        Description = "Wait until the instance is Ready, at most --timeout.",
        DefaultValueFactory = _ => true,
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The instance's namespace, said out loud when it was not given with <c>-n</c>.</summary>
    private static async Task<(string Namespace, string Name)> LocateAsync(ClusterSession session, string name, TextWriter stdout, CancellationToken cancellationToken)
    {
        var (ns, reason) = await session.InstanceNamespaceAsync(cancellationToken);
        if (!session.NamespaceGiven)
        {
            await stdout.WriteLineAsync($"{CliOutput.Waiting} Using namespace {ns} ({reason})");
        }

        return (ns, name);
    }

    private static async Task AnnotateAsync(ClusterSession session, string ns, string name, JsonObject annotations, CancellationToken cancellationToken)
    {
        var type = FluxKinds.Instance.Type;
        JsonObject? current;
        try
        {
            current = await session.Client.GetAsync(type, ns, name, cancellationToken);
        }
        catch (KubeApiException e)
        {
            throw new CliException($"unable to read {type.Kind}/{ns}/{name} error: {e.Message}");
        }

        if (current is null)
        {
            throw new CliException($"{type.Kind}/{ns}/{name} not found");
        }

        try
        {
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
            await session.Client.PatchAsync(type, ns, name, PatchType.Merge, patch, ClusterFlags.FieldManager, cancellationToken);
        }
        catch (KubeApiException e)
        {
            throw new CliException($"unable to annotate {type.Kind}/{ns}/{name} error: {e.Message}");
        }
    }

    private static async Task<int> WaitAsync(ClusterSession session, bool wait, string ns, string name, string requestedAt, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (!wait)
        {
            return 0;
        }

        await stdout.WriteLineAsync($"{CliOutput.Waiting} Waiting for reconciliation...");
        var message = await ReadinessWait.UntilReadyAsync(session, FluxKinds.Instance, ns, name, requestedAt, cancellationToken);
        await stdout.WriteLineAsync($"{CliOutput.Success} {message}");
        return 0;
    }
}
