namespace FluxOperator.Controllers.Versioning;

/// <summary>Refuses a move to a lower minor or major than the last applied revision (CRD storage versions only move forward).</summary>
public static class DowngradeGuard
{
    /// <summary>Null when the move is allowed, otherwise the Go operator's message.</summary>
    /// <param name="lastAppliedRevision">`status.lastAppliedRevision` (`v2.9.4@sha256:…`); empty means a first install.</param>
    /// <param name="selectedVersion">The selected version directory name (`v2.8.8`).</param>
    /// <remarks>The major and minor are compared independently, as the reference does: 2.9.x → 3.0.x is refused too.</remarks>
    public static string? Check(string? lastAppliedRevision, string selectedVersion)
    {
        if (string.IsNullOrEmpty(lastAppliedRevision))
        {
            return null;
        }

        var at = lastAppliedRevision.IndexOf('@', StringComparison.Ordinal);
        var from = at >= 0 ? lastAppliedRevision[..at] : lastAppliedRevision;
        if (!LenientVersion.TryParse(from, out var fromVersion, out var fromError))
        {
            return $"from version '{from}' parse error: {fromError}";
        }

        if (!LenientVersion.TryParse(selectedVersion, out var toVersion, out var toError))
        {
            return $"to version '{selectedVersion}' parse error: {toError}";
        }

        return toVersion.Major < fromVersion.Major || toVersion.Minor < fromVersion.Minor
            ? $"downgrading from {from} to {selectedVersion} is not supported, reinstall needed"
            : null;
    }
}
