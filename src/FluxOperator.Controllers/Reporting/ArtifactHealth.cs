namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// The distribution watcher's last word on the registry, shared in-process with the report so that "registry down"
/// shows in <c>spec.distribution.status</c> before the next full FluxInstance pass fails on it.
/// </summary>
public sealed class ArtifactHealth
{
    private volatile string? _problem;

    /// <summary>Why the last digest check failed; null when it succeeded or never ran.</summary>
    public string? Problem => _problem;

    /// <summary>Records a failed check.</summary>
    public void Failed(string problem) => _problem = problem;

    /// <summary>Records a successful check.</summary>
    public void Succeeded() => _problem = null;
}
