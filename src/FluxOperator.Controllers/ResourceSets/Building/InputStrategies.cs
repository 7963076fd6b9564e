using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.ResourceSets.Building;

/// <summary>Combines input sources into the list of input sets the templates are rendered with.</summary>
public static class InputStrategies
{
    /// <summary>Strategy names of <c>spec.inputStrategy.name</c>.</summary>
    public const string FlattenName = "Flatten";

    /// <inheritdoc cref="FlattenName"/>
    public const string PermuteName = "Permute";

    /// <summary>The largest Cartesian product <see cref="Permute"/> builds.</summary>
    public const int MaxPermutations = 10_000;

    /// <summary>Runs the named strategy (<c>null</c>/empty = Flatten).</summary>
    /// <exception cref="InputException">Unknown strategy, empty normalized name or too many permutations.</exception>
    public static IReadOnlyList<JsonObject> Combine(string? strategy, IReadOnlyList<InputSource> sources, bool includeEmptyProviders) =>
        throw new NotImplementedException();

    /// <summary>Concatenates every source's sets in order, each with its <c>provider</c> key.</summary>
    public static IReadOnlyList<JsonObject> Flatten(IReadOnlyList<InputSource> sources) => throw new NotImplementedException();

    /// <summary>The Cartesian product of the sources, each set scoped under its source's normalized name, with a computed <c>id</c>.</summary>
    public static IReadOnlyList<JsonObject> Permute(IReadOnlyList<InputSource> sources, bool includeEmptyProviders) =>
        throw new NotImplementedException();
}
