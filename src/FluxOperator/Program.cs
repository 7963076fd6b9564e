using System.CommandLine;
using FluxOperator.Commands;

var root = new RootCommand("Flux Operator: installs, upgrades and watches Flux CD on Kubernetes.")
{
    VersionCommand.Create(),
    RunCommand.Create(),
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
};

// Flags without a subcommand (or no arguments at all: the image's entrypoint alone) run the operator, as upstream's do.
return await root.Parse(UpstreamInvocation.Normalize(args)).InvokeAsync();
