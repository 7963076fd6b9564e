using FluentValidation;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Rules of <c>spec</c> and its parts (child validators carry the field paths).</summary>
public sealed class FluxInstanceSpecValidator : AbstractValidator<FluxInstanceSpec>
{
    /// <summary>Creates the validator.</summary>
    public FluxInstanceSpecValidator()
    {
        RuleFor(s => s.Distribution).SetValidator(new DistributionValidator()).OverridePropertyName("distribution");

        RuleForEach(s => s.Components)
            .OneOf(FluxComponents.All)
            .OverridePropertyName("components");
        RuleFor(s => s.Components).Configure(c => c.PropertyName = "components").Custom((components, context) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (components?.Count ?? 0); i++)
            {
                if (!seen.Add(components![i]))
                {
                    context.AddProblem($"[{i}]", $"duplicate component '{components[i]}' (list each component once; the build fails on the second copy of its objects)");
                }
            }
        });

        RuleFor(s => s.CommonMetadata!).SetValidator(new CommonMetadataValidator()).OverridePropertyName("commonMetadata").When(s => s.CommonMetadata is not null);
        RuleFor(s => s.Cluster!).SetValidator(new ClusterValidator()).OverridePropertyName("cluster").When(s => s.Cluster is not null);
        RuleFor(s => s.Sharding!).SetValidator(spec => new ShardingValidator(spec.ComponentsOrDefault)).OverridePropertyName("sharding").When(s => s.Sharding is not null);
        RuleFor(s => s.Storage!).SetValidator(new StorageValidator()).OverridePropertyName("storage").When(s => s.Storage is not null);
        RuleForEach(s => s.Kustomize!.Patches)
            .SetValidator(spec => new KustomizePatchValidator(spec.ShardsOrEmpty.Count > 0))
            .OverridePropertyName("kustomize.patches")
            .When(s => s.Kustomize?.Patches is not null);
        RuleFor(s => s.Sync!).SetValidator(new SyncValidator()).OverridePropertyName("sync").When(s => s.Sync is not null);

        RuleFor(s => s)
            .Must(s => !s.LacksStorageForPersistentShards)
            .WithMessage("{PropertyPath}: Invalid value: \"object\": " + FluxInstanceSpec.PersistentShardsNeedStorage + " (add spec.storage with class and size, or drop spec.sharding.storage)");
    }
}
