using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Distribution artifacts holding only some releases, assembled at test time from the shared data and pushed under a tag.</summary>
internal sealed class DistributionTrees : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flux-operator-e2e-trees-").FullName;

    /// <summary>Publishes a tree holding only <paramref name="versions"/> under <paramref name="reference"/>; returns the manifest digest.</summary>
    public async Task<string> PublishAsync(OciRegistryClient client, OciReference reference, params string[] versions)
    {
        var root = Path.Combine(_root, string.Join('+', versions));
        foreach (var version in versions)
        {
            var source = Path.Combine(SharedDistribution.Root, "flux", version);
            var target = Directory.CreateDirectory(Path.Combine(root, "flux", version)).FullName;
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            }
        }

        var pushed = await ArtifactPublisher.PushAsync(client, root, reference, new ArtifactAnnotations { Created = DateTimeOffset.UnixEpoch }, CancellationToken.None);
        return pushed.Digest;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
