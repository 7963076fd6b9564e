using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Templating;

/// <summary>A parsed Go <c>text/template</c> with <c>&lt;&lt;</c>/<c>&gt;&gt;</c> delimiters, <c>missingkey=error</c>,
/// the slim-sprig hermetic functions and the ResourceSet functions (<c>inputs</c>, <c>slugify</c>, <c>toYaml</c>,
/// <c>mustToYaml</c>). Immutable once parsed, so one parse serves every input set.</summary>
public sealed class GoTemplate
{
    private readonly Dictionary<string, ListNode> templates;
    private readonly string text;

    private GoTemplate(string name, string text, Dictionary<string, ListNode> templates)
    {
        Name = name;
        this.text = text;
        this.templates = templates;
    }

    /// <summary>The template name used in messages (<c>resourceset</c>).</summary>
    public string Name { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="TemplateParseException">Go's parse error, e.g. <c>template: resourceset:1: function "x" not defined</c>.</exception>
    /// <exception cref="TemplateLimitException">The text is too long or nests too deeply.</exception>
    public static GoTemplate Parse(string name, string text, TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        if (text.Length > limits.MaxTemplateLength)
        {
            throw new TemplateLimitException($"template text exceeds {limits.MaxTemplateLength} characters");
        }

        return new GoTemplate(name, text, TemplateParser.Parse(name, text, TemplateFunctions.Exists, limits.MaxNestingDepth));
    }

    /// <summary>Executes with <paramref name="inputs"/> as the value of <c>inputs</c> (empty map when null); dot is nil.</summary>
    /// <exception cref="TemplateExecutionException">Go's execution error.</exception>
    /// <exception cref="TemplateLimitException">A limit was crossed.</exception>
    public string Execute(JsonObject? inputs, TemplateLimits limits, CancellationToken cancellationToken, TimeProvider? time = null) =>
        Execute(inputs is null ? GoValues.NewMap() : GoValues.FromJson(inputs), limits, cancellationToken, time);

    /// <summary>Executes with inputs already in the engine's value model (one conversion per input set).</summary>
    internal string Execute(object? inputs, TemplateLimits limits, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var executor = new Executor(templates, Name, text, inputs, limits, time ?? TimeProvider.System, cancellationToken);
        return executor.Run();
    }
}
