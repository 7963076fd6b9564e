namespace FluxOperator.Controllers.Api.V1;

/// <summary>Values of <c>spec.sync.provider</c> (OIDC provider of the sync source).</summary>
public static class SyncProviders
{
    /// <summary><c>generic</c>.</summary>
    public const string Generic = "generic";

    /// <summary><c>aws</c>.</summary>
    public const string Aws = "aws";

    /// <summary><c>azure</c>.</summary>
    public const string Azure = "azure";

    /// <summary><c>gcp</c>.</summary>
    public const string Gcp = "gcp";

    /// <summary><c>github</c>.</summary>
    public const string GitHub = "github";

    /// <summary>Every accepted value, in the order the CRD enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Generic, Aws, Azure, Gcp, GitHub];
}
