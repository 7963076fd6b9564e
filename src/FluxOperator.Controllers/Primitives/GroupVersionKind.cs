namespace FluxOperator.Controllers.Primitives;

/// <summary>A Kubernetes group, version and kind, as read from an object's <c>apiVersion</c> and <c>kind</c>.</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>The <c>apiVersion</c> form: <c>v1</c> for the core group, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Splits an <c>apiVersion</c> (<c>v1</c>, <c>apps/v1</c>) and pairs it with a kind.</summary>
    public static GroupVersionKind From(string apiVersion, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? new GroupVersionKind("", apiVersion, kind)
            : new GroupVersionKind(apiVersion[..slash], apiVersion[(slash + 1)..], kind);
    }

    /// <inheritdoc />
    public override string ToString() => $"{ApiVersion}, Kind={Kind}";
}
