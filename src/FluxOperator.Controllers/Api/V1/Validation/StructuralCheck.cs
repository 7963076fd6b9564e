using System.Text.Json;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Checks an unstructured object against a CRD's OpenAPI schema for what typed objects cannot show: JSON types, unknown fields, missing required fields.</summary>
/// <remarks>Null values count as absent, as the API server drops them. Value rules (enum, pattern, …) are left to the FluentValidation validators.</remarks>
public static class StructuralCheck
{
    /// <summary>Problems, in document order.</summary>
    public static IReadOnlyList<ValidationProblem> Problems(JsonNode document, JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<ValidationProblem>();
        Walk(document, schema, "", problems);
        return problems;
    }

    private static void Walk(JsonNode node, JsonObject schema, string path, List<ValidationProblem> problems)
    {
        var expected = schema["type"]?.GetValue<string>();
        var actual = TypeName(node);
        if (expected is not null && !Conforms(expected, actual))
        {
            var hint = expected == "string" && actual is "integer" or "number" or "boolean" ? " (quote the value in YAML)" : "";
            problems.Add(new ValidationProblem(path, ApiServerMessages.WrongType(Display(path), expected, actual) + hint));
            return;
        }

        switch (node)
        {
            case JsonObject obj when schema["properties"] is JsonObject properties:
                foreach (var (name, value) in obj)
                {
                    var child = Join(path, name);
                    if (properties[name] is not JsonObject childSchema)
                    {
                        problems.Add(new ValidationProblem(child, ApiServerMessages.UnknownField(child)));
                    }
                    else if (value is not null)
                    {
                        Walk(value, childSchema, child, problems);
                    }
                }

                foreach (var required in schema["required"]?.AsArray() ?? [])
                {
                    var name = required!.GetValue<string>();
                    if (obj[name] is null)
                    {
                        var child = Join(path, name);
                        problems.Add(new ValidationProblem(child, ApiServerMessages.Required(child)));
                    }
                }

                break;
            case JsonObject obj when schema["additionalProperties"] is JsonObject valueSchema:
                foreach (var (name, value) in obj)
                {
                    if (value is not null)
                    {
                        Walk(value, valueSchema, $"{path}[{name}]", problems);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject itemSchema:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Walk(item, itemSchema, $"{path}[{i}]", problems);
                    }
                }

                break;
        }
    }

    private static bool Conforms(string expected, string actual) =>
        expected == actual || (expected == "number" && actual == "integer");

    private static string TypeName(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegral(node) ? "integer" : "number",
            _ => "null",
        },
    };

    private static bool IsIntegral(JsonNode node) =>
        node.AsValue().TryGetValue(out long _) || node.AsValue().TryGetValue(out int _);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Display(string path) => path.Length == 0 ? ApiServerMessages.RootPath : path;
}
