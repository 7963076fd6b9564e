using System.CommandLine;
using System.Runtime.InteropServices;
using FluxOperator.Controllers;

namespace FluxOperator.Commands;

/// <summary>`version`: prints the operator version and platform.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the operator version.");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"{OperatorInfo.Name} {OperatorInfo.Version} {RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant()}/{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}");
            return 0;
        });
        return command;
    }
}
