using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Primitives;

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

    /// <summary>The tag of an image reference: after the last `:` that follows the last `/`, `latest` when absent.</summary>
    public static bool TryParseTag(string image, [NotNullWhen(true)] out string? tag, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var named = at >= 0 ? image[..at] : image;
        var colon = named.LastIndexOf(':');
        tag = colon > named.LastIndexOf('/') ? named[(colon + 1)..] : "latest";
        if (!TagPattern().IsMatch(tag))
        {
            error = $"could not parse reference: {image}";
            tag = null;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// kustomize's <c>image.Split</c>: name, tag and digest as the <c>images</c> transformer sees them. Unlike
    /// <see cref="TryParse"/> it does not normalise or validate, and a registry host's port is not a tag.
    /// </summary>
    public static (string Name, string Tag, string Digest) SplitAsKustomize(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var offset = slash > 0 ? slash : 0;
        var search = image[offset..];
        var at = search.IndexOf('@', StringComparison.Ordinal);
        var colon = search.IndexOf(':', StringComparison.Ordinal);
        if (at < 0 && colon < 0)
        {
            return (image, string.Empty, string.Empty);
        }

        if (at >= 0 && (at < colon || colon < 0))
        {
            return (image[..(at + offset)], string.Empty, image[(at + offset + 1)..]);
        }

        if (at >= 0)
        {
            return (image[..(colon + offset)], image[(colon + offset + 1)..(at + offset)], image[(at + offset + 1)..]);
        }

        return (image[..(colon + offset)], image[(colon + offset + 1)..], string.Empty);
    }

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    // Lower-case path components separated by `/`, with `.`, `_`, `__` or dashes inside (the distribution spec grammar).
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
