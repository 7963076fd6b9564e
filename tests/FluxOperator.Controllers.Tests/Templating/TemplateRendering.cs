using System.Text.Json.Nodes;
using FluxOperator.Controllers.Templating;

namespace FluxOperator.Controllers.Tests.Templating;

/// <summary>Small builder for engine tests: parse and run a template against inputs written as JSON.</summary>
internal static class TemplateRendering
{
    public static string Render(string template, string inputsJson = "{}", TemplateLimits? limits = null, TimeProvider? time = null)
    {
        var effective = limits ?? TemplateLimits.Default;
        return GoTemplate.Parse("resourceset", template, effective)
            .Execute(JsonNode.Parse(inputsJson)!.AsObject(), effective, CancellationToken.None, time);
    }

    public static string ExecutionError(string template, string inputsJson = "{}") =>
        Assert.Throws<TemplateExecutionException>(() => Render(template, inputsJson)).Message;

    public static string ParseError(string template) =>
        Assert.Throws<TemplateParseException>(() => GoTemplate.Parse("resourceset", template, TemplateLimits.Default)).Message;
}
