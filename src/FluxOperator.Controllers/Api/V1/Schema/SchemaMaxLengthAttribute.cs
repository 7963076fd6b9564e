namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>OpenAPI <c>maxLength</c> of a string.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaMaxLengthAttribute(int length) : Attribute
{
    /// <summary>The maximum length in characters.</summary>
    public int Length { get; } = length;
}
