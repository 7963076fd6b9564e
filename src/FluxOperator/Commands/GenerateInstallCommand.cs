using System.CommandLine;
using FluxOperator.Controllers;
using FluxOperator.Packaging;

namespace FluxOperator.Commands;

/// <summary>`generate install`: writes the single-file installation built from config/default.</summary>
internal static class GenerateInstallCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The config/ kustomize tree.", DefaultValueFactory = _ => "config" };
        var output = new Option<string>("--output", "-o") { Description = "The file to write; '-' writes to standard output.", DefaultValueFactory = _ => InstallManifest.DefaultPath };
        var version = new Option<string>("--version") { Description = "The operator release the image is pinned to.", DefaultValueFactory = _ => OperatorInfo.Version };

        var command = new Command("install", "Generate install.yaml (kubectl apply -f) from config/default.") { config, output, version };
        command.SetAction(parseResult => PackagingFailure.Guard(parseResult, () =>
        {
            var text = InstallManifest.Render(parseResult.GetValue(config)!, parseResult.GetValue(version)!);
            var path = parseResult.GetValue(output)!;
            if (path == "-")
            {
                parseResult.InvocationConfiguration.Output.Write(text);
                return 0;
            }

            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, text);
            parseResult.InvocationConfiguration.Output.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }
}
