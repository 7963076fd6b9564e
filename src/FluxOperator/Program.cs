using System.CommandLine;
using FluxOperator.Commands;

var root = new RootCommand("Flux Operator: installs, upgrades and watches Flux CD on Kubernetes.")
{
    VersionCommand.Create(),
    new Command("distro", "Pull, push and inspect Flux distributions.")
    {
        DistroPullCommand.Create(),
        DistroPushCommand.Create(),
    },
};

return await root.Parse(args).InvokeAsync();
