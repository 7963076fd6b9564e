using System.CommandLine;
using FluxOperator.Controllers.Distribution.Artifacts;
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
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            try
            {
                var reference = OciReference.Parse(parseResult.GetValue(url)!);
                var options = flags.ClientOptions(parseResult);
                var credentials = await flags.CredentialsAsync(parseResult, reference, cancellationToken);
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                budget.CancelAfter(parseResult.GetValue(flags.Timeout));
                using var http = OciRegistryClient.CreateHttpClient(options);
                var client = new OciRegistryClient(reference.Registry, http, credentials, options, TimeProvider.System);
                var target = parseResult.GetValue(output)!.FullName;

                var pulled = await ArtifactPuller.PullAsync(client, reference, target, new ExtractionLimits(), budget.Token, new TransferReporter(stderr, "pull", TimeProvider.System));

                await stderr.WriteLineAsync($"pulled {reference.ToUrl()} into {pulled.Directory} ({pulled.Summary.Files} files)");
                await stdout.WriteLineAsync($"digest: {pulled.Digest}");
                await stdout.WriteLineAsync("versions:");
                foreach (var version in DistributionVersions.In(pulled.Directory))
                {
                    await stdout.WriteLineAsync($"- {version}");
                }

                return 0;
            }
            catch (Exception e) when (e is ArtifactException or OciException or FormatException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                await stderr.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await stderr.WriteLineAsync($"error: pull did not finish within {parseResult.GetValue(flags.Timeout)}");
                return 1;
            }
        });
        return command;
    }
}
