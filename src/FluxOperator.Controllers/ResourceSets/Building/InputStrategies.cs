using System.Text;
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

    /// <summary>Runs the named strategy (<c>null</c>/empty = Flatten). Sources are the ResourceSet first, then the
    /// providers in the caller's (sorted) order.</summary>
    /// <exception cref="InputException">Unknown strategy, empty normalized name or too many permutations.</exception>
    public static IReadOnlyList<JsonObject> Combine(string? strategy, IReadOnlyList<InputSource> sources, bool includeEmptyProviders) =>
        strategy switch
        {
            null or "" or FlattenName => Flatten(sources),
            PermuteName => Permute(sources, includeEmptyProviders),
            _ => throw new InputException($"unknown input strategy: '{strategy}'"),
        };

    /// <summary>Concatenates every source's sets in order, each with its <c>provider</c> key.</summary>
    public static IReadOnlyList<JsonObject> Flatten(IReadOnlyList<InputSource> sources)
    {
        var result = new List<JsonObject>();
        foreach (var source in sources)
        {
            foreach (var input in source.Inputs)
            {
                result.Add(WithProvider(input, source));
            }
        }

        return result;
    }

    /// <summary>The Cartesian product of the sources (last source varying fastest), each set scoped under its source's
    /// normalized name, with <c>id</c> = the Adler-32 of <c>name=index/…</c>.</summary>
    /// <exception cref="InputException">A name normalizes to nothing, or the product would exceed <see cref="MaxPermutations"/>.</exception>
    public static IReadOnlyList<JsonObject> Permute(IReadOnlyList<InputSource> sources, bool includeEmptyProviders)
    {
        var included = new List<(string Key, InputSource Source)>();
        long product = 1;
        foreach (var source in sources)
        {
            try
            {
                var key = InputId.NormalizeKey(source.Name);
                if (key.Length == 0)
                {
                    throw new InputException($"normalized provider name is empty: '{source.Name}'");
                }

                if (source.Inputs.Count == 0 && !includeEmptyProviders)
                {
                    continue;
                }

                product *= source.Inputs.Count;
                if (product > MaxPermutations)
                {
                    throw new InputException(
                        $"adding provider '{source.Name}' with {source.Inputs.Count} inputs would exceed the maximum allowed permutations. max: {MaxPermutations}, got: {product}");
                }

                included.Add((key, source));
            }
            catch (InputException e)
            {
                throw new InputException($"failed to get inputs from {source.Kind}/{source.Name}: {e.Message}");
            }
        }

        var result = new List<JsonObject>();
        if (included.Count == 0 || product == 0)
        {
            return result;
        }

        var indices = new int[included.Count];
        while (true)
        {
            var permutation = new JsonObject();
            var id = new StringBuilder();
            for (var k = 0; k < included.Count; k++)
            {
                var (key, source) = included[k];
                permutation[key] = WithProvider(source.Inputs[indices[k]], source);
                if (k > 0)
                {
                    id.Append('/');
                }

                id.Append(key).Append('=').Append(indices[k]);
            }

            permutation["id"] = InputId.Compute(id.ToString());
            result.Add(permutation);

            // Odometer: the last source varies fastest.
            var position = included.Count - 1;
            while (position >= 0 && ++indices[position] == included[position].Source.Inputs.Count)
            {
                indices[position] = 0;
                position--;
            }

            if (position < 0)
            {
                return result;
            }
        }
    }

    private static JsonObject WithProvider(JsonObject input, InputSource source)
    {
        var copy = (JsonObject)input.DeepClone();
        copy["provider"] = new JsonObject
        {
            ["apiVersion"] = InputSource.ApiVersion,
            ["kind"] = source.Kind,
            ["name"] = source.Name,
            ["namespace"] = source.Namespace,
        };
        return copy;
    }
}
