namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>
/// Credentials keyed by registry, looked up the way the kubelet matches image-pull secrets:
/// host (with <c>*</c> globs per label), port and path prefix of the configured key.
/// </summary>
public sealed class RegistryCredentials
{
    private readonly IReadOnlyList<(string Key, RegistryCredential Credential)> _entries;

    /// <summary>Credentials from (registry key, credential) pairs; keys may carry a scheme and path.</summary>
    public RegistryCredentials(IEnumerable<KeyValuePair<string, RegistryCredential>> entries)
    {
        _entries = entries.Select(e => (e.Key, e.Value)).ToArray();
    }

    /// <summary>No credentials: every request is anonymous.</summary>
    public static RegistryCredentials Anonymous { get; } = new([]);

    /// <summary>One username and password for one registry (the <c>--username/--password</c> flags).</summary>
    public static RegistryCredentials ForRegistry(string registry, string username, string password) =>
        new([new(registry, new RegistryCredential(username, password))]);

    /// <summary>True when no credential is configured.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>The credential for a registry host and repository, the most specific match winning; null when none matches.</summary>
    public RegistryCredential? Find(string registry, string repository = "")
    {
        RegistryCredential? best = null;
        var bestScore = -1;
        foreach (var (key, credential) in _entries)
        {
            var score = Match(key, registry, repository);
            if (score > bestScore)
            {
                best = credential;
                bestScore = score;
            }
        }

        return best;
    }

    // Returns -1 when the key does not apply, else a specificity score (longer literal keys win).
    private static int Match(string key, string registry, string repository)
    {
        var (keyHost, keyPath) = SplitKey(key);
        var target = Normalize(registry);
        var (keyName, keyPort) = SplitPort(keyHost);
        var (name, port) = SplitPort(target);
        if (!string.Equals(keyPort, port, StringComparison.Ordinal) || !GlobMatch(keyName, name))
        {
            return -1;
        }

        // Docker Hub keys are written as https://index.docker.io/v1/; that path is not a repository prefix.
        if (keyPath.Length > 0 && !(keyName == OciReference.DefaultRegistry && keyPath is "v1" or "v1/"))
        {
            var prefix = keyPath.TrimEnd('/');
            if (!(repository == prefix || repository.StartsWith(prefix + "/", StringComparison.Ordinal)))
            {
                return -1;
            }
        }

        return (keyName.Contains('*', StringComparison.Ordinal) ? 0 : 1000) + keyHost.Length + keyPath.Length;
    }

    private static (string Host, string Path) SplitKey(string key)
    {
        var rest = key.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[(slash + 1)..] : "";
        return (Normalize(host), path);
    }

    private static string Normalize(string host)
    {
        var lower = host.ToLowerInvariant();
        return lower is "docker.io" or "registry-1.docker.io" ? OciReference.DefaultRegistry : lower;
    }

    private static (string Name, string Port) SplitPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(']', StringComparison.Ordinal) < colon ? (host[..colon], host[(colon + 1)..]) : (host, "");
    }

    // Label-by-label glob: "*.example.com" matches "a.example.com" but not "a.b.example.com", like the kubelet.
    private static bool GlobMatch(string pattern, string host)
    {
        var patternLabels = pattern.Split('.');
        var hostLabels = host.Split('.');
        if (patternLabels.Length != hostLabels.Length)
        {
            return false;
        }

        for (var i = 0; i < patternLabels.Length; i++)
        {
            if (!LabelMatch(patternLabels[i], hostLabels[i]))
            {
                return false;
            }
        }

        return true;
    }

    // A '*' matches any run of characters inside one label (filepath.Match semantics without classes).
    private static bool LabelMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> label)
    {
        if (pattern.IsEmpty)
        {
            return label.IsEmpty;
        }

        if (pattern[0] == '*')
        {
            for (var i = 0; i <= label.Length; i++)
            {
                if (LabelMatch(pattern[1..], label[i..]))
                {
                    return true;
                }
            }

            return false;
        }

        return !label.IsEmpty && pattern[0] == label[0] && LabelMatch(pattern[1..], label[1..]);
    }
}
