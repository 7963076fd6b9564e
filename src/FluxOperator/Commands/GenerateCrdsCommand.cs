using System.CommandLine;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Commands;

/// <summary>`generate crds`: writes the CustomResourceDefinitions generated from the API types.</summary>
internal static class GenerateCrdsCommand
{
    /// <summary>Where the files go unless <c>--output</c> says otherwise (relative to the working directory).</summary>
    public const string DefaultOutput = "config/crd/bases";

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Directory to write the CRD files to.",
            DefaultValueFactory = _ => new DirectoryInfo(DefaultOutput),
        };
        var command = new Command("crds", "Generate the FluxInstance, FluxReport and ResourceSet CustomResourceDefinitions.") { output };
        command.SetAction(parseResult =>
        {
            var directory = parseResult.GetValue(output)!;
            directory.Create();
            foreach (var (fileName, yaml) in CrdGenerator.Files())
            {
                var path = Path.Combine(directory.FullName, fileName);
                File.WriteAllText(path, yaml);
                parseResult.InvocationConfiguration.Output.WriteLine(Path.GetRelativePath(Environment.CurrentDirectory, path));
            }

            return 0;
        });
        return command;
    }
}
