namespace KubeApiEmulator.Auth;

/// <summary>What a request asks to do, as the API server's authorizers see it.</summary>
/// <param name="User">Who asks.</param>
/// <param name="Verb">Resource verb (<c>get</c>, <c>list</c>, <c>watch</c>, <c>create</c>, …) or lower-case HTTP method for a path.</param>
/// <param name="ResourceRequest">True for a resource request, false for a non-resource path.</param>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Resource">Plural resource name.</param>
/// <param name="Subresource">Subresource such as <c>status</c>, or empty.</param>
/// <param name="Namespace">Namespace, or empty at the cluster scope.</param>
/// <param name="Name">Object name, or empty.</param>
/// <param name="Path">The URL path (non-resource requests).</param>
public sealed record RequestAttributes(UserInfo User, string Verb, bool ResourceRequest, string Group, string Resource, string Subresource,
    string Namespace, string Name, string Path)
{
    /// <summary>Attributes of a resource request.</summary>
    public static RequestAttributes ForResource(UserInfo user, string verb, string group, string resource, string? subresource = null, string? ns = null, string? name = null) =>
        new(user, verb, true, group, resource, subresource ?? "", ns ?? "", name ?? "", "");

    /// <summary>Attributes of a non-resource request.</summary>
    public static RequestAttributes ForPath(UserInfo user, string verb, string path) => new(user, verb, false, "", "", "", "", "", path);

    /// <summary>The resource with its subresource, as rules name it: <c>deployments/status</c> (built once: every rule asks).</summary>
    public string CombinedResource { get; } = Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";
}
