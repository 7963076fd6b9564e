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
}
