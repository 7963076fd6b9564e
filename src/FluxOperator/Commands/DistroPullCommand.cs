using System.CommandLine;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Catalogue;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Commands;

/// <summary><c>distro pull oci://… --output DIR</c>: pulls a distribution artifact, prints its digest and the Flux versions in it.</summary>
internal static class DistroPullCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The artifact, oci://host[:port]/repository[:tag|@sha256:…] (default tag latest)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder to extract into (must not exist or be empty).", Required = true };
        var flags = new DistroRegistryFlags();
        var command = new Command("pull", "Pull a Flux distribution artifact into a folder.") { url, output };
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => flags.TransferAsync(parseResult, parseResult.GetValue(url)!, "pull", async (client, reference, budget) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var target = parseResult.GetValue(output)!.FullName;
            var pulled = await ArtifactPuller.PullAsync(client, reference, target, new ExtractionLimits(), budget, new TransferReporter(stderr, "pull", TimeProvider.System));

            await stderr.WriteLineAsync($"pulled {reference.ToUrl()} into {pulled.Directory} ({pulled.Summary.Files} files)");
            await stdout.WriteLineAsync($"digest: {pulled.Digest}");
            await stdout.WriteLineAsync("versions:");
            foreach (var version in DistributionCatalogue.Open(pulled.Directory).Versions().Select(v => v.Name))
            {
                await stdout.WriteLineAsync($"- {version}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
