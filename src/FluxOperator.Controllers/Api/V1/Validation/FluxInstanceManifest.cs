using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Checks one unstructured FluxInstance document completely: schema shape first, then every FluentValidation rule on what could be read.</summary>
public static class FluxInstanceManifest
{
    private static readonly Lazy<JsonObject> Schema = new(() =>
        CrdGenerator.Generate(typeof(FluxInstance))["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject());

    /// <summary>True when the document declares <c>fluxcd.controlplane.io/*</c> <c>FluxInstance</c> (any version).</summary>
    public static bool IsFluxInstance(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Text(document["kind"]) == FluxInstance.KubeKind
            && Text(document["apiVersion"])?.StartsWith(ApiGroup.Group + "/", StringComparison.Ordinal) == true;
    }

    /// <summary>Every problem of the document, structural ones first; warnings included (<see cref="ValidationProblem.IsWarning"/>).</summary>
    /// <param name="document">The parsed document.</param>
    public static IReadOnlyList<ValidationProblem> Check(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var apiVersion = Text(document["apiVersion"]);
        if (apiVersion != ApiGroup.GroupVersion)
        {
            return [new ValidationProblem("apiVersion", $"no matches for kind \"FluxInstance\" in version \"{apiVersion}\" (use apiVersion: {ApiGroup.GroupVersion})")];
        }

        var problems = StructuralCheck.Problems(document, Schema.Value).ToList();
        var broken = problems.Select(p => p.Path).ToArray();

        // Read what is well-formed: drop nulls (absent for the API server) and the fields that failed the shape check.
        var readable = document.DeepClone().AsObject();
        foreach (var path in broken)
        {
            Remove(readable, path);
        }

        DropNulls(readable);
        FluxInstance instance;
        try
        {
            instance = ApiYaml.FromNode<FluxInstance>(readable);
        }
        catch (JsonException e)
        {
            problems.Add(new ValidationProblem(ApiServerMessages.RootPath, $"{ApiServerMessages.RootPath}: cannot be read as a FluxInstance: {e.Message}"));
            return problems;
        }

        var result = new FluxInstanceValidator().Validate(instance);
        foreach (var failure in result.Errors)
        {
            if (broken.Any(b => failure.PropertyName == b || failure.PropertyName.StartsWith(b + ".", StringComparison.Ordinal) || failure.PropertyName.StartsWith(b + "[", StringComparison.Ordinal))
                || problems.Any(p => p.Message == failure.ErrorMessage))
            {
                continue; // already reported by the shape check
            }

            problems.Add(new ValidationProblem(failure.PropertyName, failure.ErrorMessage, failure.Severity != Severity.Error));
        }

        return problems;
    }

    /// <summary>
    /// The errors (warnings left out) of an instance as read from the API server: its name, namespace and spec are
    /// checked as a document, so a reconciler judges a spec exactly as <c>validate</c> judges the file.
    /// </summary>
    public static IReadOnlyList<string> Errors(FluxInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var copy = new FluxInstance { Metadata = new() { Name = instance.Metadata.Name, NamespaceProperty = instance.Metadata.NamespaceProperty }, Spec = instance.Spec };
        var document = JsonSerializer.SerializeToNode(copy, ApiJson.Options)!.AsObject();
        return Check(document).Where(p => !p.IsWarning).Select(p => p.Message).ToArray();
    }

    private static void Remove(JsonObject root, string path)
    {
        // Paths are dotted names with [index] or [key] suffixes; only object members need removing (list items stay, typed as far as possible).
        var segments = path.Split('.');
        JsonNode? node = root;
        for (var i = 0; i < segments.Length - 1 && node is not null; i++)
        {
            node = Step(node, segments[i]);
        }

        var last = segments[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            (node as JsonObject)?.Remove(last);
            return;
        }

        var container = Step(node!, last[..bracket]);
        var index = last[(bracket + 1)..^1];
        switch (container)
        {
            case JsonArray array when int.TryParse(index, out var i) && i < array.Count:
                array[i] = null; // keeps the other indices stable; DropNulls removes it
                break;
            case JsonObject map:
                map.Remove(index);
                break;
        }
    }

    private static JsonNode? Step(JsonNode node, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? segment : segment[..bracket];
        var current = name.Length == 0 ? node : (node as JsonObject)?[name];
        while (bracket >= 0 && current is not null)
        {
            var end = segment.IndexOf(']', bracket);
            var key = segment[(bracket + 1)..end];
            current = current is JsonArray array && int.TryParse(key, out var i) && i < array.Count ? array[i] : (current as JsonObject)?[key];
            bracket = segment.IndexOf('[', end);
        }

        return current;
    }

    private static void DropNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    DropNulls(value);
                }

                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is null)
                    {
                        array.RemoveAt(i);
                    }
                    else
                    {
                        DropNulls(array[i]);
                    }
                }

                break;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
