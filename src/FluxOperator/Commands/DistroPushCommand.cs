using System.CommandLine;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Commands;

/// <summary><c>distro push DIR oci://…</c>: publishes a distribution folder as a Flux artifact (mirroring for air-gapped clusters).</summary>
internal static class DistroPushCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The distribution folder (holds flux/<version>/…)." };
        var url = new Argument<string>("url") { Description = "Where to push, oci://host[:port]/repository[:tag] (default tag latest)." };
        var source = new Option<string?>("--source") { Description = "org.opencontainers.image.source annotation (e.g. a Git URL)." };
        var revision = new Option<string?>("--revision") { Description = "org.opencontainers.image.revision annotation (e.g. main@sha1:<commit>)." };
        var created = new Option<DateTimeOffset?>("--created") { Description = "org.opencontainers.image.created (RFC 3339); fix it for a reproducible manifest digest. Default: now." };
        var flags = new DistroRegistryFlags();
        var command = new Command("push", "Publish a distribution folder as a Flux OCI artifact.") { folder, url, source, revision, created };
        flags.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            try
            {
                var reference = OciReference.Parse(parseResult.GetValue(url)!);
                var root = parseResult.GetValue(folder)!.FullName;
                var versions = DistributionVersions.In(root);
                if (versions.Count == 0)
                {
                    await stderr.WriteLineAsync($"error: {Path.Combine(root, "flux")} has no version folders: not a distribution");
                    return 1;
                }

                var options = flags.ClientOptions(parseResult);
                var credentials = await flags.CredentialsAsync(parseResult, reference, cancellationToken);
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                budget.CancelAfter(parseResult.GetValue(flags.Timeout));
                using var http = OciRegistryClient.CreateHttpClient(options);
                var client = new OciRegistryClient(reference.Registry, http, credentials, options, TimeProvider.System);
                var annotations = new ArtifactAnnotations
                {
                    Created = parseResult.GetValue(created) ?? TimeProvider.System.GetUtcNow(),
                    Source = parseResult.GetValue(source),
                    Revision = parseResult.GetValue(revision),
                    Description = "Flux Operator",
                };

                var pushed = await ArtifactPublisher.PushAsync(client, root, reference, annotations, budget.Token, new TransferReporter(stderr, "push", TimeProvider.System));

                await stderr.WriteLineAsync($"pushed {root} to {reference.ToUrl()} (layer {pushed.LayerDigest}, {pushed.LayerSize} bytes)");
                await stdout.WriteLineAsync($"digest: {pushed.Digest}");
                await stdout.WriteLineAsync("versions:");
                foreach (var version in versions)
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
                await stderr.WriteLineAsync($"error: push did not finish within {parseResult.GetValue(flags.Timeout)}");
                return 1;
            }
        });
        return command;
    }
}
