using FluentValidation;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>The CRD's schema rules as FluentValidation rules, with the API server's messages.</summary>
internal static class RuleBuilderExtensions
{
    /// <summary>Present and non-empty (<c>+required</c>).</summary>
    public static IRuleBuilderOptions<T, string> Required<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("{PropertyPath}: Required value");

    /// <summary>One of the CRD enum values when set (empty means absent, as Go's omitempty writes it).</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values) =>
        rule.Must(v => string.IsNullOrEmpty(v) || values.Contains(v, StringComparer.Ordinal))
            .WithMessage((_, v) => ApiServerMessages.Unsupported("{PropertyPath}", v ?? "", values));

    /// <summary>Matches the CRD pattern when set.</summary>
    public static IRuleBuilderOptions<T, string?> MatchesPattern<T>(this IRuleBuilder<T, string?> rule, string pattern) =>
        rule.Must(v => string.IsNullOrEmpty(v) || System.Text.RegularExpressions.Regex.IsMatch(v, pattern))
            .WithMessage((_, v) => ApiServerMessages.PatternMismatch("{PropertyPath}", v ?? "", pattern));
}
