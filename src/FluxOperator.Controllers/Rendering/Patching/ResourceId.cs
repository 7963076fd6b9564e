using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>The identity of an object in a build: group, version, kind, name and namespace.</summary>
/// <remarks>
/// <see cref="ToString"/> is kustomize's form, <c>Kind.version.group/name.namespace</c> with <c>[noGrp]</c> for the
/// core group and <c>[noNs]</c> for no namespace, because error messages users compare with the Go operator carry it.
/// Two ids are equal when group, version, kind, name and <em>effective</em> namespace are equal, so an empty
/// namespace and <c>default</c> are the same on namespaced kinds (kustomize's rule).
/// </remarks>
public sealed record ResourceId(string Group, string Version, string Kind, string Name, string Namespace)
{
    /// <summary>The effective namespace kustomize gives cluster-scoped kinds, so only a catch-all pattern selects them.</summary>
    public const string NonNamespaceable = "_non_namespaceable_";

    /// <summary>The id of a manifest, from its apiVersion, kind, metadata.name and metadata.namespace.</summary>
    public static ResourceId Of(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var apiVersion = StringAt(manifest, "apiVersion");
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        var metadata = manifest["metadata"] as JsonObject;
        return new ResourceId(
            group,
            version,
            StringAt(manifest, "kind"),
            metadata is null ? string.Empty : StringAt(metadata, "name"),
            metadata is null ? string.Empty : StringAt(metadata, "namespace"));
    }

    /// <summary>apiVersion as written in manifests (<c>v1</c>, <c>apps/v1</c>).</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>True when the kind is cluster-scoped (kustomize's built-in list; every other kind is namespaced).</summary>
    public bool IsClusterScoped => ClusterScopedKinds.Contains(Kind);

    /// <summary>The identity without the version, as inventories and the apply order use it.</summary>
    public ObjectId ObjectId => new(Namespace, Name, Group, Kind);

    /// <summary><c>default</c> for an empty namespace on a namespaced kind, <see cref="NonNamespaceable"/> for cluster-scoped kinds.</summary>
    public string EffectiveNamespace => IsClusterScoped ? NonNamespaceable : Namespace.Length == 0 ? "default" : Namespace;

    /// <summary>Same group, version and kind.</summary>
    public bool SameKindAs(ResourceId other) =>
        other is not null && Group == other.Group && Version == other.Version && Kind == other.Kind;

    /// <inheritdoc />
    public bool Equals(ResourceId? other) =>
        other is not null && SameKindAs(other) && Name == other.Name && EffectiveNamespace == other.EffectiveNamespace;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Group, Version, Kind, Name, EffectiveNamespace);

    /// <summary>kustomize's string form, e.g. <c>Service.v1.[noGrp]/source-controller.flux-system</c>.</summary>
    public override string ToString() =>
        $"{Or(Kind, "[noKind]")}.{Or(Version, "[noVer]")}.{Or(Group, "[noGrp]")}/{Or(Name, "[noName]")}.{Or(Namespace, "[noNs]")}";

    private static string Or(string value, string placeholder) => value.Length == 0 ? placeholder : value;

    private static string StringAt(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
}
