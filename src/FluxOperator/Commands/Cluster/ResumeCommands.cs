using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>resume instance|resourceset|inputprovider|resource</c>: turn reconciliation back on, request a pass and wait.</summary>
internal static class ResumeCommands
{
    public static Command Create(ClusterFlags flags)
    {
        var commands = new List<Command>();
        foreach (var target in TargetCommand.All(what => $"Resume the reconciliation of {what} and wait until it is Ready."))
        {
            var wait = ObjectVerbs.WaitOption("the object is Ready");
            target.Command.Options.Add(wait);
            target.Command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
            {
                var obj = await target.ResolveAsync(session, parseResult, stdout, token);
                var now = ReadinessWait.Now();
                var annotations = new JsonObject { [AnnotationKeys.RequestedAt] = now, [ObjectVerbs.SuspendedBy] = null };
                if (obj.Kind.OperatorKind)
                {
                    annotations[AnnotationKeys.Reconcile] = AnnotationKeys.EnabledValue;
                    await obj.AnnotateAsync(session, annotations, token);
                }
                else
                {
                    await obj.AnnotateAsync(session, annotations, token, new JsonObject { ["suspend"] = null });
                }

                if (!parseResult.GetValue(wait))
                {
                    await stdout.WriteLineAsync($"{CliOutput.Success} Reconciliation resumed");
                    return 0;
                }

                return await ObjectVerbs.WaitForReconciliationAsync(session, obj, now, stdout, token);
            }));
            commands.Add(target.Command);
        }

        return ObjectVerbs.Group("resume", "Resume reconciliation.", flags, commands);
    }
}
