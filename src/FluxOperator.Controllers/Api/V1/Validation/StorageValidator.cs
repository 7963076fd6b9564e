using FluxOperator.Controllers.Primitives;
using FluentValidation;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Rules of <c>spec.storage</c> (the source-controller PVC).</summary>
public sealed class StorageValidator : AbstractValidator<Storage>
{
    /// <summary>Creates the validator.</summary>
    public StorageValidator()
    {
        RuleFor(s => s.Class).Required().OverridePropertyName("class");
        RuleFor(s => s.Size).Required().OverridePropertyName("size");
        RuleFor(s => s.Size).Configure(c => c.PropertyName = "size").Custom((size, context) =>
        {
            if (!string.IsNullOrEmpty(size) && !KubernetesNames.IsQuantity(size))
            {
                context.AddProblem("", $"'{size}' is not a Kubernetes quantity (use e.g. 10Gi or 500Mi)");
            }
        });
        RuleFor(s => s.Class).Configure(c => c.PropertyName = "class").Custom((storageClass, context) =>
        {
            if (!string.IsNullOrEmpty(storageClass) && !KubernetesNames.IsDns1123Subdomain(storageClass))
            {
                context.AddProblem("", $"'{storageClass}' is not a valid StorageClass name (lower-case alphanumerics, '-' and '.')");
            }
        });
    }
}
