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

    /// <summary>Builds <c>resources</c> then <c>resourcesTemplate</c>, deduplicating by group/kind/namespace/name.</summary>
    /// <exception cref="ResourceSetBuildException">Any template, limit or YAML error.</exception>
    public static IReadOnlyList<JsonObject> Build(
        string? resourcesTemplate, IReadOnlyList<JsonObject> resources, IReadOnlyList<JsonObject> inputs,
        TemplateLimits limits, CancellationToken cancellationToken, TimeProvider? time = null) =>
        throw new NotImplementedException();

    /// <summary>Builds every step with the same inputs; an object key repeated in a later step is an error.</summary>
    /// <exception cref="ResourceSetBuildException">Errors are prefixed <c>step "&lt;name&gt;": </c>.</exception>
    public static IReadOnlyList<BuiltStep> BuildSteps(
        IReadOnlyList<ResourceSetStep> steps, IReadOnlyList<JsonObject> inputs,
        TemplateLimits limits, CancellationToken cancellationToken, TimeProvider? time = null) =>
        throw new NotImplementedException();

    /// <summary>The offline mirror of the CRD's rules on resources/steps; <c>null</c> when valid.</summary>
    public static string? Validate(string? resourcesTemplate, IReadOnlyList<JsonObject> resources, IReadOnlyList<ResourceSetStep> steps) =>
        throw new NotImplementedException();
}
