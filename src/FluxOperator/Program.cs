using System.CommandLine;
using FluxOperator.Commands;

var root = new RootCommand("Flux Operator: installs, upgrades and watches Flux CD on Kubernetes.")
{
    VersionCommand.Create(),
    new Command("distro", "Work with Flux distributions (release manifests and image lists).") { DistroVersionsCommand.Create() },
    new Command("generate", "Generate deployable files from the code.")
    {
        GenerateCrdsCommand.Create(),
    },
    ValidateCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
