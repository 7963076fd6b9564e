using FluxOperator.Controllers.Primitives;
using FluentValidation;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Rules of <c>spec.sync</c>: the CRD's, plus URL, name and provider coherence for the source kind.</summary>
public sealed class SyncValidator : AbstractValidator<Sync>
{
    /// <summary>Creates the validator.</summary>
    public SyncValidator()
    {
        RuleFor(s => s.Kind).Required().OverridePropertyName("kind");
        RuleFor(s => s.Kind!).OneOf(SyncKinds.All).OverridePropertyName("kind");
        RuleFor(s => s.Url).Required().OverridePropertyName("url");
        RuleFor(s => s.Ref).Required().OverridePropertyName("ref");
        RuleFor(s => s.Path).Required().OverridePropertyName("path");
        RuleFor(s => s.Provider).OneOf(SyncProviders.All).OverridePropertyName("provider");
        RuleFor(s => s.Interval).MatchesPattern(Sync.IntervalPattern).OverridePropertyName("interval");
        RuleFor(s => s.Name)
            .MaximumLength(63).WithMessage(_ => ApiServerMessages.TooLong("{PropertyPath}", 63))
            .OverridePropertyName("name");

        RuleFor(s => s)
            .Must(s => s.Provider != SyncProviders.Gcp || s.Kind is SyncKinds.OciRepository or SyncKinds.Bucket)
            .WithMessage("{PropertyPath}: Invalid value: \"object\": sync.provider 'gcp' is only supported for OCIRepository and Bucket");
        RuleFor(s => s)
            .Must(s => s.Provider != SyncProviders.GitHub || s.Kind == SyncKinds.GitRepository)
            .WithMessage("{PropertyPath}: Invalid value: \"object\": sync.provider 'github' is only supported for GitRepository");

        RuleFor(s => s).Custom((sync, context) =>
        {
            if (!string.IsNullOrEmpty(sync.Name) && sync.Name.Length <= 63 && !KubernetesNames.IsDns1123Label(sync.Name))
            {
                context.AddProblem(".name", $"'{sync.Name}' is not a DNS-1123 label (lower-case alphanumerics and '-'); it names the generated source and Kustomization");
            }

            if (!string.IsNullOrEmpty(sync.Url))
            {
                var url = sync.Url;
                switch (sync.Kind)
                {
                    case SyncKinds.OciRepository when !url.StartsWith("oci://", StringComparison.Ordinal):
                        context.AddProblem(".url", $"'{url}' is not an OCI repository URL (OCIRepository needs oci://<registry>/<repository>)");
                        break;
                    case SyncKinds.GitRepository when !(url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("ssh://", StringComparison.Ordinal)):
                        context.AddProblem(".url", $"'{url}' is not a Git URL GitRepository accepts (use https://, http:// or ssh://; write git@host:org/repo as ssh://git@host/org/repo)");
                        break;
                    case SyncKinds.Bucket when url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal):
                        context.AddProblem(".url", $"'{url}' is not a bucket endpoint (use a host name such as s3.amazonaws.com)");
                        break;
                }
            }

            if (sync.Provider == SyncProviders.GitHub && sync.Kind == SyncKinds.GitRepository && string.IsNullOrEmpty(sync.PullSecret))
            {
                context.AddProblem(".pullSecret", "provider 'github' authenticates as a GitHub App whose credentials come from a Secret (set spec.sync.pullSecret)");
            }

            if (!string.IsNullOrEmpty(sync.PullSecret) && !KubernetesNames.IsDns1123Subdomain(sync.PullSecret))
            {
                context.AddProblem(".pullSecret", $"'{sync.PullSecret}' is not a valid Secret name (lower-case alphanumerics, '-' and '.')");
            }
        });
    }
}
