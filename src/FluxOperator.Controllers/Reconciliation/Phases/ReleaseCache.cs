using System.Collections.Concurrent;
using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>Parsed release manifests by release directory, so a pass does not parse the same release again.</summary>
public sealed class ReleaseCache
{
    private readonly ConcurrentDictionary<string, ReleaseManifests> _releases = new(StringComparer.Ordinal);

    /// <summary>The parsed release in <paramref name="releaseDirectory"/>.</summary>
    public ReleaseManifests Load(string releaseDirectory) => _releases.GetOrAdd(releaseDirectory, ReleaseManifests.Load);
}
