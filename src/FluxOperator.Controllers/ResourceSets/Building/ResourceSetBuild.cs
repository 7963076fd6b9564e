using System.Text.Json.Nodes;
using FluxOperator.Controllers.Templating;

namespace FluxOperator.Controllers.ResourceSets.Building;

/// <summary>One step of <c>spec.steps</c>, as plain values.</summary>
public sealed record ResourceSetStep(string Name, string? ResourcesTemplate, IReadOnlyList<JsonObject> Resources);

/// <summary>The objects one step rendered (possibly none; the step still counts).</summary>
public sealed record BuiltStep(string Name, IReadOnlyList<JsonObject> Objects);

/// <summary>A template, YAML or duplicate error while building; the message is the upstream wording
/// (<c>failed to build resources[0]: failed to execute template: template: resourceset:…</c>).</summary>
public sealed class ResourceSetBuildException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Renders a ResourceSet's templates over its input sets into Kubernetes objects (pure: no I/O).</summary>
/// <remarks>
/// With an empty <c>inputs</c> list every template is rendered once with empty inputs ("no-inputs mode"). A caller
/// whose <c>inputsFrom</c> is non-empty but returned no inputs must not call this: it applies an empty set instead.
/// </remarks>
public static class ResourceSetBuild
{
    /// <summary>Annotation that excludes a rendered object when its value is exactly <c>disabled</c>.</summary>
    public const string ReconcileAnnotation = "fluxcd.controlplane.io/reconcile";

    /// <summary>The template name in error messages.</summary>
    public const string TemplateName = "resourceset";

    /// <summary>Builds <c>resources</c> then <c>resourcesTemplate</c>, deduplicating by group/kind/namespace/name (the
    /// version is not part of the key; the first occurrence wins).</summary>
    /// <exception cref="ResourceSetBuildException">Any template, limit or YAML error.</exception>
    public static IReadOnlyList<JsonObject> Build(
        string? resourcesTemplate, IReadOnlyList<JsonObject> resources, IReadOnlyList<JsonObject> inputs,
        TemplateLimits limits, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(limits);
        var values = inputs.Select(i => GoValues.FromJson(i)).ToList();
        return new Run(limits, cancellationToken, time ?? TimeProvider.System).Build(resourcesTemplate, resources, values);
    }

    /// <summary>Builds every step with the same inputs; an object key repeated in a later step is an error.</summary>
    /// <exception cref="ResourceSetBuildException">Errors are prefixed <c>step "&lt;name&gt;": </c>.</exception>
    public static IReadOnlyList<BuiltStep> BuildSteps(
        IReadOnlyList<ResourceSetStep> steps, IReadOnlyList<JsonObject> inputs,
        TemplateLimits limits, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(limits);
        var values = inputs.Select(i => GoValues.FromJson(i)).ToList();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<BuiltStep>(steps.Count);
        foreach (var step in steps)
        {
            IReadOnlyList<JsonObject> objects;
            try
            {
                objects = new Run(limits, cancellationToken, time ?? TimeProvider.System).Build(step.ResourcesTemplate, step.Resources, values);
            }
            catch (ResourceSetBuildException e)
            {
                throw new ResourceSetBuildException($"step \"{step.Name}\": {e.Message}", e.InnerException);
            }

            var keysOfStep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var obj in objects)
            {
                var key = Key(obj);
                if (owners.TryGetValue(key, out var earlier))
                {
                    throw new ResourceSetBuildException(
                        $"duplicate resource {Describe(obj)} in step \"{step.Name}\", already defined in step \"{earlier}\"");
                }

                keysOfStep.Add(key);
            }

            foreach (var key in keysOfStep)
            {
                owners[key] = step.Name;
            }

            result.Add(new BuiltStep(step.Name, objects));
        }

