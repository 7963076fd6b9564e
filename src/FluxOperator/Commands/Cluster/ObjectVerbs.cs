using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Commands.Cluster;

/// <summary>What the verbs (<c>reconcile</c>, <c>suspend</c>, <c>resume</c>, <c>delete</c>, <c>wait</c>) share: the group, <c>--wait</c>, and the wait itself.</summary>
internal static class ObjectVerbs
{
    /// <summary>Who suspended an object, as the web UI records it.</summary>
    public const string SuspendedBy = ApiGroup.Group + "/suspendedBy";

    /// <summary>A verb with one subcommand per target, inheriting the cluster flags.</summary>
    public static Command Group(string verb, string description, ClusterFlags flags, IEnumerable<Command> subcommands)
    {
        var group = new Command(verb, description);
        foreach (var subcommand in subcommands)
        {
            group.Subcommands.Add(subcommand);
        }

        flags.AddTo(group);
        return group;
    }

    public static Option<bool> WaitOption(string what) => new("--wait")
    {
        Description = $"Wait until {what}, at most --timeout (default true).",
        DefaultValueFactory = _ => true,
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary><c>◎ Waiting for reconciliation...</c>, the readiness wait for the request, <c>✔ message</c>.</summary>
    public static async Task<int> WaitForReconciliationAsync(ClusterSession session, ObjectTarget target, string requestedAt, TextWriter stdout, CancellationToken cancellationToken)
    {
        await stdout.WriteLineAsync($"{CliOutput.Waiting} Waiting for reconciliation...");
        var message = await ReadinessWait.UntilReadyAsync(session, target.Kind, target.Namespace, target.Name, requestedAt, cancellationToken);
        await stdout.WriteLineAsync($"{CliOutput.Success} {message}");
        return 0;
    }

    /// <summary>Turns reconciliation off: the annotation for operator kinds, <c>spec.suspend</c> for toolkit kinds; both record who.</summary>
    public static Task SuspendAsync(ClusterSession session, ObjectTarget target, string user, CancellationToken cancellationToken) =>
        target.Kind.OperatorKind
            ? target.AnnotateAsync(session, new JsonObject { [AnnotationKeys.Reconcile] = AnnotationKeys.DisabledValue, [SuspendedBy] = user }, cancellationToken)
            : target.AnnotateAsync(session, new JsonObject { [SuspendedBy] = user }, cancellationToken, new JsonObject { ["suspend"] = true });
}
