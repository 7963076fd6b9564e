using FluxOperator.Controllers.Primitives;
using FluentValidation;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Rules of <c>spec.cluster</c>, including workload-identity coherence.</summary>
public sealed class ClusterValidator : AbstractValidator<Cluster>
{
    /// <summary>Creates the validator.</summary>
    public ClusterValidator()
    {
        RuleFor(c => c.Type).OneOf(ClusterTypes.All).OverridePropertyName("type");
        RuleFor(c => c.Size).OneOf(ClusterSizes.All).OverridePropertyName("size");

        RuleFor(c => c)
            .Must(c => c.IsObjectLevelWorkloadIdentity || !c.IsMultitenantWorkloadIdentity)
            .WithMessage("{PropertyPath}: Invalid value: \"object\": .objectLevelWorkloadIdentity must be set to true when .multitenantWorkloadIdentity is set to true (set spec.cluster.objectLevelWorkloadIdentity: true)");

        RuleFor(c => c.Domain).Configure(c => c.PropertyName = "domain").Custom((domain, context) =>
        {
            if (!string.IsNullOrEmpty(domain) && !KubernetesNames.IsDns1123Subdomain(domain))
            {
                context.AddProblem("", $"'{domain}' is not a DNS domain (lower-case labels separated by dots, no trailing dot, e.g. cluster.local)");
            }
        });

        RuleFor(c => c).Custom((cluster, context) =>
        {
            // The two service-account defaults only feed the workload-identity lockdown.
            if (!cluster.IsMultitenantWorkloadIdentity)
            {
                if (!string.IsNullOrEmpty(cluster.TenantDefaultDecryptionServiceAccount))
                {
                    context.AddProblem(".tenantDefaultDecryptionServiceAccount", "has no effect without spec.cluster.multitenantWorkloadIdentity: true", warning: true);
                }

                if (!string.IsNullOrEmpty(cluster.TenantDefaultKubeConfigServiceAccount))
                {
                    context.AddProblem(".tenantDefaultKubeConfigServiceAccount", "has no effect without spec.cluster.multitenantWorkloadIdentity: true", warning: true);
                }
            }

            if (!cluster.IsMultitenant && !cluster.IsMultitenantWorkloadIdentity && !string.IsNullOrEmpty(cluster.TenantDefaultServiceAccount))
            {
                context.AddProblem(".tenantDefaultServiceAccount", "has no effect without spec.cluster.multitenant or multitenantWorkloadIdentity", warning: true);
            }

            foreach (var (suffix, name) in new[]
            {
                (".tenantDefaultServiceAccount", cluster.TenantDefaultServiceAccount),
                (".tenantDefaultDecryptionServiceAccount", cluster.TenantDefaultDecryptionServiceAccount),
                (".tenantDefaultKubeConfigServiceAccount", cluster.TenantDefaultKubeConfigServiceAccount),
            })
            {
                if (!string.IsNullOrEmpty(name) && !KubernetesNames.IsDns1123Subdomain(name))
                {
                    context.AddProblem(suffix, $"'{name}' is not a valid ServiceAccount name (lower-case alphanumerics, '-' and '.')");
                }
            }
        });
    }
}
