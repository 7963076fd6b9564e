namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>OpenAPI <c>maxItems</c> of a list.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaMaxItemsAttribute(int count) : Attribute
{
    /// <summary>The maximum number of items.</summary>
    public int Count { get; } = count;
}
