namespace FluxOperator.Controllers.Api.V1;

/// <summary>Values of <c>spec.distribution.variant</c> (which image list file is used).</summary>
public static class DistributionVariants
{
    /// <summary><c>upstream-alpine</c>.</summary>
    public const string UpstreamAlpine = "upstream-alpine";

    /// <summary><c>enterprise-alpine</c>.</summary>
    public const string EnterpriseAlpine = "enterprise-alpine";

    /// <summary><c>enterprise-distroless</c>.</summary>
    public const string EnterpriseDistroless = "enterprise-distroless";

    /// <summary><c>enterprise-distroless-fips</c>.</summary>
    public const string EnterpriseDistrolessFips = "enterprise-distroless-fips";

    /// <summary>Every accepted value, in the order the CRD enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [UpstreamAlpine, EnterpriseAlpine, EnterpriseDistroless, EnterpriseDistrolessFips];

    /// <summary>The variant a well-known registry serves (rendering spec §4.1), or null for any other registry.</summary>
    /// <param name="registry">The registry, one trailing '/' ignored.</param>
    public static string? Infer(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var trimmed = registry.EndsWith('/') ? registry[..^1] : registry;
        return trimmed switch
        {
            "fluxcd" or "ghcr.io/fluxcd" => UpstreamAlpine,
            "ghcr.io/controlplaneio-fluxcd/alpine" => EnterpriseAlpine,
            "ghcr.io/controlplaneio-fluxcd/distroless" or "709825985650.dkr.ecr.us-east-1.amazonaws.com/controlplane/fluxcd" => EnterpriseDistroless,
            "ghcr.io/controlplaneio-fluxcd/distroless-fips" => EnterpriseDistrolessFips,
            _ => null,
        };
    }
}
