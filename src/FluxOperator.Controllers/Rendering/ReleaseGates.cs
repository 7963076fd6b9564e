using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The version switches of the built-in rules, decided once from the selected release.</summary>
/// <remarks>
/// Two kinds of gates exist and must not be mixed (docs/rendering.md#release-gates): minor-only ones (source-watcher availability and
/// sharding, token rule index, notification CRD version indices) and full semver ones, where a pre-release such
/// as <c>v2.10.0-rc.1</c> fails every <c>&gt;=</c> and every <c>&lt;</c> gate, as a Masterminds constraint
/// without a pre-release does.
/// </remarks>
/// <param name="Major">Major number of the release.</param>
/// <param name="Minor">Minor number of the release.</param>
/// <param name="Patch">Patch number of the release.</param>
/// <param name="IsPrerelease">True for versions such as <c>v2.10.0-rc.1</c>.</param>
public sealed record ReleaseGates(int Major, int Minor, int Patch, bool IsPrerelease)
{
    /// <summary>source-watcher may be installed (minor ≥ 7).</summary>
    public bool SupportsSourceWatcher => Minor >= FluxComponents.SourceWatcherMinor;

    /// <summary>source-watcher gets shard copies (minor ≥ 9).</summary>
    public bool ShardsSourceWatcher => Minor >= 9;

    /// <summary>Index of the <c>serviceaccounts/token</c> rule in ClusterRole <c>crd-controller</c>.</summary>
    public int TokenRuleIndex => Minor <= 6 ? 10 : 11;

    /// <summary>Semver <c>&lt; 2.6.0</c> (false for pre-releases).</summary>
    public bool Below26 => !IsPrerelease && Compare(2, 6, 0) < 0;

    /// <summary>Semver <c>&lt; 2.7.0</c> (false for pre-releases).</summary>
    public bool Below27 => !IsPrerelease && Compare(2, 7, 0) < 0;

    /// <summary>Semver <c>&gt;= 2.6.0</c> (false for pre-releases): OCIRepository/Bucket move to <c>v1</c>.</summary>
    public bool AtLeast26 => !IsPrerelease && Compare(2, 6, 0) >= 0;

    /// <summary>Semver <c>&gt;= 2.9.0</c> (false for pre-releases): the <c>aws</c> provider for GitRepository.</summary>
    public bool AtLeast29 => !IsPrerelease && Compare(2, 9, 0) >= 0;

    /// <summary>Reads a version directory name (<c>v2.9.4</c>, <c>2.9</c>, <c>v2.10.0-rc.1</c>) leniently.</summary>
    /// <exception cref="FormatException">The name is not a version.</exception>
    public static ReleaseGates FromVersion(string version)
    {
        if (!LenientVersion.TryParse(version, out var parsed, out var error))
        {
            throw new FormatException(error);
        }

        return new ReleaseGates(parsed.Major, parsed.Minor, parsed.Patch, parsed.IsPrerelease);
    }

    /// <summary><see cref="FromVersion"/> for a build: an unreadable name fails it with the Go operator's message.</summary>
    /// <exception cref="RenderException">The name is not a version.</exception>
    public static ReleaseGates ForBuild(string version)
    {
        try
        {
            return FromVersion(version);
        }
        catch (FormatException e)
        {
            throw new RenderException($"failed to parse Flux version '{version}': {e.Message}", e);
        }
    }

    private int Compare(int major, int minor, int patch) =>
        Major != major ? Major.CompareTo(major) : Minor != minor ? Minor.CompareTo(minor) : Patch.CompareTo(patch);
}
