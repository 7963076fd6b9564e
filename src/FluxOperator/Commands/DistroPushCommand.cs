using System.CommandLine;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Catalogue;
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
        command.SetAction((parseResult, cancellationToken) => flags.TransferAsync(parseResult, parseResult.GetValue(url)!, "push", async (client, reference, budget) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var root = parseResult.GetValue(folder)!.FullName;
            var versions = DistributionCatalogue.Open(root).Versions();
            if (versions.Count == 0)
            {
                await stderr.WriteLineAsync($"error: {Path.Combine(root, "flux")} has no version folders: not a distribution");
                return 1;
            }

            var annotations = new ArtifactAnnotations
            {
                Created = parseResult.GetValue(created) ?? TimeProvider.System.GetUtcNow(),
                Source = parseResult.GetValue(source),
                Revision = parseResult.GetValue(revision),
                Description = "Flux Operator",
            };
            var pushed = await ArtifactPublisher.PushAsync(client, root, reference, annotations, budget, new TransferReporter(stderr, "push", TimeProvider.System));

            await stderr.WriteLineAsync($"pushed {root} to {reference.ToUrl()} (layer {pushed.LayerDigest}, {pushed.LayerSize} bytes)");
            await stdout.WriteLineAsync($"digest: {pushed.Digest}");
            await stdout.WriteLineAsync("versions:");
            foreach (var version in versions.Select(v => v.Name))
            {
                await stdout.WriteLineAsync($"- {version}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
