namespace FluxOperator.Controllers.Api.V1;

/// <summary>Values of <c>spec.sync.kind</c> (the Flux source kind generated for the sync).</summary>
public static class SyncKinds
{
    /// <summary><c>OCIRepository</c>.</summary>
    public const string OciRepository = "OCIRepository";

    /// <summary><c>GitRepository</c>.</summary>
    public const string GitRepository = "GitRepository";

    /// <summary><c>Bucket</c>.</summary>
    public const string Bucket = "Bucket";

    /// <summary>Every accepted value, in the order the CRD enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [OciRepository, GitRepository, Bucket];
}
