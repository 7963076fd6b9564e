using FluentValidation;
using FluentValidation.Results;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Adds failures whose path extends the current rule's path (FluentValidation only prefixes the parent's).</summary>
internal static class ValidationContextExtensions
{
    /// <summary>Adds <c>&lt;path&gt;&lt;suffix&gt;: &lt;message&gt;</c> at <c>&lt;path&gt;&lt;suffix&gt;</c>.</summary>
    public static void AddProblem<T>(this ValidationContext<T> context, string suffix, string message, bool warning = false)
    {
        var path = context.PropertyPath + suffix;
        context.AddFailure(new ValidationFailure(path, $"{path}: {message}")
        {
            Severity = warning ? Severity.Warning : Severity.Error,
        });
    }

    /// <summary>Adds a failure whose message is already complete (e.g. an API server message naming the path).</summary>
    public static void AddMessage<T>(this ValidationContext<T> context, string suffix, string message)
    {
        context.AddFailure(new ValidationFailure(context.PropertyPath + suffix, message));
    }
}
