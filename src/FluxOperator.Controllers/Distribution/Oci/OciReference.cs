using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>A parsed OCI artifact reference: <c>oci://host[:port]/repository[:tag|@sha256:…]</c>.</summary>
public sealed partial record OciReference
{
    /// <summary>The prefix Flux uses for OCI URLs.</summary>
    public const string Scheme = "oci://";

    /// <summary>The registry a reference without a host names (Docker Hub).</summary>
    public const string DefaultRegistry = "index.docker.io";

    /// <summary>The tag a reference without tag or digest names.</summary>
    public const string DefaultTag = "latest";

    private OciReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host with an optional port, e.g. <c>ghcr.io</c> or <c>127.0.0.1:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>The repository path inside the registry, e.g. <c>controlplaneio-fluxcd/flux-operator-manifests</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when the reference is pinned by digest only.</summary>
    public string? Tag { get; }

    /// <summary>The pinned manifest digest (<c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary>What goes after <c>/manifests/</c>: the digest when pinned, otherwise the tag.</summary>
    public string ManifestReference => Digest ?? Tag ?? DefaultTag;

    /// <summary>The host the HTTP API is served from (Docker Hub's API lives on another name).</summary>
    public string ApiHost => Registry == DefaultRegistry ? "registry-1.docker.io" : Registry;

    /// <summary>Parses a reference with or without the <c>oci://</c> prefix; throws <see cref="FormatException"/> naming the problem.</summary>
    public static OciReference Parse(string value)
    {
        return TryParse(value, out var reference, out var error)
            ? reference
            : throw new FormatException($"invalid OCI reference \"{value}\": {error}");
    }

    /// <summary>Parses a reference; returns false with a reason instead of throwing.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out OciReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "empty reference";
            return false;
        }

        var rest = value.StartsWith(Scheme, StringComparison.Ordinal) ? value[Scheme.Length..] : value;
        if (rest.Contains("://", StringComparison.Ordinal))
        {
            error = "only the oci:// scheme is supported";
            return false;
        }

        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!OciDigest.IsValid(digest))
            {
                error = $"digest \"{digest}\" is not sha256:<64 lowercase hex>";
                return false;
            }
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"tag \"{tag}\" is invalid";
                return false;
            }
        }

        var registry = DefaultRegistry;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && LooksLikeHost(rest[..slash]))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
            if (!HostPattern().IsMatch(registry))
            {
                error = $"registry \"{registry}\" is invalid";
                return false;
            }
        }

        if (registry is DefaultRegistry or "docker.io")
        {
            registry = DefaultRegistry;
            if (!rest.Contains('/', StringComparison.Ordinal))
            {
                rest = "library/" + rest;
            }
        }

        if (!RepositoryPattern().IsMatch(rest))
        {
            error = $"repository \"{rest}\" is invalid (lowercase path components required)";
            return false;
        }

        reference = new OciReference(registry, rest, digest is null ? tag ?? DefaultTag : tag, digest);
        error = null;
        return true;
    }

    /// <summary>This reference pinned to a digest (keeps the tag for display).</summary>
    public OciReference WithDigest(string digest) =>
        OciDigest.IsValid(digest) ? new OciReference(Registry, Repository, Tag, digest) : throw new FormatException($"invalid digest \"{digest}\"");

    /// <summary>This reference with another tag and no digest.</summary>
    public OciReference WithTag(string tag) =>
        TagPattern().IsMatch(tag) ? new OciReference(Registry, Repository, tag, null) : throw new FormatException($"invalid tag \"{tag}\"");

    /// <summary><c>registry/repository[:tag][@digest]</c>, without the scheme.</summary>
    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    /// <summary>The reference as an <c>oci://</c> URL.</summary>
    public string ToUrl() => Scheme + ToString();

    // The Docker rule: the first component is a host when it has a dot or a port, or is localhost.
    private static bool LooksLikeHost(string component) =>
        component.Contains('.', StringComparison.Ordinal) || component.Contains(':', StringComparison.Ordinal)
        || component == "localhost" || component.StartsWith('[');

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();
}
