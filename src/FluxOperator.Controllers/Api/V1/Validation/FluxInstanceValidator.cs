using FluentValidation;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Checks a FluxInstance offline: every rule its CRD expresses, plus the semantic ones the API server cannot check.</summary>
/// <remarks>
/// CRD rules use the API server's wording (<see cref="ApiServerMessages"/>); semantic rules name the field
/// path, repeat the build's message where the rendering spec gives one, and say how to fix it. The
/// transition rule on <c>spec.sync.name</c> (immutable) needs the stored object and is left to the API server.
/// </remarks>
public sealed class FluxInstanceValidator : AbstractValidator<FluxInstance>
{
    /// <summary>Creates the validator.</summary>
    /// <param name="constraintError">
    /// Returns the parse error of a version constraint, or null when it parses; null skips the check.
    /// TODO(coordinator): wire <c>v =&gt; VersionConstraint.TryParse(v, out _, out var e) ? null : e</c> from
    /// <c>FluxOperator.Controllers.Versioning</c> where the validator is created (the validate command).
    /// </param>
    public FluxInstanceValidator(Func<string, string?>? constraintError = null)
    {
        RuleFor(x => x)
            .Must(x => x.Metadata.Name == ApiGroup.DefaultName)
            .WithMessage(ApiServerMessages.RuleViolation(ApiServerMessages.RootPath, "the only accepted name for a FluxInstance is 'flux'"))
            .OverridePropertyName(ApiServerMessages.RootPath);

        RuleFor(x => x.Spec).SetValidator(new FluxInstanceSpecValidator(constraintError)).OverridePropertyName("spec");
    }
}
