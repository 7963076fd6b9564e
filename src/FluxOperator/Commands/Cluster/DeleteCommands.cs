using System.CommandLine;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>delete instance|resourceset|inputprovider|resource</c>: delete, optionally suspending first, and wait until gone.</summary>
internal static class DeleteCommands
{
    public static Command Create(ClusterFlags flags)
    {
        var commands = new List<Command>();
        foreach (var target in TargetCommand.All(what => $"Delete {what} and wait until it is gone."))
        {
            var wait = ObjectVerbs.WaitOption("the object is deleted");
            target.Command.Options.Add(wait);

            // Suspending first makes the operator leave what it applied in place (its finalizer skips garbage collection).
            var withSuspend = target.Noun is "instance" or "resourceset"
                ? new Option<bool>("--with-suspend") { Description = "Suspend first, so the objects it manages are left in place (default false)." }
                : null;
            if (withSuspend is not null)
            {
                target.Command.Options.Add(withSuspend);
            }

            target.Command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
            {
                var obj = await target.ResolveAsync(session, parseResult, stdout, token);
                await obj.ReadAsync(session, token);
                if (withSuspend is not null && parseResult.GetValue(withSuspend))
                {
                    await ObjectVerbs.SuspendAsync(session, obj, await session.UserNameAsync(token), token);
                    await stdout.WriteLineAsync($"{CliOutput.Success} Reconciliation suspended");
                }

                try
                {
                    await session.Client.DeleteAsync(obj.Kind.Type, obj.Namespace, obj.Name, null, token);
                }
                catch (KubeApiException e)
                {
                    throw new CliException($"unable to delete {obj}: {e.Message}");
                }

                if (!parseResult.GetValue(wait))
                {
                    await stdout.WriteLineAsync($"{CliOutput.Success} Deletion initiated");
                    return 0;
                }

                await stdout.WriteLineAsync($"{CliOutput.Waiting} Waiting for deletion...");
                await ReadinessWait.UntilDeletedAsync(session, obj.Kind, obj.Namespace, obj.Name, token);
                await stdout.WriteLineAsync($"{CliOutput.Success} Deletion completed");
                return 0;
            }));
            commands.Add(target.Command);
        }

        return ObjectVerbs.Group("delete", "Delete Flux objects.", flags, commands);
    }
}
