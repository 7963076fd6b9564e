using FluxOperator.Controllers.Primitives;
using FluentValidation;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Rules of <c>spec.commonMetadata</c>: keys and values the API server accepts on every applied object.</summary>
public sealed class CommonMetadataValidator : AbstractValidator<CommonMetadata>
{
    /// <summary>Creates the validator.</summary>
    public CommonMetadataValidator()
    {
        RuleFor(m => m.Labels).Configure(c => c.PropertyName = "labels").Custom((labels, context) =>
        {
            foreach (var (key, value) in labels ?? [])
            {
                if (!KubernetesNames.IsQualifiedName(key))
                {
                    context.AddProblem($"[{key}]", "is not a valid label key (optional DNS prefix and '/', then at most 63 alphanumerics, '-', '_' or '.')");
                }

                if (!KubernetesNames.IsLabelValue(value))
                {
                    context.AddProblem($"[{key}]", $"'{value}' is not a valid label value (at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric)");
                }
            }
        });
        RuleFor(m => m.Annotations).Configure(c => c.PropertyName = "annotations").Custom((annotations, context) =>
        {
            foreach (var key in annotations?.Keys ?? Enumerable.Empty<string>())
            {
                if (!KubernetesNames.IsQualifiedName(key))
                {
                    context.AddProblem($"[{key}]", "is not a valid annotation key (optional DNS prefix and '/', then at most 63 alphanumerics, '-', '_' or '.')");
                }
            }
        });
    }
}
