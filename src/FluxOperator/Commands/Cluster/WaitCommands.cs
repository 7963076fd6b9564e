using System.CommandLine;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>wait instance|resourceset|inputprovider|resource</c>: wait (for the object to exist and) to be Ready.</summary>
internal static class WaitCommands
{
    public static Command Create(ClusterFlags flags)
    {
        var commands = new List<Command>();
        foreach (var target in TargetCommand.All(what => $"Wait until {what} is Ready; a missing object is waited for."))
        {
            target.Command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
            {
                var obj = await target.ResolveAsync(session, parseResult, stdout, token);
                await stdout.WriteLineAsync($"{CliOutput.Waiting} Waiting for {(target.IsResource ? obj.ToString() : target.Noun)} to become ready...");
                var message = await ReadinessWait.UntilReadyAsync(session, obj.Kind, obj.Namespace, obj.Name, null, token);
                await stdout.WriteLineAsync($"{CliOutput.Success} {message}");
                return 0;
            }));
            commands.Add(target.Command);
        }

        return ObjectVerbs.Group("wait", "Wait for Flux objects to become ready.", flags, commands);
    }
}
