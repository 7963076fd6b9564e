using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Commands.Cluster;

/// <summary><c>-o, --output</c>: a table for people, or the same rows as JSON or YAML for scripts.</summary>
internal static class OutputFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static Option<string> Create(string defaultValue, params string[] formats)
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>JSON indented two spaces, or YAML; both end with a newline.</summary>
    public static string Write(JsonNode node, string format) =>
        format == "json" ? node.ToJsonString(Indented) + "\n" : YamlDocuments.Write(node);
}
