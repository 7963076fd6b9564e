using System.CommandLine;
using System.Text.Json;
using FluxOperator.Commands.Cluster;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Reconciliation.Upgrades;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Rendering.Planning;
using FluxOperator.Controllers.Runtime.Kube;
using YamlDotNet.Core;

namespace FluxOperator.Commands;

/// <summary>
/// <c>plan instance</c>: what applying a FluxInstance would do, object by object (added, changed with field paths,
/// removed), with the images and CRD versions that change. Offline against another file or version, or against what a
/// cluster has installed.
/// </summary>
internal static class PlanInstanceCommand
{
    public static Command Create(ClusterFlags cluster)
    {
        var file = new Option<FileInfo?>("--file", "-f", "--filename") { Description = "The FluxInstance to plan ('-' reads stdin). Default with a cluster: the installed instance as it is now." };
        var distribution = new Option<string?>("--distribution", "-d")
        {
            Description = $"Distribution folder or oci:// artifact for both builds. Default: spec.distribution.artifact (the installed revision: the digest it was installed from), else {BuildInstanceCommand.EmbeddedStore} if present, else {BuildInstanceCommand.DefaultArtifact}.",
        };
        var from = new Option<FileInfo?>("--from") { Description = "Offline: the FluxInstance to compare against (the one installed now)." };
        var fromVersion = new Option<string?>("--from-version") { Description = "Offline: compare against the same spec at this Flux version (e.g. v2.8.8)." };
        var registry = new DistroRegistryFlags();
        var instance = new Command(
            "instance",
            "Print the plan of a FluxInstance: every object added, changed (with field paths) or removed, the images and the CRD versions that change. "
            + "With --from or --from-version it runs offline; otherwise it compares with the revision installed in the cluster (-n, --kubeconfig).")
        {
            file, distribution, from, fromVersion,
            registry.PlainHttp, registry.CaFile, registry.Username, registry.Password, registry.DockerConfig,
        };
        instance.Validators.Add(result =>
        {
            if (result.GetResult(from) is { Implicit: false } && result.GetResult(fromVersion) is { Implicit: false })
            {
                result.AddError("--from and --from-version both name the baseline: give one");
            }

            if ((result.GetResult(from) is { Implicit: false } || result.GetResult(fromVersion) is { Implicit: false }) && result.GetResult(file) is not { Implicit: false })
            {
                result.AddError("an offline plan needs --file");
            }
        });
        instance.SetAction(async (parseResult, cancellationToken) =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var options = new PlanRequest(parseResult, registry, parseResult.GetValue(distribution));
            FluxInstance? candidate = null;
            if (parseResult.GetValue(file) is { } path && (candidate = BuildInstanceCommand.Read(path, stderr)) is null)
            {
                return 2;
            }

            if (parseResult.GetValue(from) is { } baselineFile)
            {
                return BuildInstanceCommand.Read(baselineFile, stderr) is { } baseline
                    ? await OfflineAsync(options, baseline, candidate!, cancellationToken)
                    : 2;
            }

            if (parseResult.GetValue(fromVersion) is { } version)
            {
                var pinned = RevisionBuilder.WithSpec(candidate!, RevisionBuilder.Pinned(candidate!.Spec, version));
                return await OfflineAsync(options, pinned, candidate, cancellationToken);
            }

            return await ClusterAction.RunAsync(cluster, parseResult, cancellationToken, (session, stdout, token) => AgainstClusterAsync(options, session, candidate, stdout, token));
        });
        var group = new Command("plan", "Show what applying a change would do, before it is applied.") { instance };
        cluster.AddTo(group);
        return group;
    }

    private static async Task<int> OfflineAsync(PlanRequest request, FluxInstance baseline, FluxInstance candidate, CancellationToken cancellationToken)
    {
        var stdout = request.ParseResult.InvocationConfiguration.Output;
        var stderr = request.ParseResult.InvocationConfiguration.Error;
        try
        {
            var before = await request.BuildAsync(baseline, null, null, cancellationToken);
            var after = await request.BuildAsync(candidate, null, null, cancellationToken);
            await stdout.WriteAsync(Compare(before, baseline, after, candidate, null).Describe());
            return 0;
        }
        catch (PlanFailure e)
        {
            await stderr.WriteLineAsync($"plan failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> AgainstClusterAsync(PlanRequest request, ClusterSession session, FluxInstance? candidate, TextWriter stdout, CancellationToken cancellationToken)
    {
        var (ns, _) = await session.InstanceNamespaceAsync(cancellationToken);
        var live = await session.Client.GetAsync<FluxInstance>(OperatorResources.FluxInstance, ns, ApiGroup.DefaultName, ApiJson.Options, cancellationToken)
            ?? throw new CliException($"FluxInstance/{ns}/{ApiGroup.DefaultName} not found");
        candidate ??= RevisionBuilder.WithSpec(live, live.Spec);
        var installedRevision = live.Status?.LastAppliedRevision ?? "";
        try
        {
            var after = await request.BuildAsync(candidate, null, installedRevision, cancellationToken);
            if (installedRevision.Length == 0)
            {
                await stdout.WriteLineAsync($"Installed: nothing (FluxInstance/{ns}/{ApiGroup.DefaultName} has no applied revision)");
                await stdout.WriteAsync(Compare(null, live, after, candidate, null).Describe());
                return 0;
            }

            // The installed revision is rebuilt from what the operator kept of it, else from the instance's spec at its version.
            var record = await ReadRecordAsync(session, live, cancellationToken);
            var (spec, digest, kept) = record.Healthy is { } healthy && healthy.Revision == installedRevision
                ? (healthy.Spec, healthy.ArtifactDigest, "the operator's revision record")
                : (RevisionBuilder.Pinned(live.Spec, ApprovalDecision.VersionOf(installedRevision)), live.Status?.LastArtifactRevision ?? "", "the instance's spec at its installed version");
            var baseline = RevisionBuilder.WithSpec(live, spec);
            var before = await request.BuildAsync(baseline, digest, null, cancellationToken);
            var exact = before.Result.Revision == installedRevision ? "rebuilt exactly" : $"approximated: rebuilt as {before.Result.Revision}";
            await stdout.WriteLineAsync($"Installed: {installedRevision} ({exact} from {kept})");
            var inventory = ObjectInventory.FromStatus(live.Status?.Inventory).Entries.Select(e => e.Id);
            await stdout.WriteAsync(Compare(before, baseline, after, candidate, inventory).Describe());
            return 0;
        }
        catch (PlanFailure e)
        {
            throw new CliException($"plan failed: {e.Message}");
        }
    }

    private static async Task<RevisionRecord> ReadRecordAsync(ClusterSession session, FluxInstance live, CancellationToken cancellationToken)
    {
        try
        {
            return await new RevisionRecordStore(session.Client).ReadAsync(live, cancellationToken);
        }
        catch (KubeApiException e) when (e.StatusCode is System.Net.HttpStatusCode.Forbidden)
        {
            return RevisionRecord.Empty; // a reader without ConfigMap access still gets the plan from the spec
        }
    }

    private static RenderPlan Compare(BuildOutcome? before, FluxInstance baseline, BuildOutcome after, FluxInstance candidate, IEnumerable<Controllers.Primitives.ObjectId>? installed) =>
        RenderPlan.Compare(
            before?.Result.Version ?? "", before is null ? [] : AppliedMetadata.Prepare(before.Result.Objects, baseline),
            after.Result.Version, AppliedMetadata.Prepare(after.Result.Objects, candidate),
            installed);

    /// <summary>An expected failure of a build of the plan (fetch or render), as one line.</summary>
    private sealed class PlanFailure(string message, Exception inner) : Exception(message, inner);

    /// <summary>The distribution and registry flags of one invocation, and the builds made with them.</summary>
    private sealed class PlanRequest(ParseResult parseResult, DistroRegistryFlags registry, string? distribution)
    {
        public ParseResult ParseResult { get; } = parseResult;

        /// <summary>Builds <paramref name="instance"/>; <paramref name="digest"/> pins its artifact (the installed revision's).</summary>
        public async Task<BuildOutcome> BuildAsync(FluxInstance instance, string? digest, string? lastAppliedRevision, CancellationToken cancellationToken)
        {
            var source = distribution
                ?? NullIfEmpty(instance.Spec.Distribution.Artifact)
                ?? (Directory.Exists(BuildInstanceCommand.EmbeddedStore) ? BuildInstanceCommand.EmbeddedStore : BuildInstanceCommand.DefaultArtifact);
            if (OfflineInputChecks.FirstError(instance) is { } inputError)
            {
                throw new PlanFailure($"{instance.Spec.Distribution.Version}: {inputError}", new FormatException(inputError));
            }

            try
            {
                var options = registry.ClientOptions(ParseResult);
                using var http = OciRegistryClient.CreateHttpClient(options);
                using var checkout = await DistributionCheckout.OpenAsync(source, distribution is null ? digest : null, async (reference, token) =>
                    new OciRegistryClient(reference.Registry, http, await registry.CredentialsAsync(ParseResult, reference, token), options, TimeProvider.System), cancellationToken);
                return FluxInstanceBuilder.Build(instance, new BuildSources(checkout.Root) { LastAppliedRevision = lastAppliedRevision });
            }
            catch (RenderException e)
            {
                throw new PlanFailure($"build of {instance.Spec.Distribution.Version} failed: {e.Message}", e);
            }
            catch (Exception e) when (e is ArtifactException or OciException or FormatException or IOException or UnauthorizedAccessException
                                          or System.Security.Cryptography.CryptographicException or JsonException or HttpRequestException or YamlException or InvalidOperationException)
            {
                throw new PlanFailure($"{source}: {e.Message}", e);
            }
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
