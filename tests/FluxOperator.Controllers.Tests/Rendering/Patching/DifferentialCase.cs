namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>One differential case: the root kustomization fragment (patches, namespace, …) and an optional nested layer.</summary>
/// <param name="Name">What the case pins, used as the theory's data label.</param>
/// <param name="Root">kustomization.yaml lines besides <c>resources</c> for the root layer.</param>
/// <param name="Nested">When set, a nested layer over the same base objects with these lines, included by the root.</param>
/// <param name="SameMessage">For failing cases: kustomize's error must contain our reason verbatim.</param>
public sealed record DifferentialCase(string Name, string Root, string? Nested = null, bool SameMessage = true)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
