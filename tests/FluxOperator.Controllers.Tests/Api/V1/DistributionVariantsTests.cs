using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Tests.Api.V1;

public class DistributionVariantsTests
{
    // The registries whose variant is inferred (docs/rendering.md#images).
    [Theory]
    [InlineData("fluxcd", "upstream-alpine")]
    [InlineData("ghcr.io/fluxcd", "upstream-alpine")]
    [InlineData("ghcr.io/fluxcd/", "upstream-alpine")]
    [InlineData("ghcr.io/controlplaneio-fluxcd/alpine", "enterprise-alpine")]
    [InlineData("ghcr.io/controlplaneio-fluxcd/distroless", "enterprise-distroless")]
    [InlineData("709825985650.dkr.ecr.us-east-1.amazonaws.com/controlplane/fluxcd", "enterprise-distroless")]
    [InlineData("ghcr.io/controlplaneio-fluxcd/distroless-fips", "enterprise-distroless-fips")]
    [InlineData("registry.example.com/fluxcd", null)]
    [InlineData("ghcr.io/fluxcd//", null)]
    public void Variant_is_inferred_from_well_known_registries(string registry, string? variant) =>
        Assert.Equal(variant, new DistributionSpec { Registry = registry }.VariantOrInferred);

    [Fact]
    public void Explicit_variant_wins_and_trailing_slash_is_dropped()
    {
        var distribution = new DistributionSpec { Registry = "registry.example.com/fluxcd/", Variant = DistributionVariants.EnterpriseAlpine };

        Assert.Equal(("enterprise-alpine", "registry.example.com/fluxcd"), (distribution.VariantOrInferred, distribution.RegistryTrimmed));
    }

    [Theory]
    [InlineData("registry.example.com/fluxcd", null, "spec.distribution.variant: registry 'registry.example.com/fluxcd' has no known variant, so images are pinned by tag only (set the variant the registry mirrors, e.g. upstream-alpine)")]
    [InlineData("ghcr.io/fluxcd", "enterprise-distroless", "spec.distribution.variant: 'enterprise-distroless' does not match registry 'ghcr.io/fluxcd', which serves upstream-alpine; the digests of the enterprise-distroless image list will not exist there (remove the variant or change the registry)")]
    public void Registry_and_variant_mismatch_is_a_warning(string registry, string? variant, string message)
    {
        var yaml = "apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {name: flux}\nspec:\n  distribution:\n    version: 2.x\n"
            + $"    registry: {registry}\n" + (variant is null ? "" : $"    variant: {variant}\n");

        var problem = Assert.Single(FluxInstanceManifest.Check(YamlDocuments.ParseObjects(yaml).Single()));

        Assert.True(problem.IsWarning);
        Assert.Equal(message, problem.Message);
    }
}
