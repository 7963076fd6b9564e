using System.CommandLine;
using FluxOperator.Commands.Cluster;
using FluxOperator.Controllers;

namespace FluxOperator.Commands;

/// <summary><c>version [--client]</c>: this binary's version, then the operator's and Flux's as the cluster's FluxReport states them.</summary>
internal static class VersionCommand
{
    public static Command Create(ClusterFlags flags)
    {
        var client = new Option<bool>("--client") { Description = "Print only this binary's version, without contacting the cluster." };
        var command = new Command("version", "Print the client, operator and Flux versions.") { client };
        flags.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            await stdout.WriteLineAsync($"client: {OperatorInfo.Version}");
            if (parseResult.GetValue(client))
            {
                return 0;
            }

            return await ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, output, token) =>
            {
                var reports = await session.Client.ListAllAsync(FluxKinds.Report.Type, null, null, token);
                var report = reports.Items.FirstOrDefault() ?? throw new CliException("no FluxReport resources found, ensure the Flux Operator is installed");
                var server = report["spec"]?["operator"]?["version"]?.GetValue<string>() ?? throw new CliException("operator version not found in FluxReport resource");
                await output.WriteLineAsync($"server: {server}");
                if (report["spec"]?["distribution"]?["version"]?.GetValue<string>() is { Length: > 0 } distribution)
                {
                    await output.WriteLineAsync($"distribution: {distribution}");
                }

                return 0;
            });
        });
        return command;
    }
}
