using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.ResourceSets.Building;

/// <summary>One origin of input sets: the ResourceSet itself (its <c>spec.inputs</c>) or one input provider
/// (its <c>status.exportedInputs</c>), already decoded to JSON objects.</summary>
/// <param name="Kind"><c>ResourceSet</c> or <c>ResourceSetInputProvider</c>; written into each set's <c>provider</c> key.</param>
/// <param name="Name">The object's name (raw; permutations use its normalized form).</param>
/// <param name="Namespace">The object's namespace.</param>
/// <param name="Inputs">The input sets in spec/status order.</param>
public sealed record InputSource(string Kind, string Name, string Namespace, IReadOnlyList<JsonObject> Inputs)
{
    /// <summary>The API version written into each set's <c>provider</c> key.</summary>
    public const string ApiVersion = "fluxcd.controlplane.io/v1";
}

/// <summary>Input gathering or combining failed; the message is the upstream wording.</summary>
public sealed class InputException(string message) : Exception(message);
