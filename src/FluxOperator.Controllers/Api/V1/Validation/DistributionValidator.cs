using FluentValidation;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Rules of <c>spec.distribution</c>.</summary>
public sealed class DistributionValidator : AbstractValidator<DistributionSpec>
{
    /// <summary>Pattern of <see cref="DistributionSpec.Artifact"/>.</summary>
    public const string ArtifactPattern = "^oci://.*$";

    /// <summary>Creates the validator.</summary>
    public DistributionValidator()
    {
        RuleFor(d => d.Version).Required().OverridePropertyName("version");

        // The API accepts any string; the build fails on one that is not a semver constraint.
        RuleFor(d => d.Version).Configure(c => c.PropertyName = "version").Custom((version, context) =>
        {
            if (!string.IsNullOrEmpty(version) && !VersionConstraint.TryParse(version, out _, out var error))
            {
                context.AddProblem("", $"{error} (use a constraint such as 2.x, 2.3.x, ~2.3, >=2.3 <2.5 or an exact version)");
            }
        });

        RuleFor(d => d.Registry).Required().OverridePropertyName("registry");
        RuleFor(d => d.Registry).Configure(c => c.PropertyName = "registry").Custom((registry, context) =>
        {
            if (registry.Contains("://", StringComparison.Ordinal))
            {
                context.AddProblem("", $"'{registry}' is an image repository prefix, not a URL (drop the scheme, e.g. ghcr.io/fluxcd)");
            }
            else if (registry.Any(char.IsWhiteSpace) || registry.Any(char.IsUpper))
            {
                context.AddProblem("", $"'{registry}' is not a valid image repository prefix (use lower-case host/path, e.g. ghcr.io/fluxcd)");
            }
        });

        RuleFor(d => d.Variant).OneOf(DistributionVariants.All).OverridePropertyName("variant");
        RuleFor(d => d).Custom((distribution, context) =>
        {
            // Neither case fails the build: the renderer falls back to images without digests.
            var served = DistributionVariants.Infer(distribution.Registry);
            if (string.IsNullOrEmpty(distribution.Registry) || distribution.Registry.Contains("://", StringComparison.Ordinal))
            {
                return;
            }

            if (string.IsNullOrEmpty(distribution.Variant) && served is null)
            {
                context.AddProblem(".variant", $"registry '{distribution.Registry}' has no known variant, so images are pinned by tag only (set the variant the registry mirrors, e.g. {DistributionVariants.UpstreamAlpine})", warning: true);
            }
            else if (!string.IsNullOrEmpty(distribution.Variant) && served is not null && served != distribution.Variant && DistributionVariants.All.Contains(distribution.Variant))
            {
                context.AddProblem(".variant", $"'{distribution.Variant}' does not match registry '{distribution.Registry}', which serves {served}; the digests of the {distribution.Variant} image list will not exist there (remove the variant or change the registry)", warning: true);
            }
        });
        RuleFor(d => d.Artifact).MatchesPattern(ArtifactPattern).OverridePropertyName("artifact");
        RuleFor(d => d.ArtifactPullSecret).Configure(c => c.PropertyName = "artifactPullSecret").Custom((secret, context) =>
        {
            if (!string.IsNullOrEmpty(secret) && string.IsNullOrEmpty(((DistributionSpec)context.InstanceToValidate).Artifact))
            {
                context.AddProblem("", "has no effect without spec.distribution.artifact (set the artifact or remove the secret)", warning: true);
            }
        });
        RuleFor(d => d.ImagePullSecret).Configure(c => c.PropertyName = "imagePullSecret").Custom((secret, context) => NameCheck(secret, context));
        RuleFor(d => d.ArtifactPullSecret).Configure(c => c.PropertyName = "artifactPullSecret").Custom((secret, context) => NameCheck(secret, context));
    }

    private static void NameCheck(string? secret, ValidationContext<DistributionSpec> context)
    {
        if (!string.IsNullOrEmpty(secret) && !KubernetesNames.IsDns1123Subdomain(secret))
        {
            context.AddProblem("", $"'{secret}' is not a valid Secret name (lower-case alphanumerics, '-' and '.', at most 253 characters)");
        }
    }
}
