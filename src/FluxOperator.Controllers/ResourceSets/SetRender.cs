using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Templating;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// The build half of a pass, shared by the reconciler and <c>flux-operator build resourceset</c>: spec checks the
/// API server may not have made, then the templates rendered per input set, step by step. Failures are bad input
/// (<see cref="SetRenderException"/>, with the message the Ready condition carries).
/// </summary>
public static class SetRender
{
    /// <summary>Checks the spec's structure (steps versus resources, each step has something to render).</summary>
    public static void Validate(ResourceSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        string? invalid;
        try
        {
            invalid = ResourceSetBuild.Validate(set.Spec.ResourcesTemplate, set.Spec.Resources ?? [], Steps(set.Spec));
        }
        catch (ResourceSetBuildException e)
        {
            invalid = e.Message;
        }

        if (invalid is not null)
        {
            throw new SetRenderException($"build failed: {invalid}");
        }
    }

    /// <summary>
    /// The objects of every step (one anonymous step without <c>spec.steps</c>). A set fed by providers that export
    /// nothing renders nothing, so everything it applied before is garbage-collected.
    /// </summary>
    public static IReadOnlyList<BuiltStep> Render(ResourceSet set, IReadOnlyList<JsonObject> inputs, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(inputs);
        var spec = set.Spec;
        if (spec.InputsFrom is { Count: > 0 } && inputs.Count == 0)
        {
            return [new BuiltStep("", [])];
        }

        var steps = Steps(spec);
        try
        {
            return steps.Count > 0
                ? ResourceSetBuild.BuildSteps(steps, inputs, TemplateLimits.Current, cancellationToken, time)
                : [new BuiltStep("", ResourceSetBuild.Build(spec.ResourcesTemplate, spec.Resources ?? [], inputs, TemplateLimits.Current, cancellationToken, time))];
        }
        catch (Exception e) when (e is ResourceSetBuildException or TemplateException or InputException)
        {
            throw new SetRenderException($"build failed: {e.Message}");
        }
    }

    /// <summary>The build input of each <c>spec.steps</c> entry.</summary>
    public static IReadOnlyList<Building.ResourceSetStep> Steps(ResourceSetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return (spec.Steps ?? []).Select(s => new Building.ResourceSetStep(s.Name, s.ResourcesTemplate, s.Resources ?? [])).ToArray();
    }
}

/// <summary>The spec, inputs or templates of a set cannot be rendered; the message is what the pass reports.</summary>
public sealed class SetRenderException(string message) : Exception(message);
