using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Templating;

/// <summary>A parsed Go <c>text/template</c> with <c>&lt;&lt;</c>/<c>&gt;&gt;</c> delimiters, <c>missingkey=error</c>,
/// the slim-sprig hermetic functions and the ResourceSet functions (<c>inputs</c>, <c>slugify</c>, <c>toYaml</c>,
/// <c>mustToYaml</c>).</summary>
public sealed class GoTemplate
{
    private GoTemplate()
    {
    }

    /// <summary>The template name used in messages (<c>resourceset</c>).</summary>
    public string Name { get; private init; } = "resourceset";

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="TemplateParseException">Go's parse error, e.g. <c>template: resourceset:1: function "x" not defined</c>.</exception>
    public static GoTemplate Parse(string name, string text, TemplateLimits limits) => throw new NotImplementedException();

    /// <summary>Executes with <paramref name="inputs"/> as the value of <c>inputs</c> (empty map when null); dot is nil.</summary>
    /// <exception cref="TemplateExecutionException">Go's execution error.</exception>
    /// <exception cref="TemplateLimitException">A limit was crossed.</exception>
    public string Execute(JsonObject? inputs, TemplateLimits limits, CancellationToken cancellationToken, TimeProvider? time = null) =>
        throw new NotImplementedException();
}
