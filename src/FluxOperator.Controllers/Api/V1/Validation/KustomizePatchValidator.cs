using FluentValidation;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Rules of one <c>spec.kustomize.patches[]</c> entry: the patch parses, JSON6902 operations are known and targeted, selectors are valid, by the same parsers the build uses.</summary>
public sealed class KustomizePatchValidator : AbstractValidator<KustomizePatch>
{
    /// <summary>Creates the validator; <paramref name="sharded"/> tells whether the instance has shards (target-less patches become ambiguous).</summary>
    public KustomizePatchValidator(bool sharded)
    {
        RuleFor(p => p.Patch).Required().OverridePropertyName("patch");

        RuleFor(p => p).Custom((patch, context) =>
        {
            foreach (var (suffix, message) in PatchTextCheck.Problems(patch, sharded))
            {
                context.AddProblem(suffix, message);
            }

            if (patch.Target is not { } target)
            {
                return;
            }

            foreach (var (field, pattern) in new[]
            {
                ("group", target.Group), ("version", target.Version), ("kind", target.Kind), ("name", target.Name), ("namespace", target.Namespace),
            })
            {
                if (!string.IsNullOrEmpty(pattern) && !GoRegex.TryCompileAnchored(pattern, out _, out var error))
                {
                    context.AddProblem($".target.{field}", $"'{pattern}' is not a valid regular expression: {error}");
                }
            }

            foreach (var (field, selector) in new[] { ("labelSelector", target.LabelSelector), ("annotationSelector", target.AnnotationSelector) })
            {
                if (!string.IsNullOrEmpty(selector) && !LabelSelector.TryParse(selector, out _, out var error))
                {
                    context.AddProblem($".target.{field}", $"'{selector}' is not a valid selector: {error}");
                }
            }
        });
    }
}
