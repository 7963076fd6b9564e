using System.Text.Json.Nodes;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Templating;

namespace FluxOperator.Controllers.Tests.ResourceSets.Building;

/// <summary>Builders for build tests: resources and inputs written as YAML, as users write them.</summary>
internal static class BuildFixtures
{
    public static List<JsonObject> Objects(string yaml) => YamlDocuments.Parse(yaml).Single() switch
    {
        JsonArray array => array.Select(n => n!.AsObject()).ToList(),
        JsonObject obj => [obj],
        _ => throw new ArgumentException("expected a list or an object", nameof(yaml)),
    };

    public static IReadOnlyList<JsonObject> Build(string? template, string resourcesYaml = "[]", string inputsYaml = "[]") =>
        ResourceSetBuild.Build(template, Objects(resourcesYaml), Objects(inputsYaml), TemplateLimits.Default, CancellationToken.None);

    public static string BuildError(string? template, string resourcesYaml = "[]", string inputsYaml = "[]") =>
        Assert.Throws<ResourceSetBuildException>(() => Build(template, resourcesYaml, inputsYaml)).Message;

    public static string Id(JsonObject obj) =>
        $"{obj["kind"]} {(obj["metadata"]!["namespace"] is { } ns ? ns + "/" : string.Empty)}{obj["metadata"]!["name"]}";

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON text at a ':'-separated path (keys may contain dots), or "missing".</summary>
    public static string Path(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var key in path.Split(':'))
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(key, out current))
            {
                return "missing";
            }
        }

        return current?.ToJsonString(Relaxed) ?? "null";
    }
}
