namespace FluxOperator.Controllers.Templating;

/// <summary>A template that failed to parse or execute; the message is Go's <c>text/template</c> wording
/// (<c>template: resourceset:12:19: executing "resourceset" at &lt;inputs&gt;: map has no entry for key "semver"</c>).</summary>
public class TemplateException : Exception
{
    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The template text is not valid (<c>template: resourceset:1: function "x" not defined</c>).</summary>
public sealed class TemplateParseException(string message) : TemplateException(message);

/// <summary>Execution failed (missing key, function error, wrong argument type, or a limit).</summary>
public sealed class TemplateExecutionException(string message) : TemplateException(message);

/// <summary>A render crossed one of the <see cref="TemplateLimits"/>; the message names the limit.</summary>
public sealed class TemplateLimitException(string message) : TemplateException(message);
