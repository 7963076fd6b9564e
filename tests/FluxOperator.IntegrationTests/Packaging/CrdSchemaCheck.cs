using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>Checks an object against a CRD's structural OpenAPI v3 schema: types, required fields, enums, patterns, unknown fields.</summary>
/// <remarks>What the API server would prune or reject; CEL rules are not evaluated.</remarks>
public static class CrdSchemaCheck
{
    /// <summary>Every problem of <paramref name="value"/> under <paramref name="schema"/>, with JSON paths.</summary>
    public static IReadOnlyList<string> Violations(JsonNode? value, JsonObject schema, string path = "")
    {
        var problems = new List<string>();
        Check(value, schema, path, problems);
        return problems;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> problems)
    {
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                problems.Add($"{path}: null is not allowed");
            }

            return;
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            return;
        }

        var type = schema["type"]?.GetValue<string>();
        var kind = value.GetValueKind();
        var typeOk = type switch
        {
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => kind == JsonValueKind.Number && value.GetValue<double>() % 1 == 0,
            "number" => kind == JsonValueKind.Number,
            _ => true,
        };
        if (!typeOk)
        {
            problems.Add($"{path}: expected {type}, found {kind}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        if (kind == JsonValueKind.String && schema["pattern"]?.GetValue<string>() is { } pattern
            && !Regex.IsMatch(value.GetValue<string>(), pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            problems.Add($"{path}: \"{value.GetValue<string>()}\" does not match {pattern}");
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, problems);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], items, $"{path}[{i}]", problems);
                }

                break;
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> problems)
    {
        foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            if (!obj.ContainsKey(required))
            {
                problems.Add($"{path}.{required}: required");
            }
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var (key, child) in obj)
        {
            if (path.Length == 0 && key is "apiVersion" or "kind" or "metadata")
            {
                continue; // the API server validates these as ObjectMeta, not through the schema
            }

            if (properties?[key] is JsonObject childSchema)
            {
                Check(child, childSchema, $"{path}.{key}", problems);
            }
            else if (additional is not null)
            {
                Check(child, additional, $"{path}.{key}", problems);
            }
            else if (!preserve)
            {
                problems.Add($"{path}.{key}: unknown field");
            }
        }
    }
}
