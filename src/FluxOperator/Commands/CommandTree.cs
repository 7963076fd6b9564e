using System.CommandLine;
using FluxOperator.Commands.Cluster;

namespace FluxOperator.Commands;

/// <summary>The whole command line: the operator (<c>run</c>), offline tools and the cluster commands.</summary>
internal static class CommandTree
{
    public static RootCommand Create()
    {
        var cluster = new ClusterFlags();
        return new RootCommand("Flux Operator: installs, upgrades and watches Flux CD on Kubernetes.")
        {
            VersionCommand.Create(cluster),
            RunCommand.Create(),
            GetCommands.Create(cluster),
            ExportCommands.Create(cluster),

            // Verbs on Flux objects (instance, resourceset, inputprovider, resource KIND/NAME).
            ReconcileCommands.Create(cluster),
            SuspendCommands.Create(cluster),
            ResumeCommands.Create(cluster),
            DeleteCommands.Create(cluster),
            WaitCommands.Create(cluster),
            StatsCommand.Create(cluster),
            TraceCommand.Create(cluster),
            TreeCommand.Create(cluster),
            CreateSecretCommands.Create(cluster),
            InstallCommand.Create(cluster),
            UninstallCommand.Create(cluster),

            PlanInstanceCommand.Create(cluster),
            new Command("build", "Render installations and ResourceSets offline.") { BuildInstanceCommand.Create(), BuildResourceSetCommand.Create() },
            new Command("distro", "Pull, push and inspect Flux distributions (release manifests and image lists).")
            {
                DistroPullCommand.Create(),
                DistroPushCommand.Create(),
                DistroVersionsCommand.Create(),
            },
            new Command("generate", "Generate deployable files from the code.")
            {
                GenerateCrdsCommand.Create(),
                GenerateInstallCommand.Create(),
                GenerateBundleCommand.Create(),
                GenerateCatalogCommand.Create(),
            },
            ValidateCommand.Create(),
            DiffYamlCommand.Create(),
            CompletionCommand.Create(Create),
        };
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line that does not parse gets one <c>✗</c> line naming the
    /// problem and pointing at <c>--help</c> (exit 1), never the whole help text.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parseResult = Create().Parse(args);
        if (parseResult.Action is System.CommandLine.Invocation.ParseErrorAction && parseResult.Errors.Count > 0)
        {
            var command = string.Join(' ', parseResult.CommandResult.Command.Name == parseResult.RootCommandResult.Command.Name
                ? ["flux-operator"]
                : CommandPath(parseResult.CommandResult));
            await Console.Error.WriteLineAsync($"{CliOutput.Failure} {FirstError(parseResult)} (see '{command} --help')");
            return 1;
        }

        return await parseResult.InvokeAsync();
    }

    // An unknown word or a bad value explains more than the missing argument or subcommand it may cause.
    private static string FirstError(ParseResult parseResult) =>
        parseResult.Errors.Select(e => e.Message)
            .OrderBy(m => m.Contains("Unrecognized", StringComparison.Ordinal) ? 0 : m.Contains("required", StringComparison.OrdinalIgnoreCase) || m.StartsWith("Required", StringComparison.Ordinal) ? 2 : 1)
            .First();

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(r.Parent is null ? "flux-operator" : r.Command.Name);
        }

        return names;
    }
}
