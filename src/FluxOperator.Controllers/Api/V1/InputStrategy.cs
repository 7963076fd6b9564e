using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>How a ResourceSet combines the input sets of its sources (<c>spec.inputStrategy</c>).</summary>
[SchemaRule("!has(self.includeEmptyProviders) || self.name == 'Permute'", "includeEmptyProviders only applies when name is Permute")]
public sealed class InputStrategy
{
    /// <summary><see cref="InputStrategyNames.Flatten"/> or <see cref="InputStrategyNames.Permute"/>.</summary>
    [JsonPropertyName("name")]
    [SchemaRequired]
    [SchemaEnum(typeof(InputStrategyNames))]
    [SchemaDescription("Name of the strategy: Flatten concatenates the input sets of all sources; Permute builds every combination (Cartesian product) of one input set per source.")]
    public string Name { get; set; } = InputStrategyNames.Flatten;

    /// <summary>With Permute: a source exporting nothing empties the whole product instead of being skipped.</summary>
    [JsonPropertyName("includeEmptyProviders")]
    [SchemaDescription("IncludeEmptyProviders applies to Permute only: when true a source without input sets makes the product empty; when false (default) such sources are skipped.")]
    public bool? IncludeEmptyProviders { get; set; }
}

/// <summary>The input strategy names.</summary>
public static class InputStrategyNames
{
    /// <summary>Concatenate the input sets of all sources.</summary>
    public const string Flatten = "Flatten";

    /// <summary>Every combination of one input set per source.</summary>
    public const string Permute = "Permute";

    /// <summary>Every strategy, in CRD enum order.</summary>
    public static IReadOnlyList<string> All { get; } = [Flatten, Permute];
}
