namespace FluxOperator.Controllers.Rendering;

/// <summary>The sync source and Kustomization to generate, defaults already applied.</summary>
/// <param name="Name">Name of both objects (<c>spec.sync.name</c> or the namespace).</param>
/// <param name="Kind"><c>GitRepository</c>, <c>OCIRepository</c> or <c>Bucket</c>.</param>
/// <param name="Url">Source URL (the Bucket endpoint).</param>
/// <param name="Ref">Git branch/ref, OCI tag or bucket name.</param>
/// <param name="Path">Kustomization path.</param>
/// <param name="Interval">Source interval in Go duration form (<c>1m0s</c>).</param>
/// <param name="PullSecret">Source <c>secretRef</c>, when set.</param>
/// <param name="Provider">Source provider, copied verbatim when set.</param>
public sealed record SyncParameters(
    string Name,
    string Kind,
    string Url,
    string Ref,
    string Path,
    string Interval,
    string? PullSecret,
    string? Provider);
