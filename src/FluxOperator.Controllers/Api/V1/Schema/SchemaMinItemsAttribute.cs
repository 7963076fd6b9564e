namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>OpenAPI <c>minItems</c> of a list.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaMinItemsAttribute(int count) : Attribute
{
    /// <summary>The minimum number of items.</summary>
    public int Count { get; } = count;
}
