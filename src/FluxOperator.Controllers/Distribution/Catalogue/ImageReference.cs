using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>A container image reference split the way the status reports it: normalised registry host, path, tag, digest.</summary>
/// <param name="Host">The registry host (`ghcr.io`, `index.docker.io`, `localhost:5000`).</param>
/// <param name="Path">The repository path on that host (`fluxcd/source-controller`, `library/nginx`).</param>
/// <param name="Tag">The tag; `latest` when the reference has none.</param>
/// <param name="Digest">`sha256:&lt;64 hex&gt;`, or empty.</param>
public sealed partial record ImageReference(string Host, string Path, string Tag, string Digest)
{
    /// <summary>Docker Hub's canonical host, which the status uses for `docker.io` and host-less references.</summary>
    public const string DockerHub = "index.docker.io";

    /// <summary>`&lt;host&gt;/&lt;path&gt;`, as `status.components[].repository`.</summary>
    public string Repository => $"{Host}/{Path}";

    /// <summary>Parses <paramref name="image"/>; false with `could not parse reference: …` when malformed.</summary>
    public static bool TryParse(string image, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(image);
        reference = null;
        error = $"could not parse reference: {image}";

        var at = image.IndexOf('@', StringComparison.Ordinal);
        var digest = at >= 0 ? image[(at + 1)..] : string.Empty;
        var named = at >= 0 ? image[..at] : image;
        if (at >= 0 && !DigestPattern().IsMatch(digest))
        {
            return false;
        }

        var slash = named.LastIndexOf('/');
        var colon = named.LastIndexOf(':');
        var tag = colon > slash ? named[(colon + 1)..] : "latest";
        var name = colon > slash ? named[..colon] : named;
        if (!TagPattern().IsMatch(tag) || name.Length == 0)
        {
            return false;
        }

        var firstSlash = name.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash >= 0 ? name[..firstSlash] : string.Empty;
        string host, path;
        if (firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            host = first == "docker.io" ? DockerHub : first;
            path = name[(firstSlash + 1)..];
        }
        else
        {
            host = DockerHub;
            path = name;
        }

        if (host == DockerHub && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }

        if (!PathPattern().IsMatch(path))
        {
            return false;
        }

        reference = new ImageReference(host, path, tag, digest);
        error = null;
        return true;
    }

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    // Lower-case path components separated by `/`, with `.`, `_`, `__` or dashes inside (the distribution spec grammar).
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