        return result;
    }

    /// <summary>The offline mirror of the CRD's rules on resources/steps; <c>null</c> when valid.</summary>
    public static string? Validate(string? resourcesTemplate, IReadOnlyList<JsonObject> resources, IReadOnlyList<ResourceSetStep> steps)
    {
        if (steps.Count > 0 && (resources.Count > 0 || !string.IsNullOrEmpty(resourcesTemplate)))
        {
            return "spec.steps is mutually exclusive with spec.resources and spec.resourcesTemplate";
        }

        foreach (var step in steps)
        {
            if (step.Resources.Count == 0 && string.IsNullOrEmpty(step.ResourcesTemplate))
            {
                return $"step \"{step.Name}\": at least one of resources or resourcesTemplate must be set";
            }
        }

        return null;
    }

    /// <summary>The dedup key: group, kind, namespace and name (not the version).</summary>
    internal static string Key(JsonObject obj)
    {
        var apiVersion = Text(obj["apiVersion"]);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var metadata = obj["metadata"] as JsonObject;
        return $"{group}/{Text(obj["kind"])}/{Text(metadata?["namespace"])}/{Text(metadata?["name"])}";
    }

    private static string Describe(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var ns = Text(metadata?["namespace"]);
        var name = Text(metadata?["name"]);
        return ns.Length == 0 ? $"{Text(obj["kind"])}/{name}" : $"{Text(obj["kind"])}/{ns}/{name}";
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : string.Empty;

    private static bool IsDisabled(JsonObject obj) =>
        obj["metadata"] is JsonObject m && m["annotations"] is JsonObject a && Text(a[ReconcileAnnotation]) == "disabled";

    /// <summary>One build: the objects in order and the keys seen so far.</summary>
    private sealed class Run(TemplateLimits limits, CancellationToken cancellationToken, TimeProvider time)
    {
        private readonly List<JsonObject> objects = [];
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public List<JsonObject> Build(string? resourcesTemplate, IReadOnlyList<JsonObject> resources, List<object?> inputs)
        {
            for (var i = 0; i < resources.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var prefix = inputs.Count == 0 ? "failed to build resource" : $"failed to build resources[{i}]";
                GoTemplate template;
                try
                {
                    template = ParseItem(resources[i]);
                }
                catch (StageException e)
                {
                    throw new ResourceSetBuildException($"{prefix}: {e.Message}", e.InnerException);
                }

                if (inputs.Count == 0)
                {
                    // No-inputs mode: items are neither deduplicated nor filtered.
                    objects.Add(RenderItem(template, GoValues.NewMap(), prefix));
                    continue;
                }

                foreach (var input in inputs)
                {
                    var obj = RenderItem(template, input, prefix);
                    if (!IsDisabled(obj))
                    {
                        Add(obj);
                    }
                }
            }

            if (!string.IsNullOrEmpty(resourcesTemplate))
            {
                var prefix = inputs.Count == 0 ? "failed to build resource" : "failed to build resources";
                GoTemplate template;
                try
                {
                    template = GoTemplate.Parse(TemplateName, resourcesTemplate, limits);
                }
                catch (TemplateException e)
                {
                    throw new ResourceSetBuildException($"{prefix}: failed to parse multi-doc YAML template: {e.Message}", e);
                }

                var rendered = new List<JsonObject>();
                foreach (var input in inputs.Count == 0 ? [GoValues.NewMap()] : inputs)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string text;
                    try
                    {
                        text = template.Execute(input, limits, cancellationToken, time);
                    }
                    catch (TemplateException e)
                    {
                        throw new ResourceSetBuildException($"{prefix}: failed to execute multi-doc YAML template: {e.Message}", e);
                    }

                    try
                    {
                        rendered.AddRange(RenderedYaml.ReadObjects(text));
                    }
                    catch (RenderedYamlException e)
                    {
                        throw new ResourceSetBuildException($"{prefix}: failed to read objects from multi-doc YAML: {e.Message}", e);
                    }
                }

                foreach (var obj in rendered)
                {
                    if (!IsDisabled(obj))
                    {
                        Add(obj);
                    }
                }
            }

            return objects;
        }

        private void Add(JsonObject obj)
        {
            if (seen.Add(Key(obj)))
            {
                objects.Add(obj);
            }
        }

        private GoTemplate ParseItem(JsonObject item)
        {
            string yaml;
            try
            {
                yaml = GoYaml.Marshal(GoValues.FromJson(item));
            }
            catch (FunctionException e)
            {
                throw new StageException($"failed to convert template to YAML: {e.Message}", e);
            }

            try
            {
                return GoTemplate.Parse(TemplateName, yaml, limits);
            }
            catch (TemplateException e)
            {
                throw new StageException($"failed to parse template: {e.Message}", e);
            }
        }

        private JsonObject RenderItem(GoTemplate template, object? input, string prefix)
        {
            string text;
            try
            {
                text = template.Execute(input, limits, cancellationToken, time);
            }
            catch (TemplateException e)
            {
                throw new ResourceSetBuildException($"{prefix}: failed to execute template: {e.Message}", e);
            }

            try
            {
                return RenderedYaml.ReadObject(text);
            }
            catch (RenderedYamlException e)
            {
                throw new ResourceSetBuildException($"{prefix}: failed to read object: {e.Message}", e);
            }
        }
    }

    private sealed class StageException(string message, Exception inner) : Exception(message, inner);
}
