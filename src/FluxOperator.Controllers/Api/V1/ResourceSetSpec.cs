using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>What a ResourceSet renders (templates and inputs), in which order (steps) and under whose identity.</summary>
[SchemaRule("!has(self.steps) || (!has(self.resources) && !has(self.resourcesTemplate))", "steps is mutually exclusive with resources and resourcesTemplate")]
[SchemaRule("has(self.steps) || has(self.resources) || has(self.resourcesTemplate)", "at least one of steps, resources or resourcesTemplate must be set")]
public sealed class ResourceSetSpec
{
    /// <summary>Labels and annotations put on every generated object.</summary>
    [JsonPropertyName("commonMetadata")]
    [SchemaDescription("CommonMetadata holds labels and annotations set on every generated object, overriding same-named keys.")]
    public CommonMetadata? CommonMetadata { get; set; }

    /// <summary>Objects that must exist (and optionally be ready) before anything is applied.</summary>
    [JsonPropertyName("dependsOn")]
    [SchemaDescription("DependsOn lists Kubernetes objects that must exist (and, with ready, be ready) before the set is reconciled.")]
    public List<ResourceSetDependency>? DependsOn { get; set; }

    /// <summary>How input sets of several sources are combined; absent means <c>Flatten</c>.</summary>
    [JsonPropertyName("inputStrategy")]
    [SchemaDescription("InputStrategy says how the input sets of the ResourceSet and its providers are combined. Defaults to Flatten.")]
    public InputStrategy? InputStrategy { get; set; }

    /// <summary>Inline input sets.</summary>
    [JsonPropertyName("inputs")]
    [SchemaDescription("Inputs lists inline input sets; each is a map of keys to any JSON value.")]
    public List<Dictionary<string, JsonNode?>>? Inputs { get; set; }

    /// <summary>ResourceSetInputProviders whose exported inputs are added.</summary>
    [JsonPropertyName("inputsFrom")]
    [SchemaDescription("InputsFrom references ResourceSetInputProviders in the same namespace whose exported inputs are combined with the inline ones.")]
    public List<InputProviderReference>? InputsFrom { get; set; }

    /// <summary>Templated objects, one object per item and input set.</summary>
    [JsonPropertyName("resources")]
    [SchemaDescription("Resources lists the templated Kubernetes objects to reconcile.")]
    public List<JsonObject>? Resources { get; set; }

    /// <summary>A multi-document YAML template.</summary>
    [JsonPropertyName("resourcesTemplate")]
    [SchemaDescription("ResourcesTemplate is a multi-document YAML template rendered once per input set. Objects from Resources take precedence over same-named ones rendered here.")]
    public string? ResourcesTemplate { get; set; }

    /// <summary>The service account impersonated for every write and read of generated objects.</summary>
    [JsonPropertyName("serviceAccountName")]
    [SchemaDescription("ServiceAccountName is the service account in the ResourceSet's namespace impersonated when applying, health-checking and deleting the generated objects.")]
    public string? ServiceAccountName { get; set; }

    /// <summary>Ordered steps, each applied and health-checked before the next.</summary>
    [JsonPropertyName("steps")]
    [SchemaMinItems(1)]
    [SchemaMaxItems(20)]
    [SchemaRule("self.all(s, self.exists_one(t, t.name == s.name))", "step names must be unique")]
    [SchemaDescription("Steps lists named groups of objects applied in order; each step is health-checked before the next starts. Mutually exclusive with Resources and ResourcesTemplate.")]
    public List<ResourceSetStep>? Steps { get; set; }

    /// <summary>Health-check the objects of the final step.</summary>
    [JsonPropertyName("wait")]
    [SchemaDescription("Wait makes the controller health-check the reconciled objects.")]
    public bool? Wait { get; set; }

    /// <summary><c>spec.wait</c>, false when absent.</summary>
    [JsonIgnore]
    public bool WaitOrDefault => Wait ?? false;
}
