using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>A ResourceSetInputProvider reference by name or label selector, in the ResourceSet's namespace (<c>spec.inputsFrom[]</c>).</summary>
[SchemaDescription("InputProviderReference selects ResourceSetInputProviders in the ResourceSet's namespace, by name or by label selector.")]
[SchemaRule("has(self.name) || has(self.selector)", "at least one of name or selector must be set for input provider references")]
[SchemaRule("!has(self.name) || !has(self.selector)", "cannot set both name and selector for input provider references")]
public sealed class InputProviderReference
{
    /// <summary>Informational; the reconciler does not read it.</summary>
    [JsonPropertyName("apiVersion")]
    [SchemaEnum(typeof(InputProviderApiVersions))]
    [SchemaDescription("APIVersion of the provider. Defaults to the ResourceSet's API version.")]
    public string? ApiVersion { get; set; }

    /// <summary>Informational; the reconciler does not read it.</summary>
    [JsonPropertyName("kind")]
    [SchemaEnum(typeof(InputProviderKinds))]
    [SchemaDescription("Kind of the provider.")]
    public string? Kind { get; set; }

    /// <summary>The provider name; exclusive with <see cref="Selector"/>.</summary>
    [JsonPropertyName("name")]
    [SchemaDescription("Name of the provider. Cannot be set together with Selector.")]
    public string? Name { get; set; }

    /// <summary>Selects providers by labels; an empty selector selects all of the namespace.</summary>
    [JsonPropertyName("selector")]
    [SchemaDescription("Selector selects providers by their labels, as an alternative to Name. An empty selector selects every provider of the namespace.")]
    public ProviderSelector? Selector { get; set; }
}

/// <summary>The accepted <c>inputsFrom[].apiVersion</c> values.</summary>
public static class InputProviderApiVersions
{
    /// <summary>Every accepted value.</summary>
    public static IReadOnlyList<string> All { get; } = [ApiGroup.GroupVersion];
}

/// <summary>The accepted <c>inputsFrom[].kind</c> values.</summary>
public static class InputProviderKinds
{
    /// <summary>Every accepted value.</summary>
    public static IReadOnlyList<string> All { get; } = [ResourceSetInputProvider.KubeKind];
}
