using System.Text;

namespace FluxOperator.Controllers.Primitives;

/// <summary>A served resource: what discovery says about one kind (plural name and scope), enough to build its URLs.</summary>
/// <param name="Group">API group, empty for the core group.</param>
/// <param name="Version">API version within the group.</param>
/// <param name="Kind">The object kind, e.g. <c>Deployment</c>.</param>
/// <param name="Plural">The resource name in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary>The <c>apiVersion</c> of the objects.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The group, version and kind.</summary>
    public GroupVersionKind Gvk => new(Group, Version, Kind);

    /// <summary>
    /// The relative URL of the collection (<paramref name="name"/> null) or of one object, optionally a subresource.
    /// A namespaced type with a null namespace addresses the collection across all namespaces.
    /// </summary>
    public string PathFor(string? @namespace, string? name = null, string? subresource = null)
    {
        var path = new StringBuilder(Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}");
        if (Namespaced && !string.IsNullOrEmpty(@namespace))
        {
            path.Append("/namespaces/").Append(Uri.EscapeDataString(@namespace));
        }

        path.Append('/').Append(Plural);
        if (name is not null)
        {
            path.Append('/').Append(Uri.EscapeDataString(name));
            if (subresource is not null)
            {
                path.Append('/').Append(subresource);
            }
        }

        return path.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
