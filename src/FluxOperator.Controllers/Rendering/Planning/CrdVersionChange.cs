namespace FluxOperator.Controllers.Rendering.Planning;

/// <summary>
/// A CRD whose served versions or storage version differ between the renders: what its objects are stored as,
/// and which stored versions must be migrated before an old version is dropped.
/// </summary>
/// <param name="Name">The CRD name (<c>alerts.notification.toolkit.fluxcd.io</c>).</param>
/// <param name="From">The versions before, the storage version marked with <c>*</c>; empty for a new CRD.</param>
/// <param name="To">The versions after, the storage version marked with <c>*</c>; empty for a removed CRD.</param>
public sealed record CrdVersionChange(string Name, IReadOnlyList<string> From, IReadOnlyList<string> To)
{
    /// <summary><c>name: v1*,v1beta2 → v1*</c>.</summary>
    public override string ToString() => $"{Name}: {Text(From)} → {Text(To)}";

    private static string Text(IReadOnlyList<string> versions) => versions.Count == 0 ? "(none)" : string.Join(',', versions);
}
