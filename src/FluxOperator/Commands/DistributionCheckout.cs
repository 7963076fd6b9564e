using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Commands;

/// <summary>
/// A distribution folder for an offline build: a given folder as it is, or an <c>oci://</c> artifact (optionally pinned
/// to a digest) pulled into a temporary folder that is deleted on dispose.
/// </summary>
internal sealed class DistributionCheckout : IDisposable
{
    private readonly DirectoryInfo? _scratch;

    private DistributionCheckout(string root, string digest, DirectoryInfo? scratch)
    {
        Root = root;
        Digest = digest;
        _scratch = scratch;
    }

    /// <summary>The folder holding <c>flux/</c> (and <c>flux-images/</c>).</summary>
    public string Root { get; }

    /// <summary>The artifact's manifest digest; empty for a folder.</summary>
    public string Digest { get; }

    /// <summary>Opens <paramref name="source"/>; an artifact is pulled with the client <paramref name="connect"/> makes for its registry.</summary>
    /// <exception cref="ArtifactException">The pull failed.</exception>
    /// <exception cref="OciException">The registry refused.</exception>
    public static async Task<DistributionCheckout> OpenAsync(string source, string? digest, Func<OciReference, CancellationToken, Task<OciRegistryClient>> connect,
        CancellationToken cancellationToken)
    {
        if (!source.StartsWith(OciReference.Scheme, StringComparison.Ordinal))
        {
            return new DistributionCheckout(source, "", null);
        }

        var reference = OciReference.Parse(source);
        if (!string.IsNullOrEmpty(digest))
        {
            reference = reference.WithDigest(digest);
        }

        var scratch = Directory.CreateTempSubdirectory("flux-distribution-");
        try
        {
            var client = await connect(reference, cancellationToken);
            var target = Path.Combine(scratch.FullName, "artifact");
            var pulled = await ArtifactPuller.PullAsync(client, reference, target, new ExtractionLimits(), cancellationToken, url: source);
            return new DistributionCheckout(target, pulled.Digest, scratch);
        }
        catch
        {
            scratch.Delete(recursive: true);
            throw;
        }
    }

    public void Dispose() => _scratch?.Delete(recursive: true);
}
