namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>Names and scope of a custom resource, for the CRD generator.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CustomResourceAttribute(string plural, string singular) : Attribute
{
    /// <summary>Plural resource name (<c>fluxinstances</c>).</summary>
    public string Plural { get; } = plural;

    /// <summary>Singular resource name (<c>fluxinstance</c>).</summary>
    public string Singular { get; } = singular;

    /// <summary>Short names accepted by kubectl.</summary>
    public string[] ShortNames { get; init; } = [];

    /// <summary>Categories (<c>kubectl get fluxcd</c>).</summary>
    public string[] Categories { get; init; } = [];

    /// <summary>True for namespaced resources.</summary>
    public bool Namespaced { get; init; } = true;

    /// <summary>True when the <c>status</c> subresource is enabled.</summary>
    public bool StatusSubresource { get; init; } = true;
}
