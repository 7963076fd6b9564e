using FluxOperator.Controllers.Primitives;
using FluentValidation;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Rules of <c>spec.sharding</c>: the CRD's, plus unique DNS-1123 shard names that fit the labels the shards get.</summary>
public sealed class ShardingValidator : AbstractValidator<Sharding>
{
    /// <summary>Components that get a copy per shard (source-watcher only from Flux 2.9, counted anyway).</summary>
    private static readonly string[] Shardable =
    [
        FluxComponents.SourceController, FluxComponents.KustomizeController, FluxComponents.HelmController,
        FluxComponents.ImageReflectorController, FluxComponents.ImageAutomationController, FluxComponents.SourceWatcher,
    ];

    /// <summary>Creates the validator for the given (defaulted) component list.</summary>
    public ShardingValidator(IReadOnlyList<string> components)
    {
        RuleFor(s => s.Shards).Configure(c => c.PropertyName = "shards").Custom((shards, context) =>
        {
            if (shards.Count < 1)
            {
                context.AddMessage("", ApiServerMessages.TooFewItems(context.PropertyPath, shards.Count, 1));
                return;
            }

            var longest = components.Where(Shardable.Contains).DefaultIfEmpty("").MaxBy(c => c.Length)!;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < shards.Count; i++)
            {
                var shard = shards[i];
                if (!KubernetesNames.IsDns1123Label(shard))
                {
                    context.AddProblem($"[{i}]", $"'{shard}' is not a DNS-1123 label (lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63); shard names become object names");
                }
                else if (longest.Length > 0 && longest.Length + 1 + shard.Length > KubernetesNames.MaxLabelLength)
                {
                    context.AddProblem($"[{i}]", $"'{shard}' is too long: the shard label 'app: {longest}-{shard}' exceeds 63 characters (use at most {KubernetesNames.MaxLabelLength - longest.Length - 1} characters)");
                }

                if (!seen.Add(shard))
                {
                    context.AddProblem($"[{i}]", $"duplicate shard name '{shard}' (each shard needs its own name; the build fails with 'may not add resource with an already registered id')");
                }
            }
        });

        RuleFor(s => s.Storage).OneOf(ShardingStorageModes.All).OverridePropertyName("storage");

        RuleFor(s => s.Key).Configure(c => c.PropertyName = "key").Custom((key, context) =>
        {
            if (!string.IsNullOrEmpty(key) && !KubernetesNames.IsQualifiedName(key))
            {
                context.AddProblem("", $"'{key}' is not a valid label key (e.g. sharding.fluxcd.io/key)");
            }
        });
    }
}
