using System.CommandLine;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>suspend instance|resourceset|inputprovider|resource</c>: turn reconciliation off, recording who did.</summary>
internal static class SuspendCommands
{
    public static Command Create(ClusterFlags flags)
    {
        var commands = new List<Command>();
        foreach (var target in TargetCommand.All(what => $"Suspend the reconciliation of {what}, recording who suspended it."))
        {
            target.Command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
            {
                var obj = await target.ResolveAsync(session, parseResult, stdout, token);
                await ObjectVerbs.SuspendAsync(session, obj, await session.UserNameAsync(token), token);
                await stdout.WriteLineAsync($"{CliOutput.Success} Reconciliation suspended");
                return 0;
            }));
            commands.Add(target.Command);
        }

        return ObjectVerbs.Group("suspend", "Suspend reconciliation.", flags, commands);
    }
}
