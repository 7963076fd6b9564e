using System.Diagnostics.CodeAnalysis;

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

    /// <summary>The variant a well-known registry serves, or null for any other registry.</summary>
    /// <param name="registry">The registry, one trailing '/' ignored.</param>
    public static string? Infer(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return TrimRegistry(registry) switch
        {
            "fluxcd" or "ghcr.io/fluxcd" => UpstreamAlpine,
            "ghcr.io/controlplaneio-fluxcd/alpine" => EnterpriseAlpine,
            "ghcr.io/controlplaneio-fluxcd/distroless" or "709825985650.dkr.ecr.us-east-1.amazonaws.com/controlplane/fluxcd" => EnterpriseDistroless,
            "ghcr.io/controlplaneio-fluxcd/distroless-fips" => EnterpriseDistrolessFips,
            _ => null,
        };
    }

    /// <summary>The variant to read: <paramref name="variant"/> when set, else the one implied by <paramref name="registry"/>.</summary>
    /// <returns>False with the reference's message for an unknown registry without variant or an unknown variant.</returns>
    public static bool TryChoose(string registry, string? variant, [NotNullWhen(true)] out string? chosen, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var trimmed = TrimRegistry(registry);
        chosen = string.IsNullOrEmpty(variant) ? Infer(trimmed) : variant;
        if (chosen is null)
        {
            error = $"unsupported registry. consider specifying the distribution variant for registry: {trimmed}";
            return false;
        }

        if (!All.Contains(chosen, StringComparer.Ordinal))
        {
            error = $"unsupported variant: {chosen}";
            chosen = null;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The registry without one trailing `/`, as every rule compares and joins it.</summary>
    public static string TrimRegistry(string registry) =>
        registry.EndsWith('/') ? registry[..^1] : registry;
}
