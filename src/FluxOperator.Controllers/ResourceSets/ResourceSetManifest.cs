using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Api.V1.Schema;
using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.ResourceSets.Building;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// Checks one unstructured ResourceSet document offline: the CRD's shape, its CEL rules and value rules in the API
/// server's words, and, for sets that need no providers, that the templates render.
/// </summary>
public static partial class ResourceSetManifest
{
    private static readonly Lazy<JsonObject> Schema = new(() =>
        CrdGenerator.Generate(typeof(ResourceSet))["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject());

    /// <summary>True when the document declares <c>fluxcd.controlplane.io/*</c> <c>ResourceSet</c> (any version).</summary>
    public static bool IsResourceSet(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document["kind"]?.ToString() == ResourceSet.KubeKind
            && document["apiVersion"]?.ToString().StartsWith(ApiGroup.Group + "/", StringComparison.Ordinal) == true;
    }

    /// <summary>Every problem of the document, structural ones first.</summary>
    public static IReadOnlyList<ValidationProblem> Check(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var apiVersion = document["apiVersion"]?.ToString();
        if (apiVersion != ApiGroup.GroupVersion)
        {
            return [new ValidationProblem("apiVersion", $"no matches for kind \"ResourceSet\" in version \"{apiVersion}\" (use apiVersion: {ApiGroup.GroupVersion})")];
        }

        var problems = StructuralCheck.Problems(document, Schema.Value).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        ResourceSet set;
        try
        {
            set = ApiYaml.FromNode<ResourceSet>(document);
        }
        catch (JsonException e)
        {
            return [new ValidationProblem(ApiServerMessages.RootPath, $"{ApiServerMessages.RootPath}: cannot be read as a ResourceSet: {e.Message}")];
        }

        problems.AddRange(Rules(set));
        if (problems.Count == 0 && set.Spec.InputsFrom is not { Count: > 0 })
        {
            try
            {
                SetRender.Render(set, ResourceSetInputs.Combine(set, []), TimeProvider.System, CancellationToken.None);
            }
            catch (Exception e) when (e is SetRenderException or InputException)
            {
                problems.Add(new ValidationProblem("spec", $"spec: {e.Message}"));
            }
        }

        return problems;
    }

    /// <summary>The CRD's CEL and value rules, as the API server would report them.</summary>
    private static IEnumerable<ValidationProblem> Rules(ResourceSet set)
    {
        var spec = set.Spec;
        var hasSteps = spec.Steps is not null;
        if (hasSteps && (spec.Resources is not null || spec.ResourcesTemplate is not null))
        {
            yield return Rule("spec", "steps is mutually exclusive with resources and resourcesTemplate");
        }

        if (!hasSteps && spec.Resources is null && spec.ResourcesTemplate is null)
        {
            yield return Rule("spec", "at least one of steps, resources or resourcesTemplate must be set");
        }

        if (spec.InputStrategy is { } strategy)
        {
            if (!InputStrategyNames.All.Contains(strategy.Name))
            {
                yield return new ValidationProblem("spec.inputStrategy.name", ApiServerMessages.Unsupported("spec.inputStrategy.name", strategy.Name, InputStrategyNames.All));
            }

            if (strategy.IncludeEmptyProviders is not null && strategy.Name != InputStrategyNames.Permute)
            {
                yield return Rule("spec.inputStrategy", "includeEmptyProviders only applies when name is Permute");
            }
        }

        for (var i = 0; i < (spec.InputsFrom?.Count ?? 0); i++)
        {
            var reference = spec.InputsFrom![i];
            var path = $"spec.inputsFrom[{i}]";
            if (reference.Name is null && reference.Selector is null)
            {
                yield return Rule(path, "at least one of name or selector must be set for input provider references");
            }

            if (reference.Name is not null && reference.Selector is not null)
            {
                yield return Rule(path, "cannot set both name and selector for input provider references");
            }
        }

        if (spec.Steps is { } steps)
        {
            if (steps.Count < 1)
            {
                yield return new ValidationProblem("spec.steps", ApiServerMessages.TooFewItems("spec.steps", steps.Count, 1));
            }

            if (steps.Count > 20)
            {
                yield return new ValidationProblem("spec.steps", $"spec.steps: Too many: {steps.Count}: must have at most 20 items");
            }

            if (steps.GroupBy(s => s.Name).Any(g => g.Count() > 1))
            {
                yield return Rule("spec.steps", "step names must be unique");
            }

            for (var i = 0; i < steps.Count; i++)
            {
                var path = $"spec.steps[{i}]";
                if (steps[i].Name.Length > 63)
                {
                    yield return new ValidationProblem($"{path}.name", ApiServerMessages.TooLong($"{path}.name", 63));
                }

                if (!StepName().IsMatch(steps[i].Name))
                {
                    yield return new ValidationProblem($"{path}.name", ApiServerMessages.PatternMismatch($"{path}.name", steps[i].Name, StepName().ToString()));
                }

                if (steps[i].Timeout is { } timeout && !Duration().IsMatch(timeout))
                {
                    yield return new ValidationProblem($"{path}.timeout", ApiServerMessages.PatternMismatch($"{path}.timeout", timeout, Duration().ToString()));
                }

                if (steps[i].Resources is null && steps[i].ResourcesTemplate is null)
                {
                    yield return Rule(path, "at least one of resources or resourcesTemplate must be set");
                }
            }
        }
    }

    private static ValidationProblem Rule(string path, string message) => new(path, ApiServerMessages.RuleViolation(path, message));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex StepName();

    [GeneratedRegex("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")]
    private static partial Regex Duration();
}
