using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>One named step of a ResourceSet (<c>spec.steps[]</c>).</summary>
[SchemaDescription("ResourceSetStep is a named group of objects applied and health-checked before the next step starts.")]
[SchemaRule("has(self.resources) || has(self.resourcesTemplate)", "at least one of resources or resourcesTemplate must be set")]
public sealed class ResourceSetStep
{
    /// <summary>The step name, unique in the set.</summary>
    [JsonPropertyName("name")]
    [SchemaRequired]
    [SchemaMaxLength(63)]
    [SchemaPattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    [SchemaDescription("Name of the step, unique within the ResourceSet.")]
    public string Name { get; set; } = "";

    /// <summary>Templated objects of the step.</summary>
    [JsonPropertyName("resources")]
    [SchemaDescription("Resources lists the templated Kubernetes objects of the step.")]
    public List<JsonObject>? Resources { get; set; }

    /// <summary>Multi-document YAML template of the step.</summary>
    [JsonPropertyName("resourcesTemplate")]
    [SchemaDescription("ResourcesTemplate is a multi-document YAML template of the step's objects.")]
    public string? ResourcesTemplate { get; set; }

    /// <summary>Health-check budget of the step (Go duration); absent means the set's reconcile timeout.</summary>
    [JsonPropertyName("timeout")]
    [SchemaPattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")]
    [SchemaDescription("Timeout is how long the step's objects may take to become ready. Defaults to the ResourceSet's reconcile timeout.")]
    public string? Timeout { get; set; }
}
